"""(being written)"""

from django.urls import URLPattern, URLResolver

routes: list[URLPattern | URLResolver] = []
