"""Text that people typed, on its way into a Plotly figure.

Plotly draws a small set of HTML tags in every text it shows (titles, axis labels, hover text):
`<a href>` becomes a real link, `<b>` bold. A milestone title or an indicator name is plain text,
so its `<`, `>` and `&` are written as entities, which Plotly shows as the characters themselves.
"""

from __future__ import annotations

from html import escape


def plotly_text(value: object) -> str:
    """Return `value` as Plotly shows it literally, whatever characters it holds."""
    return escape(str(value), quote=False)
