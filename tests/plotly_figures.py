"""Our chart figures checked with plotly's figure classes, which know the plot schema of the
plotly.js the pages load: the Python plotly package bundles that plotly.js, and we serve its copy
as vendor/plotly/plotly.min.js (settings.STATICFILES_FILES).

The pages build their figures as plain dicts, in microseconds. Through go.Figure the same figure
takes about a millisecond (a dozen on the council's neighbourhood page), and the first one in a
process some 60 ms and 16 MB: so plotly checks them here, not in the request.
"""

from __future__ import annotations

import plotly.graph_objects as go


def assert_valid_figure(figure: dict) -> None:
    """Fail when plotly rejects a property or a value of the figure (its ValueError names it and
    lists what is valid there), or when it accepts the figure only by rewriting it (a title as a
    bare string, say): the browser gets our dict, not plotly's rewrite of it."""
    checked = go.Figure(figure).to_plotly_json()
    checked["layout"].pop("template", None)  # plotly's default look, which we do not send
    assert checked == figure, "plotly rewrote the figure: send what it would send"
