"""Every response carries a Permissions-Policy that refuses the features the site does not use,
and Plotly's styles come from a stylesheet (no inline <style> under the CSP)."""

import re

from django.conf import settings
from django.urls import reverse

from wup import plotly_css


def _policy(response) -> dict[str, str]:
    return dict(item.strip().split("=", 1) for item in response["Permissions-Policy"].split(","))


def test_every_response_refuses_camera_microphone_location_and_payment(client, neighbourhood):
    for url in ["/", reverse("residents:neighbourhood", args=["testdal", "bloemenwijk"]), "/x/"]:
        policy = _policy(client.get(url))
        for feature in ["camera", "microphone", "geolocation", "payment", "usb", "fullscreen"]:
            assert policy[feature] == "()", (url, feature)
        # Staff passkeys (WebAuthn) on our own pages.
        assert policy["publickey-credentials-get"] == "(self)"
        assert policy["publickey-credentials-create"] == "(self)"


def test_the_csp_allows_no_inline_styles():
    assert "'unsafe-inline'" not in settings.SECURE_CSP["style-src"]


def test_plotly_stylesheet_is_made_from_the_bundled_plotly():
    bundle = settings.PLOTLY_JS.read_text(encoding="utf-8")
    made = plotly_css.stylesheet(bundle)
    shipped = (settings.BASE_DIR / "static" / "css" / "plotly.css").read_text(encoding="utf-8")
    assert shipped == made, "run: .venv/bin/python -m wup.plotly_css > static/css/plotly.css"
    rules = dict(plotly_css.rules(bundle))
    assert rules[".js-plotly-plot .plotly .main-svg"].startswith("position:absolute")
    # The marker that stops Plotly from inlining them is still what the bundle looks for.
    assert '.matches(".no-inline-styles")' in bundle
    assert '"plotly.js-style-"' in bundle


def test_every_style_element_plotly_would_inject_is_kept_out_by_a_marker():
    bundle = settings.PLOTLY_JS.read_text(encoding="utf-8")
    charts = (settings.BASE_DIR / "static" / "js" / "charts.js").read_text(encoding="utf-8")
    guarded = re.findall(
        r'if\(!document\.getElementById\("([^"]+)"\)\)\{var \w+=document\.createElement\("style"\)',
        bundle,
    )
    assert guarded, "the pattern still finds Plotly's own guard"
    for element_id in guarded:
        assert f'"{element_id}"' in charts, element_id
    # Any other <style> Plotly makes goes through addRelatedStyleRule, which the marker stops.
    assert bundle.count('createElement("style")') == len(guarded) + 1
