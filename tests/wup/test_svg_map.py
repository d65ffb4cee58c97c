import math
import re

import pytest
from django.urls import reverse

from tests.factories import CbsAreaFactory, NeighbourhoodFactory
from wup.models import Phase
from wup.svg_map import PHASE_COLOURS, LabelStyle, MapArea, legend, phase_colour, render_map
from wup.theme import contrast_ratio


def square(west, south, width, height):
    return [
        [west, south],
        [west + width, south],
        [west + width, south + height],
        [west, south + height],
        [west, south],
    ]


def polygon(*rings):
    return {"type": "Polygon", "coordinates": list(rings)}


def area(name="Bloemenwijk", geometry=None, **kwargs):
    return MapArea(
        name=name,
        url=kwargs.pop("url", "/testdal/bloemenwijk/"),
        geometry=geometry if geometry is not None else polygon(square(5.1, 52.1, 0.01, 0.01)),
        fill=kwargs.pop("fill", "#007bc7"),
        label=kwargs.pop("label", "fase Verkennen"),
    )


def view_box(svg):
    return [float(v) for v in re.search(r'viewBox="([^"]+)"', svg).group(1).split()]


def test_projection_keeps_the_aspect_of_a_square_on_the_ground():
    # 0.01° of latitude is 0.01 / cos(52.1°) ≈ 0.0163° of longitude on the ground at 52.1° N.
    lon_span = 0.01 / math.cos(math.radians(52.105))
    svg = render_map(
        [area(geometry=polygon(square(5.1, 52.1, lon_span, 0.01)))],
        title="Kaart",
        description="Wijken",
        padding=0,
    )
    width, height = view_box(svg)[2:]
    assert width == pytest.approx(height, abs=0.2)
    assert width == pytest.approx(640, abs=0.1)


def test_projection_keeps_a_wide_area_wide_and_fits_it_in_the_view_box():
    svg = render_map(
        [area(geometry=polygon(square(5.0, 52.0, 0.2, 0.05)))],
        title="Kaart",
        description="Wijken",
        padding=10,
    )
    width, height = view_box(svg)[2:]
    assert width == 640
    ratio = (0.2 * math.cos(math.radians(52.025))) / 0.05
    assert (width - 20) / (height - 20) == pytest.approx(ratio, rel=0.01)
    d = re.search(r' d="([^"]+)"', svg).group(1)
    xs = [float(x) for x, _y in re.findall(r"(-?[\d.]+) (-?[\d.]+)", d)]
    assert min(xs) == 10
    assert max(xs) == 630


def test_coordinates_are_rounded_to_one_decimal():
    svg = render_map([area()], title="Kaart", description="Wijken")
    d = re.search(r' d="([^"]+)"', svg).group(1)
    numbers = re.findall(r"-?\d+(?:\.\d+)?", d)
    assert numbers
    assert all(len(n.partition(".")[2]) <= 1 for n in numbers)


def test_multipolygon_with_a_hole_is_drawn_as_one_path_with_evenodd_fill():
    outer = square(5.0, 52.0, 0.04, 0.04)
    hole = square(5.01, 52.01, 0.01, 0.01)
    island = square(5.06, 52.0, 0.01, 0.01)
    geometry = {"type": "MultiPolygon", "coordinates": [[outer, hole], [island]]}
    svg = render_map([area(geometry=geometry)], title="Kaart", description="Wijken")
    paths = re.findall(r"<path [^>]*>", svg)
    assert len(paths) == 1
    assert 'fill-rule="evenodd"' in paths[0]
    d = re.search(r' d="([^"]+)"', paths[0]).group(1)
    assert d.count("M") == 3  # outer ring, hole, island
    assert d.count("Z") == 3


def test_area_without_geometry_is_left_out():
    svg = render_map(
        [
            area(name="Met grens"),
            MapArea(name="Zonder grens", url="/x/", geometry=None, fill="#007bc7"),
            MapArea(
                name="Een punt",
                url="/y/",
                geometry={"type": "Point", "coordinates": [5, 52]},
                fill="#007bc7",
            ),
        ],
        title="Kaart",
        description="Wijken",
    )
    assert "Met grens" in svg
    assert "Zonder grens" not in svg
    assert "Een punt" not in svg
    assert svg.count("<a ") == 1


