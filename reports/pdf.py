"""HTML to PDF: the restricted URL fetcher, the shared layout's context and the rendering.

WeasyPrint fetches nothing but `data:` URLs and our own static files (see `ReportURLFetcher`), and
writes tagged PDF/UA-1 with a title that names places, never people. Every kind's template
extends "reports/pdf/base.html" (cover in the municipality's colours, table of contents, page
numbers); its context starts from `base_context`.
"""

from __future__ import annotations

import base64
import logging
import mimetypes
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils._os import safe_join
from django.utils.translation import gettext as _
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from wup.models import Municipality, Neighbourhood
from wup.theme import contrast_text_colour

from .kinds import registered
from .models import Report

logger = logging.getLogger(__name__)

# Relative URLs in the report's HTML resolve against this origin; the fetcher maps its STATIC_URL
# paths to our static files and refuses everything else. `.invalid` never resolves (RFC 2606).
INTERNAL_ORIGIN = "https://wijkwaarde.invalid"
MAX_STATIC_BYTES = 5 * 1024 * 1024
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


# ---------------------------------------------------------------------------------------------
# The URL fetcher


class ReportURLFetcher(URLFetcher):
    """Serve `data:` URLs and our own static files; refuse everything else.

    No `file://`, no http(s) to anywhere (not even to ourselves), no redirects. Refused URLs are
    kept in `refused` and logged; WeasyPrint then renders without the resource.
    """

    def __init__(self) -> None:
        super().__init__(
            timeout=5, allowed_protocols={"data"}, allow_redirects=False, fail_on_errors=False
        )
        self.refused: list[str] = []
        self.served: list[str] = []

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        if url[:5].lower() == "data:":
            self.served.append("data:")
            return super().fetch(url, headers)
        path = static_path_for(url)
        if path is None:
            self.refused.append(url)
            logger.warning("report fetcher refused %s", url[:200])
            raise ValueError(f"URL refused in reports: {url[:200]}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        self.served.append(url)
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})


def static_path_for(url: str) -> Path | None:
    """Return the local file of one of our static URLs, or None for any other URL."""
    prefix = INTERNAL_ORIGIN + settings.STATIC_URL
    if not url.startswith(prefix):
        return None
    parts = urlsplit(url)
    relative = unquote(parts.path)[len(settings.STATIC_URL) :]
    segments = relative.split("/")
    if not relative or "\\" in relative or "\x00" in relative or ".." in segments:
        return None
    candidates: list[str] = []
    if settings.STATIC_ROOT:
        try:
            candidates.append(safe_join(str(settings.STATIC_ROOT), relative))
        except Exception:  # SuspiciousFileOperation and friends: not ours.
            return None
    found = finders.find(relative)
    if found:
        candidates.append(found if isinstance(found, str) else found[0])
    for candidate in candidates:
        path = Path(candidate)
        if path.is_file() and path.stat().st_size <= MAX_STATIC_BYTES:
            return path
    return None


# ---------------------------------------------------------------------------------------------
# The shared layout


def svg_data_url(svg: str) -> str:
    """Return an SVG as a data: URL, the only kind of image the report fetcher lets through."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def _logo_data_url(municipality: Municipality) -> str:
    """Return the municipality's logo as a data: URL (read from our storage), or ""."""
    if not municipality.logo:
        return ""
    content_type = mimetypes.guess_type(municipality.logo.name)[0] or ""
    if content_type not in {"image/png", "image/jpeg", "image/webp"}:
        return ""
    try:
        with municipality.logo.open("rb") as f:
            data = f.read(settings.LOGO_MAX_BYTES + 1)
    except OSError:
        return ""
    if len(data) > settings.LOGO_MAX_BYTES:
        return ""
    return f"data:{content_type};base64," + base64.b64encode(data).decode()


def css_string(text: str) -> str:
    """Return text as a quoted CSS string: everything but letters, digits and spaces escaped."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text) + '"'


def _page_label_css() -> str:
    """Return the CSS `content` value for "pagina X van Y", from one translatable string."""
    label = _("pagina {page} van {pages}")
    before, _sep, rest = label.partition("{page}")
    middle, _sep, after = rest.partition("{pages}")
    return " ".join(
        [
            css_string(before),
            "counter(page)",
            css_string(middle),
            "counter(pages)",
            css_string(after),
        ]
    )


def base_context(municipality: Municipality, neighbourhood: Neighbourhood | None = None) -> dict:
    """Return what reports/pdf/base.html needs: theme colours, logo, page labels, the date."""
    colour = municipality.theme_colour if HEX_COLOUR.match(municipality.theme_colour) else "#154273"
    return {
        "municipality": municipality,
        "neighbourhood": neighbourhood,
        "theme_colour": colour,
        "theme_text_colour": contrast_text_colour(colour),
        "logo": _logo_data_url(municipality),
        "page_label": _page_label_css(),
        "css_municipality": css_string(municipality.name),
        "generated_on": timezone.localdate(),
    }


# ---------------------------------------------------------------------------------------------
# Rendering


def render_html(report: Report) -> str:
    """Return the report's HTML (the PDF's source), made by its kind."""
    kind = registered(report.kind)
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(kind.template, kind.context(report))


def html_to_pdf(html: str, fetcher: ReportURLFetcher | None = None) -> bytes:
    """Render HTML to a tagged PDF/UA-1 with the restricted fetcher."""
    fetcher = fetcher or ReportURLFetcher()
    document = HTML(string=html, base_url=INTERNAL_ORIGIN + "/", url_fetcher=fetcher)
    return document.write_pdf(pdf_variant="pdf/ua-1", attachments=None)


def render(report: Report) -> bytes:
    """Return the report as PDF bytes."""
    return html_to_pdf(render_html(report))


def file_name(report: Report) -> str:
    """Return the storage name of a report's file: one fixed name per report row."""
    created = report.created_at or timezone.now()
    return f"reports/{created:%Y/%m}/{report.kind}-{report.pk}.pdf"
