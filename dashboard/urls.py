"""Dashboard URLs. Staff: /beheer/<municipality>/wijken/<neighbourhood>/indicatoren/…,
/beheer/<municipality>/ontwikkelingen/…, /beheer/<municipality>/wijken/<neighbourhood>/sturing/…;
council: /beheer/<municipality>/dashboard/…; open data: /api/…

Each view module keeps its own routes; this file only mounts them.
"""

from django.urls import include, path

from dashboard.views import api, council, decisions, developments, indicators, steering

app_name = "dashboard"

urlpatterns = [
    path("", include(indicators.routes)),
    path("", include(developments.routes)),
    path("", include(steering.routes)),
    path("", include(council.routes)),
    path("", include(decisions.routes)),
    path("", include(api.routes)),
]
