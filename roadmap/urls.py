"""Roadmap URLs. Staff: /beheer/<municipality>/routekaarten/<neighbourhood>/…; public:
/<municipality>/<neighbourhood>/routekaart/…; reports: /rapporten/<pk>/…

Each view module keeps its own routes; this file only mounts them.
"""

from django.urls import include, path

from roadmap.views import editor, public, reports, versions

app_name = "roadmap"

urlpatterns = [
    path("", include(editor.routes)),
    path("", include(versions.routes)),
    path("", include(reports.routes)),
    path("<slug:municipality_slug>/<slug:neighbourhood_slug>/routekaart/", include(public.routes)),
]
