"""The project's URLs plus the catch-up routes, until wup/urls.py mounts them.

The "wup" namespace is rebuilt with the two calendar routes in it, so reverse("wup:…") works for
every page; `catch_up_page` stands in for the neighbourhood page wired as the report proposes.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template import engines
from django.urls import include, path

from wup import calendar
from wup.models import Neighbourhood
from wup.timeline import catch_up, timeline_context, wants_timeline_only
from wup.urls import urlpatterns as site_urls

PAGE = engines["django"].from_string(
    '{% include "wup/timeline/_story.html" %}{% include "wup/timeline/_timeline.html" %}'
)


def catch_up_page(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str
) -> HttpResponse:
    neighbourhood = get_object_or_404(
        Neighbourhood.objects.for_page(),
        municipality__slug=municipality_slug,
        slug=neighbourhood_slug,
    )
    context = {"municipality": neighbourhood.municipality, "neighbourhood": neighbourhood}
    if wants_timeline_only(request):
        context |= timeline_context(neighbourhood, request.GET)
        return render(request, "wup/timeline/_timeline.html#events", context)
    context |= catch_up(neighbourhood, request.GET)
    return HttpResponse(PAGE.render(context, request))


timeline_routes = [
    path(
        "<slug:municipality_slug>/<slug:neighbourhood_slug>/agenda.ics",
        calendar.neighbourhood_ics,
        name="neighbourhood_ics",
    ),
    path(
        "<slug:municipality_slug>/<slug:neighbourhood_slug>/sessies/<int:pk>/agenda.ics",
        calendar.session_ics,
        name="session_ics",
    ),
    path(
        "<slug:municipality_slug>/<slug:neighbourhood_slug>/test-bijpraten/",
        catch_up_page,
        name="catch_up_test",
    ),
]

# The project's "wup" namespace, with the catch-up routes in front.
[wup_include] = [p for p in site_urls if getattr(p, "namespace", None) == "wup"]

urlpatterns = [
    *(p for p in site_urls if p is not wup_include),
    path("", include(([*timeline_routes, *wup_include.url_patterns], "wup"))),
]
