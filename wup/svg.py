"""What every SVG drawn in Python shares, maps and charts alike: text and numbers put in safely,
and the legend of swatches beside a map.

The maps are wup/svg_map.py; what the charts of the PDF reports share besides is in
reports/svg.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

SWATCH_BORDER = "#0b0c0c"


def text(value: object) -> str:
    """Return a value as SVG text or attribute content, escaped."""
    return escape(str(value), quote=True)


def number(value: float) -> str:
    """Return a coordinate to one decimal, without a trailing .0 or a minus before zero."""
    formatted = f"{round(value, 1) + 0.0:.1f}"  # + 0.0 turns -0.0 into 0.0
    return formatted.removesuffix(".0")


@dataclass(frozen=True)
class Swatch:
    """One entry of a legend: a square in `fill` (a colour, or url(#id) of a pattern in our own
    `defs`) and what it means."""

    fill: str
    label: str
    defs: str = ""


def legend(swatches: Iterable[Swatch], *, heading: str = "", size: int = 16) -> SafeString:
    """Return an HTML list of swatches of `size` pixels, each followed by its label."""
    out = ['<div class="ww-map-legend">']
    if heading:
        out.append(f'<p class="ww-map-legend__heading">{text(heading)}</p>')
    out.append('<ul class="ww-map-legend__list" role="list">')
    for swatch in swatches:
        out.append(
            '<li class="ww-map-legend__item">'
            f'<svg class="ww-map-legend__swatch" viewBox="0 0 {size} {size}" width="{size}"'
            f' height="{size}" aria-hidden="true" focusable="false">'
            + (f"<defs>{swatch.defs}</defs>" if swatch.defs else "")
            + f'<rect x="0.5" y="0.5" width="{size - 1}" height="{size - 1}"'
            f' fill="{text(swatch.fill)}" stroke="{SWATCH_BORDER}"/>'
            f"</svg>{text(swatch.label)}</li>"
        )
    out.append("</ul></div>")
    # Every value above went through text(), except the swatches' `defs`: our own SVG markup.
    return mark_safe("".join(out))  # noqa: S308  # nosec B308 B703  # escaped above
