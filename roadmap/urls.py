"""Roadmap URLs. Staff: /beheer/<municipality>/routekaarten/<neighbourhood>/…; public:
/<municipality>/<neighbourhood>/routekaart/…; reports: /rapporten/<pk>/…

Each view module keeps its own routes; this file only mounts them.
"""

from django.urls import include, path

from roadmap.views import editor, reports, versions

app_name = "roadmap"

urlpatterns = [
    path("", include(editor.routes)),
    path("", include(versions.routes)),
    path("", include(reports.routes)),
]
