"""Dashboard URLs. Staff: /beheer/<municipality>/wijken/<neighbourhood>/indicatoren/…,
/beheer/<municipality>/ontwikkelingen/…, /beheer/<municipality>/wijken/<neighbourhood>/sturing/…;
council: /beheer/<municipality>/dashboard/…; open data: /api/…

Each view module keeps its own routes; this file only mounts them.
"""

from django.urls import include, path

from . import api, council_views, development_views, indicator_views, steering_views

app_name = "dashboard"

urlpatterns = [
    path("", include(indicator_views.routes)),
    path("", include(development_views.routes)),
    path("", include(steering_views.routes)),
    path("", include(council_views.routes)),
    path("", include(api.routes)),
]
