"""Warmteprogramma and designation URLs. Staff: /beheer/<municipality>/warmteprogramma/… and
/beheer/<municipality>/aanwijzing/<neighbourhood>/…; public: /<municipality>/warmteprogramma/.

Each view module keeps its own routes; this file only mounts them.
"""

from django.urls import include, path

from designation.views import programme, public, track

app_name = "designation"

urlpatterns = [
    path("", include(programme.routes)),
    path("", include(track.routes)),
    path("", include(public.routes)),
]
