from django.urls import include, path


def broken(request):
    raise RuntimeError("secret detail that must not reach the visitor")


urlpatterns = [path("kapot/", broken), path("", include("wup.urls"))]
