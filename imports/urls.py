"""Uploads under /beheer/<municipality>/bestanden/…, the plan area's CBS areas under
/beheer/<municipality>/wijken/<neighbourhood>/cbs-gebieden/. Each view module keeps its routes."""

from django.urls import include, path

from imports.views import plan_areas, uploads

app_name = "imports"

urlpatterns = [
    path("", include(uploads.routes)),
    path("", include(plan_areas.routes)),
]
