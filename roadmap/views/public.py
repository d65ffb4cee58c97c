"""The public roadmap pages: the latest adopted version, an earlier one, and what changed between
two. Only adopted versions, read from their snapshots (roadmap.public builds the page)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.views.decorators.http import require_safe

from roadmap.models import RoadmapVersion
from roadmap.public import build_page, versions_of
from roadmap.snapshots import diff, shown_extra_sections
from wup.models import Neighbourhood


def _neighbourhood(municipality_slug: str, neighbourhood_slug: str) -> Neighbourhood:
    return get_object_or_404(
        Neighbourhood.objects.select_related("municipality"),
        slug=neighbourhood_slug,
        municipality__slug=municipality_slug,
    )


def _render_version(
    request: HttpRequest, neighbourhood: Neighbourhood, number: int | None
) -> HttpResponse:
    history = list(versions_of(neighbourhood))
    context = {
        "municipality": neighbourhood.municipality,
        "neighbourhood": neighbourhood,
        "page": None,
    }
    if history:
        wanted = history[0].number if number is None else number
        version = get_object_or_404(
            RoadmapVersion, roadmap__neighbourhood=neighbourhood, number=wanted
        )
        context["page"] = build_page(neighbourhood, version, history)
        context["extra_sections"] = shown_extra_sections(version.snapshot)
    elif number is not None:
        raise Http404
    return render(request, "roadmap/public/roadmap.html", context)


@require_safe
def roadmap_page(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str
) -> HttpResponse:
    """The latest adopted roadmap of a neighbourhood, or a notice that there is none yet."""
    neighbourhood = _neighbourhood(municipality_slug, neighbourhood_slug)
    return _render_version(request, neighbourhood, None)


@require_safe
def version_page(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str, number: int
) -> HttpResponse:
    """An earlier (or the latest) adopted version, as it was adopted."""
    neighbourhood = _neighbourhood(municipality_slug, neighbourhood_slug)
    return _render_version(request, neighbourhood, number)


@require_safe
def version_diff(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str, a: int, b: int
) -> HttpResponse:
    """What changed between two adopted versions."""
    neighbourhood = _neighbourhood(municipality_slug, neighbourhood_slug)
    versions = {
        v.number: v
        for v in RoadmapVersion.objects.filter(
            roadmap__neighbourhood=neighbourhood, number__in=[a, b]
        )
    }
    if a not in versions or b not in versions:
        raise Http404
    old, new = versions[a], versions[b]
    return render(
        request,
        "roadmap/public/diff.html",
        {
            "municipality": neighbourhood.municipality,
            "neighbourhood": neighbourhood,
            "old": old,
            "new": new,
            "diff": diff(old.snapshot, new.snapshot),
        },
    )


routes = [
    path("", roadmap_page, name="public"),
    path("versies/<int:number>/", version_page, name="public_version"),
    path("verschil/<int:a>/<int:b>/", version_diff, name="public_diff"),
]
