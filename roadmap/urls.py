"""Roadmap URLs. Staff: /beheer/<municipality>/routekaarten/<neighbourhood>/…; public:
/<municipality>/<neighbourhood>/routekaart/…; reports: /rapporten/<pk>/…

Each view module keeps its own routes; this file only mounts them.
"""

from django.urls import include, path

from . import editor_views, report_views, version_views

app_name = "roadmap"

urlpatterns = [
    path("", include(editor_views.routes)),
    path("", include(version_views.routes)),
    path("", include(report_views.routes)),
]
