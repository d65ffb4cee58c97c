"""The site's URLs plus the floor view. Used only by bench.run; the floor never ships."""

from django.urls import path

from bench.floor import floor
from wup.urls import urlpatterns as site_urlpatterns

# The floor comes first: /bench/floor/ would otherwise look like a neighbourhood page.
urlpatterns = [path("bench/floor/", floor, name="bench_floor"), *site_urlpatterns]
