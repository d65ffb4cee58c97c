"""The pieces every SVG shares: escaped text, short numbers, the legend of swatches."""

from wup.svg import Swatch, legend, number, text


def test_text_is_escaped_for_elements_and_attributes():
    assert text('<a href="x">Tom & Jerry\'s</a>') == (
        "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#x27;s&lt;/a&gt;"
    )
    assert text(12.5) == "12.5"


def test_numbers_have_one_decimal_at_most_and_no_minus_zero():
    assert number(12.0) == "12"
    assert number(12.34) == "12.3"
    assert number(-0.04) == "0"
    assert number(-1.25) == "-1.2"  # rounded half to even, as round() does


def test_a_legend_names_every_swatch_and_escapes_what_it_is_given():
    html = legend(
        [Swatch("#007bc7", "Verkennen"), Swatch("url(#p)", "A & B", defs='<pattern id="p"/>')],
        heading="Kleur <kop>",
        size=20,
    )
    assert html.startswith('<div class="ww-map-legend"><p class="ww-map-legend__heading">')
    assert "Kleur &lt;kop&gt;" in html
    assert html.count('<li class="ww-map-legend__item">') == 2
    assert 'viewBox="0 0 20 20" width="20" height="20"' in html
    assert 'width="19" height="19" fill="#007bc7" stroke="#0b0c0c"' in html
    assert '<defs><pattern id="p"/></defs>' in html
    assert "A &amp; B</li>" in html


def test_a_legend_without_heading_has_none():
    assert "ww-map-legend__heading" not in legend([Swatch("#000000", "Zwart")])
