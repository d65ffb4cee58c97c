"""Participation URLs. Staff: /beheer/<municipality>/participatie/…; the PDF's pages:
/rapporten/participatie/<pk>/…; public: /<municipality>/<neighbourhood>/participatie/.

Each view module keeps its own routes; this file only mounts them.
"""

from django.urls import include, path

from participation.views import activities, verslag

app_name = "participation"

urlpatterns = [
    path("", include(activities.routes)),
    path("", include(verslag.routes)),
]
