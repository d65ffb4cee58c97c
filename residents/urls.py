"""The residents' URLs: the public pages by municipality and neighbourhood slug, following by
e-mail, questions (and the project lead's inbox under /beheer/), calendar files, privacy."""

from django.urls import path

from dashboard.views import pulse
from residents.views import calendar, following, pages, privacy, questions

app_name = "residents"

privacy_urls = [
    path("privacy/", privacy.statement, name="privacy"),
    path("privacy/mijn-gegevens/", privacy.request_data, name="privacy_request"),
    path("privacy/mijn-gegevens/<str:token>/", privacy.my_data, name="privacy_data"),
    path(
        "privacy/mijn-gegevens/<str:token>/download/",
        privacy.download,
        name="privacy_download",
    ),
    path("privacy/mijn-gegevens/<str:token>/wissen/", privacy.erase, name="privacy_erase"),
]

public_urls = [
    path("volgen/bevestigen/<str:token>/", following.confirm_page, name="follow_confirm"),
    path("volgen/afmelden/<str:token>/", following.unsubscribe_page, name="follow_unsubscribe"),
    path("<slug:municipality_slug>/<slug:neighbourhood_slug>/peiling/", pulse.pulse, name="pulse"),
    path(
        "<slug:municipality_slug>/<slug:neighbourhood_slug>/agenda.ics",
        calendar.neighbourhood_ics,
        name="neighbourhood_ics",
    ),
    path(
        "<slug:municipality_slug>/<slug:neighbourhood_slug>/sessies/<int:pk>/agenda.ics",
        calendar.session_ics,
        name="session_ics",
    ),
    path(
        "<slug:municipality_slug>/<slug:neighbourhood_slug>/volgen/",
        following.follow,
        name="follow",
    ),
    path("", pages.home, name="home"),
    path("<slug:municipality_slug>/", pages.municipality_page, name="municipality"),
    path("<slug:municipality_slug>/thema.css", pages.theme_css, name="theme_css"),
    path("<slug:municipality_slug>/logo", pages.logo, name="logo"),
    path(
        "<slug:municipality_slug>/<slug:neighbourhood_slug>/",
        pages.neighbourhood_page,
        name="neighbourhood",
    ),
    path(
        "<slug:municipality_slug>/<slug:neighbourhood_slug>/vragen/stellen/",
        questions.ask,
        name="question_ask",
    ),
    path(
        "<slug:municipality_slug>/<slug:neighbourhood_slug>/vragen/bedankt/",
        questions.thanks,
        name="question_thanks",
    ),
]

backoffice_urls = [
    path("beheer/<slug:municipality_slug>/vragen/", questions.inbox, name="bo_questions"),
    path(
        "beheer/<slug:municipality_slug>/vragen/<int:pk>/",
        questions.answer,
        name="bo_question_answer",
    ),
]

urlpatterns = [*backoffice_urls, *privacy_urls, *public_urls]
