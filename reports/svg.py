"""What every chart in a PDF report shares: its font, ink and grid colours, and how text goes in.

The charts themselves belong to the app of their report (roadmap/svg_charts.py,
dialogue/svg_charts.py); each carries a <title> and a <desc> that say in words what it shows,
uses text labels rather than colour alone, and sits next to a table with the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass

from wup.svg import text

FONT = "'DejaVu Sans', sans-serif"
INK = "#1a1a1a"
MUTED = "#5c5c5c"
GRID = "#d0d0d0"
ACCENT = "#1f5f99"


def shorten(value: str, limit: int) -> str:
    """Return the text cut to `limit` characters with an ellipsis."""
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def chart_start(
    *,
    width: int,
    height: int,
    id_prefix: str,
    title: str,
    description: str,
    font_size: int,
    defs: str = "",
) -> list[str]:
    """Return the opening of a chart: the <svg> element in our font and ink, named by its
    <title> and described by its <desc>, our own `defs` markup when given, and a white
    background."""
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{id_prefix}-title {id_prefix}-desc" '
        f'font-family="{FONT}" font-size="{font_size}" fill="{INK}">',
        f'<title id="{id_prefix}-title">{text(title)}</title>',
        f'<desc id="{id_prefix}-desc">{text(description)}</desc>',
        *([f"<defs>{defs}</defs>"] if defs else []),
        '<rect width="100%" height="100%" fill="#ffffff"/>',
    ]


@dataclass(frozen=True)
class BarRows:
    """Where the rows of a horizontal bar chart go: each row's label right-aligned in the first
    `label_width` units, its bar from `plot_left`; rows `bar_height` high with `gap` between,
    the first at `top`, `right` units kept free after the plot and `bottom` below the rows."""

    width: int
    rows: int
    bar_height: int
    gap: int
    top: int
    right: int
    bottom: int
    label_width: int = 150

    @property
    def plot_left(self) -> int:
        return self.label_width + 10

    @property
    def plot_right(self) -> int:
        return self.width - self.right

    @property
    def rows_bottom(self) -> int:
        return self.row_top(self.rows)

    @property
    def height(self) -> int:
        return self.rows_bottom + self.bottom

    def row_top(self, index: int) -> int:
        return self.top + index * (self.bar_height + self.gap)

    def text_y(self, index: int) -> float:
        """The baseline of text beside a bar, centred on it."""
        return self.row_top(index) + self.bar_height / 2 + 4

    def label(self, index: int, content: str) -> str:
        """Return the row's label, right-aligned before the plot."""
        return (
            f'<text x="{self.label_width}" y="{self.text_y(index)}" text-anchor="end">'
            f"{text(content)}</text>"
        )
