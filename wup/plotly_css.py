"""Plotly's own styles as a stylesheet, so chart pages need no inline <style> (the CSP allows
none: style-src 'self').

plotly.js adds its global rules to a <style> element it creates at load time, unless an element
with id "plotly.js-style-global" and class "no-inline-styles" is already on the page;
static/js/charts.js adds that marker before it loads Plotly, and the pages that draw charts link
static/css/plotly.css instead. That file is made from the bundled plotly.min.js:

    .venv/bin/python -m wup.plotly_css > static/css/plotly.css

tests/wup/test_plotly_css.py fails when a Plotly upgrade changes the rules and the file was not
made again.
"""

from __future__ import annotations

import re
import sys

from django.conf import settings

_STRING = r"""("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')"""
_RULES = re.compile(r'\{("X,X div":.*?)\};for\((\w+) in ', re.S)
_PAIR = re.compile(_STRING + ":" + _STRING)


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text[1:-1])


def rules(bundle: str) -> list[tuple[str, str]]:
    """Plotly's global rules (selector, declarations) in the order it inserts them."""
    match = _RULES.search(bundle)
    if match is None:
        raise ValueError("plotly.min.js: the global style rules were not found")
    found = []
    for selector, declarations in _PAIR.findall(match.group(1)):
        selector = _unquote(selector)
        selector = re.sub(r"^,", " ,", selector)
        selector = selector.replace("X", ".js-plotly-plot .plotly").replace("Y", ".plotly-notifier")
        found.append((selector, _unquote(declarations)))
    return found


def stylesheet(bundle: str) -> str:
    """The stylesheet: each rule Plotly inserts goes before the ones already there, so the
    file lists them last first, which keeps their cascade."""
    lines = ["/* Made from plotly.js's bundle by wup/plotly_css.py; do not edit. */"]
    lines += [f"{selector}{{{declarations}}}" for selector, declarations in reversed(rules(bundle))]
    return "\n".join(lines) + "\n"


def main() -> None:  # pragma: no cover - the command line
    import django

    django.setup()
    sys.stdout.write(stylesheet(settings.PLOTLY_JS.read_text(encoding="utf-8")))


if __name__ == "__main__":  # pragma: no cover
    main()
