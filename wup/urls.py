"""The site's URLs: public pages by municipality and neighbourhood slug, the back office under
/beheer/, staff accounts under /accounts/."""

from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from dashboard import pulse

from . import backoffice, calendar, following, health, privacy, questions, views
from .accounts import PasswordResetForm

app_name = "wup"  # the namespace of our own pages; login and friends keep Django's names

backoffice_urls = [
    path("", backoffice.home, name="backoffice"),
    path("<slug:municipality_slug>/", backoffice.municipality_home, name="bo_municipality"),
    path(
        "<slug:municipality_slug>/wijken/nieuw/",
        backoffice.neighbourhood_create,
        name="bo_neighbourhood_create",
    ),
    path(
        "<slug:municipality_slug>/wijken/<slug:neighbourhood_slug>/",
        backoffice.neighbourhood_edit,
        name="bo_neighbourhood_edit",
    ),
    path("<slug:municipality_slug>/partijen/", backoffice.party_list, name="bo_parties"),
    path(
        "<slug:municipality_slug>/partijen/nieuw/",
        backoffice.party_create,
        name="bo_party_create",
    ),
    path(
        "<slug:municipality_slug>/partijen/<int:pk>/", backoffice.party_edit, name="bo_party_edit"
    ),
    path("<slug:municipality_slug>/leden/", backoffice.member_list, name="bo_members"),
    path(
        "<slug:municipality_slug>/leden/uitnodigen/",
        backoffice.member_invite,
        name="bo_member_invite",
    ),
    path("<slug:municipality_slug>/leden/<int:pk>/", backoffice.member_edit, name="bo_member_edit"),
    path(
        "<slug:municipality_slug>/leden/<int:pk>/verwijderen/",
        backoffice.member_remove,
        name="bo_member_remove",
    ),
    path(
        "<slug:municipality_slug>/instellingen/",
        backoffice.municipality_settings,
        name="bo_settings",
    ),
    path("<slug:municipality_slug>/logboek/", backoffice.audit_log, name="bo_audit_log"),
    path("<slug:municipality_slug>/vragen/", questions.inbox, name="bo_questions"),
    path("<slug:municipality_slug>/vragen/<int:pk>/", questions.answer, name="bo_question_answer"),
]

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
    path("", views.home, name="home"),
    path("<slug:municipality_slug>/", views.municipality_page, name="municipality"),
    path("<slug:municipality_slug>/thema.css", views.theme_css, name="theme_css"),
    path("<slug:municipality_slug>/logo", views.logo, name="logo"),
    path(
        "<slug:municipality_slug>/<slug:neighbourhood_slug>/",
        views.neighbourhood_page,
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

account_urls = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "wachtwoord-vergeten/",
        auth_views.PasswordResetView.as_view(form_class=PasswordResetForm),
        name="password_reset",
    ),
    path(
        "wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-instellen/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-instellen/klaar/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("accounts/", include(account_urls)),
    # The apps come first: their fixed prefixes (doe-mee/, rapporten/, beheer/…/sessies/) must
    # not be read as a municipality slug.
    path("", include("dialogue.urls")),
    path("", include("roadmap.urls")),
    path("", include("dashboard.urls")),
    path(
        "",
        include(
            ([path("beheer/", include(backoffice_urls)), *privacy_urls, *public_urls], app_name)
        ),
    ),
]
