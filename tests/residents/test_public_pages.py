import pytest
from django.urls import reverse

from tests.factories import CbsAreaFactory, NeighbourhoodFactory, PartyFactory
from wup.models import Phase


@pytest.fixture
def many_neighbourhoods(municipality):
    """Enough rows that a query per row would show in the counts."""
    for i in range(25):
        neighbourhood = NeighbourhoodFactory(municipality=municipality, name=f"Buurt {i:02d}")
        CbsAreaFactory(neighbourhood=neighbourhood)
        PartyFactory(municipality=municipality).neighbourhoods.add(neighbourhood)


def test_home_lists_municipalities_with_their_neighbourhood_count(client, neighbourhood):
    response = client.get(reverse("residents:home"))
    assert "Gemeente Testdal" in response.text
    assert "1 wijk" in response.text


def test_municipality_page_lists_phase_solution_and_year(client, municipality):
    NeighbourhoodFactory(
        municipality=municipality,
        name="Molenbuurt",
        phase=Phase.DECIDING,
        planned_gas_free_year=2033,
    )
    response = client.get(reverse("residents:municipality", args=["testdal"]))
    assert response.status_code == 200
    assert "Molenbuurt" in response.text
    assert "Besluitvorming" in response.text
    assert "2033" in response.text


def test_municipality_search_filters_by_name(client, municipality):
    NeighbourhoodFactory(municipality=municipality, name="Molenbuurt")
    NeighbourhoodFactory(municipality=municipality, name="Rivierzicht")
    response = client.get(reverse("residents:municipality", args=["testdal"]), {"q": "molen"})
    assert "Molenbuurt" in response.text
    assert "Rivierzicht" not in response.text


def test_htmx_search_returns_only_the_results_fragment(client, municipality):
    NeighbourhoodFactory(municipality=municipality, name="Molenbuurt")
    response = client.get(
        reverse("residents:municipality", args=["testdal"]),
        {"q": "molen"},
        headers={"HX-Request": "true"},
    )
    # Only the contents: the live region itself stays on the page, so it announces the change.
    assert 'id="results"' not in response.text
    assert "<html" not in response.text
    assert "Molenbuurt" in response.text


def test_municipality_page_runs_five_queries_however_many_neighbourhoods(
    client, municipality, many_neighbourhoods, django_assert_num_queries
):
    # The municipality, the list, the map's boundaries (tests/wup/test_svg_map.py), the
    # adopted warmteprogramma and the public council reports.
    with django_assert_num_queries(5):
        client.get(reverse("residents:municipality", args=["testdal"]))


def test_home_runs_one_query(client, many_neighbourhoods, django_assert_num_queries):
    with django_assert_num_queries(1):
        client.get(reverse("residents:home"))


def test_neighbourhood_page_shows_summary_key_figures_and_parties(client, neighbourhood, party):
    CbsAreaFactory(neighbourhood=neighbourhood, homes=1000, avg_gas_m3=1200, code="BU99990001")
    CbsAreaFactory(neighbourhood=neighbourhood, homes=3000, avg_gas_m3=1000, code="BU99990002")
    response = client.get(reverse("residents:neighbourhood", args=["testdal", "bloemenwijk"]))
    assert "rijtjeshuizen uit de jaren zestig" in response.text
    assert "4000" in response.text  # homes summed over both CBS areas
    assert "1050 m³" in response.text  # gas use weighted by homes
    assert "Woonstichting Testdal" in response.text
    assert "BU99990001" in response.text


def test_neighbourhood_page_query_count_does_not_grow_with_parties(
    client, neighbourhood, django_assert_num_queries
):
    for _ in range(10):
        PartyFactory(municipality=neighbourhood.municipality).neighbourhoods.add(neighbourhood)
        CbsAreaFactory(neighbourhood=neighbourhood)
    # The page composes each app's part; each part costs a fixed number of queries (the
    # roadmap is read once for the brief, the story and the timeline; the sessions once for the
    # dialogue part, the story and the timeline; the answered questions once for the questions
    # part and the timeline; the warmteprogramma's entry and the designation track, and the
    # timeline's designation steps; whether the participatieverslag is published, once), and
    # one for the households that took part.
    with django_assert_num_queries(16):
        client.get(reverse("residents:neighbourhood", args=["testdal", "bloemenwijk"]))


def test_neighbourhood_of_another_municipality_is_not_found_under_this_one(client, neighbourhood):
    other = NeighbourhoodFactory(slug="elders")
    response = client.get(reverse("residents:neighbourhood", args=["testdal", other.slug]))
    assert response.status_code == 404


def test_theme_css_sets_brand_colours_with_readable_text(client, municipality):
    municipality.theme_colour = "#ffdd00"
    municipality.save()
    response = client.get(reverse("residents:theme_css", args=["testdal"]))
    assert response["Content-Type"].startswith("text/css")
    assert "--ww-brand-background:#ffdd00" in response.text
    assert "--ww-brand-color:#000000" in response.text


def test_pages_carry_a_nonce_based_content_security_policy(client, municipality):
    response = client.get(reverse("residents:municipality", args=["testdal"]))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy
    assert "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.text


def test_public_pages_have_no_inline_scripts_or_styles(client, neighbourhood, party):
    for url in (
        reverse("residents:home"),
        reverse("residents:municipality", args=["testdal"]),
        reverse("residents:neighbourhood", args=["testdal", "bloemenwijk"]),
    ):
        html = client.get(url).text
        assert " style=" not in html
        assert "<style" not in html
        for chunk in html.split("<script")[1:]:
            assert " src=" in chunk.split(">")[0], f"inline script on {url}"


def test_page_is_dutch_by_default_and_english_after_switching(client, municipality):
    response = client.get(reverse("residents:municipality", args=["testdal"]))
    assert '<html lang="nl"' in response.text
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("residents:municipality", args=["testdal"]))
    assert '<html lang="en"' in response.text
    assert "Find your neighbourhood" in response.text


def test_an_english_browser_still_gets_dutch_until_the_switch_is_used(client, municipality):
    url = reverse("residents:municipality", args=["testdal"])
    response = client.get(url, headers={"Accept-Language": "en-US,en;q=0.9"})
    assert '<html lang="nl"' in response.text
    assert response["Content-Language"] == "nl"
