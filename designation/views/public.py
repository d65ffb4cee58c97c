"""The public page of a municipality's warmteprogramma: the adopted version, its sequence of
neighbourhoods and where each designation stands. Never a draft; no names."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_safe

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


routes: list[URLPattern] = [
    path("<slug:municipality_slug>/warmteprogramma/", public_programme, name="public_programme"),
]
