"""The site's URLs: every app's URLs mounted, the back office of the base domain under /beheer/,
staff accounts under /accounts/, the support staff's Django admin at SUPPORT_ADMIN_PATH, the
health check. The residents' pages come last."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog, set_language

from wup.views import accounts, backoffice, health, mfa

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
        "<slug:municipality_slug>/leden/<int:pk>/tweede-stap-herstellen/",
        mfa.member_mfa_reset,
        name="bo_member_mfa_reset",
    ),
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
]

# django-otp-webauthn's endpoints under its own namespace (its scripts reverse these names).
passkey_urls = [
    path(
        "registreren/begin/",
        mfa.BeginPasskeyRegistration.as_view(),
        name="credential-registration-begin",
    ),
    path(
        "registreren/klaar/",
        mfa.CompletePasskeyRegistration.as_view(),
        name="credential-registration-complete",
    ),
    path(
        "controleren/begin/",
        mfa.BeginPasskeyAuthentication.as_view(),
        name="credential-authentication-begin",
    ),
    path(
        "controleren/klaar/",
        mfa.CompletePasskeyAuthentication.as_view(),
        name="credential-authentication-complete",
    ),
    path(
        "teksten/",
        JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]),
        name="js-i18n-catalog",
    ),
]

account_urls = [
    path("login/", accounts.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("ingelogd-blijven/", accounts.stay_signed_in, name="stay_signed_in"),
    path("tweede-stap/", mfa.mfa_verify, name="mfa_verify"),
    path("tweede-stap/instellen/", mfa.mfa_setup, name="mfa_setup"),
    path("tweede-stap/herstelcodes/", mfa.mfa_recovery_codes, name="mfa_recovery_codes"),
    path("passkey/", include((passkey_urls, "otp_webauthn"))),
    path(
        "uitnodiging/<uidb64>/<token>/",
        accounts.InviteConfirmView.as_view(),
        name="invite_confirm",
    ),
    path(
        "wachtwoord-vergeten/",
        accounts.PasswordResetView.as_view(),
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
    path(f"{settings.SUPPORT_ADMIN_PATH}/", admin.site.urls),
    # The apps come first: their fixed prefixes (doe-mee/, rapporten/, beheer/…/sessies/) must
    # not be read as a municipality slug.
    path("", include("dialogue.urls")),
    path("", include("roadmap.urls")),
    path("", include("dashboard.urls")),
    path("", include("designation.urls")),
    path("", include("participation.urls")),
    path("", include("imports.urls")),
    path("", include(([path("beheer/", include(backoffice_urls))], app_name))),
    # Last: the residents' pages read /<municipality>/<neighbourhood>/ for any slug.
    path("", include("residents.urls")),
]
