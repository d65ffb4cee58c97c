"""The public page of a municipality's warmteprogramma: the adopted version, its sequence of
neighbourhoods and where each designation stands. Never a draft; no names."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_safe

from designation.models import Evidence
from designation.public import programme_page
from wup.models import Municipality


@require_safe
def public_programme(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    municipality = get_object_or_404(Municipality, slug=municipality_slug)
    return render(
        request,
        "designation/public/programme.html",
        {"municipality": municipality, "page": programme_page(municipality)},
    )


@require_safe
def evidence_file(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str, pk: int
) -> FileResponse:
    """An uploaded piece of evidence of a safeguard: public, as the verdict it supports."""
    evidence = get_object_or_404(
        Evidence,
        pk=pk,
        assessment__safeguard__roadmap__neighbourhood__slug=neighbourhood_slug,
        assessment__safeguard__roadmap__neighbourhood__municipality__slug=municipality_slug,
    )
    if not evidence.file:
        raise Http404
    return FileResponse(
        evidence.file.open("rb"),
        content_type="application/pdf",
        as_attachment=False,
        filename=f"bewijsstuk-{evidence.pk}.pdf",
    )


routes: list[URLPattern] = [
    path("<slug:municipality_slug>/warmteprogramma/", public_programme, name="public_programme"),
    path(
        "<slug:municipality_slug>/<slug:neighbourhood_slug>/aanwijzing/bewijs/<int:pk>/",
        evidence_file,
        name="evidence_file",
    ),
]