def test_no_drawable_area_still_gives_a_valid_empty_map():
    svg = render_map([MapArea("Leeg", "/x/", None, "#007bc7")], title="Kaart", description="W")
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "<a " not in svg


def test_names_and_urls_are_escaped():
    svg = render_map(
        [area(name="<script>alert(1)</script>", url='/x/?a=1&b="2"', label="fase <b>")],
        title="Kaart van <Testdal>",
        description="Wijken & buurten",
    )
    assert "<script>" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert 'href="/x/?a=1&amp;b=&quot;2&quot;"' in svg
    assert "fase &lt;b&gt;" in svg
    assert "Kaart van &lt;Testdal&gt;" in svg
    assert "Wijken &amp; buurten" in svg


def test_map_is_a_labelled_group_and_every_area_is_a_link_with_a_title():
    areas = [
        area(
            name=f"Buurt {i}",
            url=f"/testdal/buurt-{i}/",
            geometry=polygon(square(5.0 + i * 0.01, 52.0, 0.01, 0.01)),
        )
        for i in range(4)
    ]
    svg = render_map(areas, title="Kaart van Testdal", description="Elke wijk is een link.")
    assert re.match(r'<svg [^>]*role="group"', svg)
    assert 'role="img"' not in svg
    assert 'aria-labelledby="ww-map-title"' in svg
    assert '<title id="ww-map-title">Kaart van Testdal</title>' in svg
    links = re.findall(r'<a class="ww-map__area" href="([^"]+)"><title>([^<]+)</title><path ', svg)
    assert links == [(f"/testdal/buurt-{i}/", f"Buurt {i}, fase Verkennen") for i in range(4)]
    assert 'tabindex="-1"' not in svg


def test_names_are_drawn_only_where_they_fit():
    svg = render_map(
        [
            area(name="Groot", geometry=polygon(square(5.0, 52.0, 0.1, 0.1))),
            area(
                name="Een heel lange naam voor een smalle strook",
                geometry=polygon(square(5.1, 52.0, 0.005, 0.1)),
            ),
        ],
        title="Kaart",
        description="Wijken",
    )
    labels = re.findall(r'<text [^>]*aria-hidden="true">([^<]+)</text>', svg)
    assert labels == ["Groot"]


def test_label_text_is_readable_on_its_fill():
    svg = render_map(
        [
            area(name="Donker", fill="#42145f"),
            area(name="Licht", fill="#e17000", geometry=polygon(square(5.2, 52.1, 0.01, 0.01))),
        ],
        title="Kaart",
        description="Wijken",
    )
    assert re.search(r'fill="#ffffff"[^>]*>Donker</text>', svg)
    assert re.search(r'fill="#000000"[^>]*>Licht</text>', svg)


def test_patterns_as_fills_and_names_on_a_halo():
    svg = render_map(
        [area(name="Gestreept", fill="url(#p-x)")],
        title="Kaart",
        description="Wijken",
        defs='<pattern id="p-x"/>',
        label_style=LabelStyle(ink="#0b0c0c", halo="#ffffff", halo_width=5),
    )
    # The patterns come before the areas that use them.
    assert svg.index('<defs><pattern id="p-x"/></defs>') < svg.index('fill="url(#p-x)"')
    halo, name = re.findall(r"<text [^>]*>Gestreept</text>", svg)
    assert 'fill="#ffffff" stroke="#ffffff" stroke-width="5"' in halo
    assert 'fill="#0b0c0c" stroke="none"' in name


def test_every_phase_has_its_own_colour_with_3_to_1_contrast_against_white():
    colours = [phase_colour(phase) for phase in Phase]
    assert len(set(colours)) == len(Phase) == len(PHASE_COLOURS)
    for colour in colours:
        assert contrast_ratio(colour, "#ffffff") >= 3


