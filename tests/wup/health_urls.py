"""Only the health check, so its tests do not depend on the project's urls.py."""

from django.urls import path

from wup.views import health

urlpatterns = [path("healthz", health.healthz, name="healthz")]