def test_legend_lists_each_colour_with_its_label():
    html = legend([("#007bc7", "Verkennen"), ("#e17000", "<Besluitvorming>")], heading="Fase")
    assert '<p class="ww-map-legend__heading">Fase</p>' in html
    assert re.findall(r'fill="(#[0-9a-f]{6})" stroke="#0b0c0c"/></svg>([^<]+)</li>', html) == [
        ("#007bc7", "Verkennen"),
        ("#e17000", "&lt;Besluitvorming&gt;"),
    ]
    assert 'aria-hidden="true"' in html


# The municipality page ------------------------------------------------------------------------


def test_municipality_page_shows_a_map_of_neighbourhoods_coloured_by_phase(client, municipality):
    molen = NeighbourhoodFactory(
        municipality=municipality, name="Molenbuurt", slug="molenbuurt", phase=Phase.DECIDING
    )
    CbsAreaFactory(neighbourhood=molen, geometry=polygon(square(5.1, 52.1, 0.01, 0.01)))
    # A second CBS area of the same neighbourhood joins its outline; an older year is left out.
    CbsAreaFactory(neighbourhood=molen, geometry=polygon(square(5.11, 52.1, 0.01, 0.01)))
    CbsAreaFactory(
        neighbourhood=molen, reference_year=2019, geometry=polygon(square(6.0, 53.0, 0.5, 0.5))
    )
    NeighbourhoodFactory(municipality=municipality, name="Zonder grens", slug="zonder-grens")
    response = client.get(reverse("residents:municipality", args=["testdal"]))
    html = response.text
    figure = html[html.index('<figure class="ww-map">') : html.index("</figure>")]
    assert "U kunt ook" in figure and "zoeken" in figure and "de lijst gebruiken" in figure
    assert 'role="group"' in figure
    assert (
        '<a class="ww-map__area" href="/testdal/molenbuurt/"><title>Molenbuurt, fase Besluitvorming'
        in figure
    )
    assert f'fill="{PHASE_COLOURS[Phase.DECIDING]}"' in figure
    assert re.search(r' d="([^"]+)"', figure).group(1).count("M") == 2
    assert "Zonder grens" not in figure  # no boundary: only in the list
    assert "Zonder grens" in html
    assert "ww-map-legend" in figure and "Beheer en evaluatie" in figure


def test_map_shows_every_neighbourhood_while_the_list_shows_the_search_results(
    client, municipality
):
    for name in ("Molenbuurt", "Rivierzicht"):
        n = NeighbourhoodFactory(municipality=municipality, name=name)
        CbsAreaFactory(neighbourhood=n, geometry=polygon(square(5.1, 52.1, 0.01, 0.01)))
    html = client.get(reverse("residents:municipality", args=["testdal"]), {"q": "molen"}).text
    figure = html[html.index('<figure class="ww-map">') : html.index("</figure>")]
    assert "Rivierzicht" in figure
    assert "Rivierzicht" not in html[html.index('id="results"') :]


def test_municipality_page_without_boundaries_has_no_map(client, neighbourhood):
    html = client.get(reverse("residents:municipality", args=["testdal"])).text
    assert "ww-map" not in html


def test_htmx_search_does_not_draw_the_map(client, municipality, django_assert_num_queries):
    n = NeighbourhoodFactory(municipality=municipality, name="Molenbuurt")
    CbsAreaFactory(neighbourhood=n, geometry=polygon(square(5.1, 52.1, 0.01, 0.01)))
    with django_assert_num_queries(2):
        response = client.get(
            reverse("residents:municipality", args=["testdal"]),
            {"q": "molen"},
            headers={"HX-Request": "true"},
        )
    assert "ww-map" not in response.text


def test_map_costs_one_query_however_many_neighbourhoods(
    client, municipality, django_assert_num_queries
):
    for i in range(30):
        n = NeighbourhoodFactory(municipality=municipality, name=f"Buurt {i:02d}")
        for j in range(2):
            CbsAreaFactory(
                neighbourhood=n,
                geometry=polygon(square(5.0 + i * 0.01, 52.0 + j * 0.01, 0.01, 0.01)),
            )
    # The municipality, the list, the map; the warmteprogramma and the public council reports.
    with django_assert_num_queries(5):
        html = client.get(reverse("residents:municipality", args=["testdal"])).text
    assert html.count('class="ww-map__area"') == 30
