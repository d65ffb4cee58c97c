"""Every URL × every role × GET and POST has an expected status; a new URL without a row fails.

Roles: anonymous, outsider (a member of another municipality), partner, council member, project
lead, a project lead limited to another neighbourhood, and municipal admin.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from dashboard.models import (
    CouncilRecord,
    Development,
    DevelopmentImpact,
    Indicator,
    Measurement,
    SteeringAction,
)
from designation.models import Evidence, HeatProgramme, ProgrammeNeighbourhood
from designation.safeguards import assessments_for
from designation.track import ensure_track
from dialogue.models import Argument, DialogueSession, Outcome
from imports.models import ImportJob
from participation.models import Activity, Input
from reports.models import Report
from residents.views import privacy
from roadmap.models import Agreement, Ambition, CoreValue, Milestone, Roadmap, adopt
from tests.factories import MembershipFactory, NeighbourhoodFactory, UserFactory
from wup.models import ConsentRecord, Follower, Question, Role

ROLES = ["anonymous", "outsider", "partner", "council_member", "lead", "limited_lead", "admin"]

PUBLIC = dict.fromkeys(ROLES, 200)
# Back office: anonymous users go to the login page; outsiders learn nothing (404).
MEMBERS_READ = {**dict.fromkeys(ROLES, 200), "anonymous": 302, "outsider": 404}
WRITERS = {**MEMBERS_READ, "partner": 403, "council_member": 403}
ADMINS = {**WRITERS, "lead": 403, "limited_lead": 403}
NOT_ALLOWED = dict.fromkeys(ROLES, 405)


def _with(base: dict, **changes: int) -> dict:
    return {**base, **changes}


def LIMITED_404(base: dict) -> dict:  # noqa: N802 - reads as a row modifier
    """The lead limited to another neighbourhood does not find this one's sessions."""
    return {**base, "limited_lead": 404}


SESSION = {"municipality_slug": "testdal", "pk": "session"}
ROADMAP = {"municipality_slug": "testdal", "neighbourhood_slug": "bloemenwijk"}
REQUEST_OK = {**dict.fromkeys(ROLES, 302), "outsider": 404, "limited_lead": 404}
DRAFT_READ = {**MEMBERS_READ, "anonymous": 404, "limited_lead": 404}
LIVE = {"municipality_slug": "testdal", "pk": "live"}
INDICATOR = {**ROADMAP, "pk": "indicator"}
DEVELOPMENT = {"municipality_slug": "testdal", "pk": "development"}
DASHBOARD = {"municipality_slug": "testdal"}
COUNCIL_READ = _with(MEMBERS_READ, partner=403)
COUNCIL_REPORT = _with(COUNCIL_READ, limited_lead=403)
MEASUREMENT = {**INDICATOR, "measurement_pk": "measurement"}
PARTNER_WRITES = LIMITED_404(_with(WRITERS, partner=200))
PROGRAMME = {"municipality_slug": "testdal", "number": 1}
# The warmteprogramma covers the whole municipality: a member limited to some neighbourhoods
# reads it but does not change it.
PROGRAMME_WRITERS = _with(WRITERS, limited_lead=403)
SAFEGUARD = {**ROADMAP, "kind": "betaalbaarheid"}
WHOLE_WRITERS = _with(WRITERS, limited_lead=403)
IMPORT_JOB = {**DASHBOARD, "pk": "import_job"}


# Passkey endpoints: JSON for a signed-in person (a POST starts a ceremony, 200; finishing one
# that was not started is 400); anyone else 403, as passwordless login is off.
PASSKEY_GET = _with(NOT_ALLOWED, anonymous=403)
PASSKEY_BEGIN = _with(dict.fromkeys(ROLES, 200), anonymous=403)
PASSKEY_COMPLETE = _with(dict.fromkeys(ROLES, 400), anonymous=403)

# name: (kwargs, expected on GET, expected on POST with an empty form)
MATRIX: dict[str, tuple[dict, dict, dict]] = {
    "healthz": ({}, PUBLIC, NOT_ALLOWED),
    "set_language": ({}, dict.fromkeys(ROLES, 302), dict.fromkeys(ROLES, 302)),
    "login": (
        {},
        _with(dict.fromkeys(ROLES, 302), anonymous=200),
        _with(dict.fromkeys(ROLES, 302), anonymous=200),
    ),
    "logout": ({}, NOT_ALLOWED, dict.fromkeys(ROLES, 302)),
    "stay_signed_in": ({}, NOT_ALLOWED, _with(dict.fromkeys(ROLES, 204), anonymous=302)),
    # The second login step (switched off here, see conftest; tests/wup/test_mfa.py): without a
    # device the code page sends to enrolment; the recovery codes are shown once, after it.
    "mfa_verify": ({}, dict.fromkeys(ROLES, 302), dict.fromkeys(ROLES, 302)),
    "mfa_setup": ({}, _with(PUBLIC, anonymous=302), _with(PUBLIC, anonymous=302)),
    "mfa_recovery_codes": ({}, dict.fromkeys(ROLES, 302), _with(NOT_ALLOWED, anonymous=302)),
    # Passkeys (django-otp-webauthn's endpoints; JSON, POST only; tests/wup/test_mfa_passkeys.py).
    "otp_webauthn:credential-registration-begin": ({}, PASSKEY_GET, PASSKEY_BEGIN),
    "otp_webauthn:credential-registration-complete": ({}, PASSKEY_GET, PASSKEY_COMPLETE),
    "otp_webauthn:credential-authentication-begin": ({}, PASSKEY_GET, PASSKEY_BEGIN),
    "otp_webauthn:credential-authentication-complete": ({}, PASSKEY_GET, PASSKEY_COMPLETE),
    "otp_webauthn:js-i18n-catalog": ({}, PUBLIC, NOT_ALLOWED),
    # The first administrator's invitation (wup/onboarding.py): the token is the credential.
    "invite_confirm": ({"uidb64": "MQ", "token": "bad-token"}, PUBLIC, PUBLIC),
    "password_reset": ({}, PUBLIC, PUBLIC),
    "password_reset_done": ({}, PUBLIC, NOT_ALLOWED),
    "password_reset_confirm": ({"uidb64": "MQ", "token": "bad-token"}, PUBLIC, PUBLIC),
    "password_reset_complete": ({}, PUBLIC, NOT_ALLOWED),
    "residents:home": ({}, PUBLIC, NOT_ALLOWED),
    "residents:municipality": ({"municipality_slug": "testdal"}, PUBLIC, NOT_ALLOWED),
    "residents:theme_css": ({"municipality_slug": "testdal"}, PUBLIC, NOT_ALLOWED),
    "residents:logo": ({"municipality_slug": "testdal"}, dict.fromkeys(ROLES, 404), NOT_ALLOWED),
    "residents:neighbourhood": (
        {"municipality_slug": "testdal", "neighbourhood_slug": "bloemenwijk"},
        PUBLIC,
        NOT_ALLOWED,
    ),
    "wup:backoffice": ({}, _with(MEMBERS_READ, outsider=200), _with(NOT_ALLOWED, anonymous=302)),
    "wup:bo_municipality": (
        {"municipality_slug": "testdal"},
        MEMBERS_READ,
        _with(NOT_ALLOWED, anonymous=302),
    ),
    "wup:bo_neighbourhood_create": (
        {"municipality_slug": "testdal"},
        _with(WRITERS, limited_lead=403),
        _with(WRITERS, limited_lead=403),
    ),
    "wup:bo_neighbourhood_edit": (
        {"municipality_slug": "testdal", "neighbourhood_slug": "bloemenwijk"},
        _with(WRITERS, limited_lead=404),
        _with(WRITERS, limited_lead=404),
    ),
    "wup:bo_parties": (
        {"municipality_slug": "testdal"},
        MEMBERS_READ,
        _with(NOT_ALLOWED, anonymous=302),
    ),
    "wup:bo_party_create": ({"municipality_slug": "testdal"}, WRITERS, WRITERS),
    # The world's party works in the Bloemenwijk; the limited lead's neighbourhood is another one,
    # so they may not change it (tests/wup/test_audit_denied.py).
    "wup:bo_party_edit": (
        {"municipality_slug": "testdal", "pk": "party"},
        _with(WRITERS, limited_lead=403),
        _with(WRITERS, limited_lead=403),
    ),
    "wup:bo_members": ({"municipality_slug": "testdal"}, ADMINS, _with(NOT_ALLOWED, anonymous=302)),
    "wup:bo_member_invite": ({"municipality_slug": "testdal"}, ADMINS, ADMINS),
    "wup:bo_member_edit": (
        {"municipality_slug": "testdal", "pk": "lead_membership"},
        ADMINS,
        ADMINS,
    ),
    "wup:bo_member_remove": (
        {"municipality_slug": "testdal", "pk": "lead_membership"},
        _with(NOT_ALLOWED, anonymous=302),
        _with(ADMINS, admin=302),
    ),
    "wup:bo_member_mfa_reset": (
        {"municipality_slug": "testdal", "pk": "lead_membership"},
        _with(NOT_ALLOWED, anonymous=302),
        _with(ADMINS, admin=302),
    ),
    "wup:bo_settings": ({"municipality_slug": "testdal"}, ADMINS, ADMINS),
    "wup:bo_audit_log": (
        {"municipality_slug": "testdal"},
        ADMINS,
        _with(NOT_ALLOWED, anonymous=302),
    ),
    # Dialogue, staff side. The session is planned (editable) and in the limited lead's
    # blind spot; "live" is a second session that is running.
    "dialogue:sessions": (
        {"municipality_slug": "testdal"},
        MEMBERS_READ,
        _with(NOT_ALLOWED, anonymous=302),
    ),
    "dialogue:create": ({"municipality_slug": "testdal"}, WRITERS, WRITERS),
    "dialogue:session": (SESSION, LIMITED_404(MEMBERS_READ), _with(NOT_ALLOWED, anonymous=302)),
    "dialogue:session_edit": (SESSION, LIMITED_404(WRITERS), LIMITED_404(WRITERS)),
    "dialogue:prompts": (SESSION, LIMITED_404(WRITERS), LIMITED_404(WRITERS)),
    "dialogue:transition": (
        SESSION,
        _with(NOT_ALLOWED, anonymous=302),
        LIMITED_404(_with(WRITERS, lead=302, admin=302)),
    ),
    # Publishing needs a closed session: a planned one is refused, even to those who may write.
    "dialogue:publish": (
        SESSION,
        LIMITED_404(_with(WRITERS, lead=403, admin=403)),
        LIMITED_404(_with(WRITERS, lead=403, admin=403)),
    ),
    "dialogue:control": (SESSION, LIMITED_404(WRITERS), _with(NOT_ALLOWED, anonymous=302)),
    "dialogue:control_step": (
        SESSION,
        _with(NOT_ALLOWED, anonymous=302),
        LIMITED_404(_with(WRITERS, lead=302, admin=302)),
    ),
    "dialogue:presenter": (LIVE, LIMITED_404(WRITERS), _with(NOT_ALLOWED, anonymous=302)),
    "dialogue:moderate": (
        {**LIVE, "argument_pk": "argument"},
        _with(NOT_ALLOWED, anonymous=302),
        LIMITED_404(_with(WRITERS, lead=302, admin=302)),
    ),
    "dialogue:paper": (SESSION, LIMITED_404(WRITERS), LIMITED_404(WRITERS)),
    "dialogue:import": (SESSION, LIMITED_404(WRITERS), LIMITED_404(WRITERS)),
    "dialogue:export": (SESSION, LIMITED_404(WRITERS), _with(NOT_ALLOWED, anonymous=302)),
    "dialogue:outcome_create": (SESSION, LIMITED_404(WRITERS), LIMITED_404(WRITERS)),
    "dialogue:outcome_edit": (
        {**SESSION, "outcome_pk": "outcome"},
        LIMITED_404(WRITERS),
        LIMITED_404(WRITERS),
    ),
    "dialogue:outcome_delete": (
        {**SESSION, "outcome_pk": "outcome"},
        _with(NOT_ALLOWED, anonymous=302),
        LIMITED_404(_with(WRITERS, lead=302, admin=302)),
    ),
    # Dialogue, residents' side: no account; the phone is known by its cookie (none here).
    "dialogue:join": ({}, PUBLIC, PUBLIC),
    "dialogue:join_code": ({"code": "live_code"}, PUBLIC, NOT_ALLOWED),
    "dialogue:participate": ({"code": "live_code"}, dict.fromkeys(ROLES, 302), NOT_ALLOWED),
    "dialogue:profile": ({"code": "live_code"}, NOT_ALLOWED, dict.fromkeys(ROLES, 302)),
    "dialogue:score": ({"code": "live_code"}, NOT_ALLOWED, dict.fromkeys(ROLES, 302)),
    "dialogue:add_argument": ({"code": "live_code"}, NOT_ALLOWED, dict.fromkeys(ROLES, 302)),
    "dialogue:vote": (
        {"code": "live_code", "argument_pk": "argument"},
        NOT_ALLOWED,
        dict.fromkeys(ROLES, 302),
    ),
    "dialogue:summary": (
        {"municipality_slug": "testdal", "neighbourhood_slug": "bloemenwijk", "pk": "published"},
        PUBLIC,
        NOT_ALLOWED,
    ),
    # Roadmap editor. The world's ambition and milestone belong to the partner's party, so the
    # partner may edit that ambition and report that milestone's progress; nothing else.
    "roadmap:list": (
        {"municipality_slug": "testdal"},
        MEMBERS_READ,
        _with(NOT_ALLOWED, anonymous=302),
    ),
    "roadmap:editor": (ROADMAP, LIMITED_404(MEMBERS_READ), _with(NOT_ALLOWED, anonymous=302)),
    "roadmap:roles": (ROADMAP, LIMITED_404(WRITERS), LIMITED_404(WRITERS)),
    "roadmap:ambition_create": (
        ROADMAP,
        LIMITED_404(_with(WRITERS, partner=200)),
        LIMITED_404(_with(WRITERS, partner=200)),
    ),
    "roadmap:ambition_edit": (
        {**ROADMAP, "pk": "ambition"},
        LIMITED_404(_with(WRITERS, partner=200)),
        LIMITED_404(_with(WRITERS, partner=200)),
    ),
    "roadmap:ambition_delete": (
        {**ROADMAP, "pk": "ambition"},
        _with(NOT_ALLOWED, anonymous=302),
        LIMITED_404(_with(WRITERS, partner=302, lead=302, admin=302)),
    ),
    "roadmap:value_create": (ROADMAP, LIMITED_404(WRITERS), LIMITED_404(WRITERS)),
    "roadmap:value_edit": (
        {**ROADMAP, "pk": "core_value"},
        LIMITED_404(WRITERS),
        LIMITED_404(WRITERS),
    ),
    "roadmap:value_delete": (
        {**ROADMAP, "pk": "core_value"},
        _with(NOT_ALLOWED, anonymous=302),
        LIMITED_404(_with(WRITERS, lead=302, admin=302)),
    ),
    "roadmap:milestone_create": (ROADMAP, LIMITED_404(WRITERS), LIMITED_404(WRITERS)),
    "roadmap:milestone_edit": (
        {**ROADMAP, "pk": "milestone"},
        LIMITED_404(WRITERS),
        LIMITED_404(WRITERS),
    ),
    "roadmap:milestone_delete": (
        {**ROADMAP, "pk": "milestone"},
        _with(NOT_ALLOWED, anonymous=302),
        LIMITED_404(_with(WRITERS, lead=302, admin=302)),
    ),
    "roadmap:milestone_progress": (
        {**ROADMAP, "pk": "milestone"},
        LIMITED_404(_with(WRITERS, partner=200)),
        LIMITED_404(_with(WRITERS, partner=200)),
    ),
    "roadmap:agreement_create": (ROADMAP, LIMITED_404(WRITERS), LIMITED_404(WRITERS)),
    "roadmap:agreement_edit": (
        {**ROADMAP, "pk": "agreement"},
        LIMITED_404(WRITERS),
        LIMITED_404(WRITERS),
    ),
    "roadmap:agreement_delete": (
        {**ROADMAP, "pk": "agreement"},
        _with(NOT_ALLOWED, anonymous=302),
        LIMITED_404(_with(WRITERS, lead=302, admin=302)),
    ),
    "roadmap:safeguards": (ROADMAP, LIMITED_404(WRITERS), LIMITED_404(WRITERS)),
    "roadmap:summary": (ROADMAP, LIMITED_404(WRITERS), LIMITED_404(WRITERS)),
    # Roadmap versions: the world has two adopted versions (1 and 2).
    "roadmap:adopt": (ROADMAP, LIMITED_404(WRITERS), LIMITED_404(WRITERS)),
    "roadmap:versions": (ROADMAP, LIMITED_404(MEMBERS_READ), _with(NOT_ALLOWED, anonymous=302)),
    "roadmap:diff": (
        {**ROADMAP, "a": 1, "b": 2},
        LIMITED_404(MEMBERS_READ),
        _with(NOT_ALLOWED, anonymous=302),
    ),
    "roadmap:draft_diff": (ROADMAP, LIMITED_404(MEMBERS_READ), _with(NOT_ALLOWED, anonymous=302)),
    "roadmap:public": (ROADMAP, PUBLIC, NOT_ALLOWED),
    "roadmap:public_version": ({**ROADMAP, "number": 1}, PUBLIC, NOT_ALLOWED),
    "roadmap:public_diff": ({**ROADMAP, "a": 1, "b": 2}, PUBLIC, NOT_ALLOWED),
    # PDF reports. Requests answer with a redirect to the report's page. The world's report is of
    # the draft: only members who reach the neighbourhood see it (anyone else: 404).
    "roadmap:request_report": (ROADMAP, _with(NOT_ALLOWED, anonymous=302), REQUEST_OK),
    "roadmap:request_session_report": (SESSION, _with(NOT_ALLOWED, anonymous=302), REQUEST_OK),
    "roadmap:request_public_report": (ROADMAP, NOT_ALLOWED, dict.fromkeys(ROLES, 302)),
    "roadmap:report": ({"pk": "draft_report"}, DRAFT_READ, NOT_ALLOWED),
    "roadmap:report_download": ({"pk": "draft_report"}, DRAFT_READ, NOT_ALLOWED),
    "roadmap:report_retry": (
        {"pk": "draft_report"},
        NOT_ALLOWED,
        {**DRAFT_READ, "partner": 302, "council_member": 302, "lead": 302, "admin": 302},
    ),
    # Residents' questions: anyone may ask; the inbox is for members who deal with residents.
    "residents:question_ask": (ROADMAP, PUBLIC, PUBLIC),
    "residents:question_thanks": (ROADMAP, PUBLIC, NOT_ALLOWED),
    "residents:bo_questions": (
        {"municipality_slug": "testdal"},
        _with(MEMBERS_READ, partner=403),
        _with(NOT_ALLOWED, anonymous=302),
    ),
    "residents:bo_question_answer": (
        {"municipality_slug": "testdal", "pk": "question"},
        LIMITED_404(_with(MEMBERS_READ, partner=403)),
        LIMITED_404(WRITERS),
    ),
    # Following by e-mail: the token in the link is the credential.
    "residents:follow": (ROADMAP, PUBLIC, dict.fromkeys(ROLES, 422)),
    "residents:follow_confirm": ({"token": "follower_token"}, PUBLIC, dict.fromkeys(ROLES, 302)),
    "residents:follow_unsubscribe": ({"token": "follower_token"}, PUBLIC, PUBLIC),
    # Privacy: the signed request id in the link is the credential (24 hours).
    "residents:privacy": ({}, PUBLIC, NOT_ALLOWED),
    "residents:privacy_request": ({}, PUBLIC, PUBLIC),
    "residents:privacy_data": ({"token": "privacy_token"}, PUBLIC, NOT_ALLOWED),
    "residents:privacy_download": ({"token": "privacy_token"}, NOT_ALLOWED, PUBLIC),
    "residents:privacy_erase": ({"token": "privacy_token"}, NOT_ALLOWED, PUBLIC),
    # The public-value pulse: anonymous; an empty form is refused with 422.
    "residents:pulse": (ROADMAP, PUBLIC, dict.fromkeys(ROLES, 422)),
    # Calendar files: public, no personal data.
    "residents:neighbourhood_ics": (ROADMAP, PUBLIC, NOT_ALLOWED),
    "residents:session_ics": ({**ROADMAP, "pk": "session"}, PUBLIC, NOT_ALLOWED),
    # Dashboard: indicators, the route and measurements.
    "dashboard:indicator_list": (
        ROADMAP,
        LIMITED_404(MEMBERS_READ),
        _with(NOT_ALLOWED, anonymous=302),
    ),
    "dashboard:indicator_create": (ROADMAP, LIMITED_404(WRITERS), LIMITED_404(WRITERS)),
    "dashboard:measurements_refresh": (
        ROADMAP,
        _with(NOT_ALLOWED, anonymous=302),
        LIMITED_404(_with(WRITERS, lead=302, admin=302)),
    ),
    "dashboard:indicator_detail": (
        INDICATOR,
        LIMITED_404(MEMBERS_READ),
        _with(NOT_ALLOWED, anonymous=302),
    ),
    "dashboard:indicator_edit": (INDICATOR, LIMITED_404(WRITERS), LIMITED_404(WRITERS)),
    "dashboard:indicator_delete": (
        INDICATOR,
        LIMITED_404(WRITERS),
        LIMITED_404(_with(WRITERS, lead=302, admin=302)),
    ),
    "dashboard:route_edit": (INDICATOR, LIMITED_404(WRITERS), LIMITED_404(WRITERS)),
    "dashboard:measurement_create": (INDICATOR, PARTNER_WRITES, PARTNER_WRITES),
    "dashboard:measurement_edit": (MEASUREMENT, PARTNER_WRITES, PARTNER_WRITES),
    "dashboard:measurement_delete": (
        MEASUREMENT,
        PARTNER_WRITES,
        LIMITED_404(_with(WRITERS, partner=302, lead=302, admin=302)),
    ),
    "dashboard:measurements_import": (
        {"municipality_slug": "testdal"},
        _with(WRITERS, partner=200),
        _with(WRITERS, partner=200),
    ),
    "dashboard:measurements_export": (
        {"municipality_slug": "testdal"},
        MEMBERS_READ,
        _with(NOT_ALLOWED, anonymous=302),
    ),
    # Open data: public, read only (anything but GET, HEAD and OPTIONS is 405).
    "dashboard:api_docs": ({}, PUBLIC, NOT_ALLOWED),
    "dashboard:api_root": ({}, PUBLIC, NOT_ALLOWED),
    "dashboard:api_schema": ({}, PUBLIC, NOT_ALLOWED),
    "dashboard:api_municipalities": ({}, PUBLIC, NOT_ALLOWED),
    "dashboard:api_municipality": ({"municipality_slug": "testdal"}, PUBLIC, NOT_ALLOWED),
    "dashboard:api_neighbourhoods": ({"municipality_slug": "testdal"}, PUBLIC, NOT_ALLOWED),
    "dashboard:api_neighbourhood": (ROADMAP, PUBLIC, NOT_ALLOWED),
    "dashboard:api_roadmaps": (ROADMAP, PUBLIC, NOT_ALLOWED),
    "dashboard:api_roadmap": ({**ROADMAP, "number": 1}, PUBLIC, NOT_ALLOWED),
    "dashboard:api_milestones": (ROADMAP, PUBLIC, NOT_ALLOWED),
    "dashboard:api_indicators": (ROADMAP, PUBLIC, NOT_ALLOWED),
    "dashboard:api_measurements": (ROADMAP, PUBLIC, NOT_ALLOWED),
    "dashboard:api_heat_programmes": ({"municipality_slug": "testdal"}, PUBLIC, NOT_ALLOWED),
    "dashboard:api_designation_track": (ROADMAP, PUBLIC, NOT_ALLOWED),
    "dashboard:api_csv_neighbourhoods": ({"municipality_slug": "testdal"}, PUBLIC, NOT_ALLOWED),
    "dashboard:api_csv_indicators": ({"municipality_slug": "testdal"}, PUBLIC, NOT_ALLOWED),
    "dashboard:api_csv_route": ({"municipality_slug": "testdal"}, PUBLIC, NOT_ALLOWED),
    "dashboard:api_csv_milestones": ({"municipality_slug": "testdal"}, PUBLIC, NOT_ALLOWED),
    "dashboard:api_csv_measurements": ({"municipality_slug": "testdal"}, PUBLIC, NOT_ALLOWED),
    # Dashboard: new developments and steering.
    "dashboard:development_list": (
        {"municipality_slug": "testdal"},
        MEMBERS_READ,
        _with(NOT_ALLOWED, anonymous=302),
    ),
    "dashboard:development_create": ({"municipality_slug": "testdal"}, WRITERS, WRITERS),
    "dashboard:development_detail": (
        DEVELOPMENT,
        LIMITED_404(MEMBERS_READ),
        _with(NOT_ALLOWED, anonymous=302),
    ),
    "dashboard:development_edit": (DEVELOPMENT, LIMITED_404(WRITERS), LIMITED_404(WRITERS)),
    "dashboard:development_accept": (
        DEVELOPMENT,
        _with(NOT_ALLOWED, anonymous=302),
        LIMITED_404(_with(WRITERS, lead=302, admin=302)),
    ),
    "dashboard:development_dismiss": (
        DEVELOPMENT,
        _with(NOT_ALLOWED, anonymous=302),
        LIMITED_404(_with(WRITERS, lead=302, admin=302)),
    ),
    "dashboard:steering_list": (
        ROADMAP,
        LIMITED_404(MEMBERS_READ),
        _with(NOT_ALLOWED, anonymous=302),
    ),
    "dashboard:steering_create": (ROADMAP, LIMITED_404(WRITERS), LIMITED_404(WRITERS)),
    "dashboard:council_overview": (DASHBOARD, COUNCIL_READ, _with(NOT_ALLOWED, anonymous=302)),
    "dashboard:council_neighbourhood": (
        ROADMAP,
        LIMITED_404(COUNCIL_READ),
        _with(NOT_ALLOWED, anonymous=302),
    ),
    "dashboard:council_report": (
        DASHBOARD,
        COUNCIL_REPORT,
        {**REQUEST_OK, "partner": 403, "limited_lead": 403},
    ),
    "dashboard:council_report_status": (
        {**DASHBOARD, "pk": "council_report"},
        COUNCIL_REPORT,
        _with(NOT_ALLOWED, anonymous=302),
    ),
    "dashboard:council_report_download": (
        {**DASHBOARD, "pk": "council_report"},
        COUNCIL_REPORT,
        _with(NOT_ALLOWED, anonymous=302),
    ),
    # A public council report downloads for anyone; the others are a 404 (test_council_woo).
    "dashboard:council_report_public": (
        {**DASHBOARD, "pk": "council_report"},
        PUBLIC,
        NOT_ALLOWED,
    ),
    "dashboard:council_target": (
        DASHBOARD,
        _with(NOT_ALLOWED, anonymous=302),
        _with(WRITERS, lead=302, admin=302, limited_lead=403),
    ),
    # The decision log: the council reads it, leads write; the record is municipality-wide,
    # which the lead limited to another neighbourhood does not find.
    "dashboard:decision_log": (DASHBOARD, COUNCIL_READ, _with(NOT_ALLOWED, anonymous=302)),
    "dashboard:decision_export": (DASHBOARD, COUNCIL_READ, _with(NOT_ALLOWED, anonymous=302)),
    "dashboard:decision_create": (
        DASHBOARD,
        WRITERS,
        WRITERS,  # an empty POST shows the empty form again
    ),
    "dashboard:decision_edit": (
        {**DASHBOARD, "pk": "council_record"},
        LIMITED_404(WRITERS),
        LIMITED_404(WRITERS),
    ),
    "dashboard:decision_delete": (
        {**DASHBOARD, "pk": "council_record"},
        LIMITED_404(WRITERS),
        LIMITED_404(_with(WRITERS, lead=302, admin=302)),
    ),
    "dashboard:steering_edit": (
        {**ROADMAP, "pk": "steering_action"},
        LIMITED_404(WRITERS),
        LIMITED_404(WRITERS),
    ),
    # The warmteprogramma and the designation tracks.
    "designation:programmes": (DASHBOARD, MEMBERS_READ, _with(NOT_ALLOWED, anonymous=302)),
    "designation:programme_create": (DASHBOARD, PROGRAMME_WRITERS, PROGRAMME_WRITERS),
    "designation:programme": (PROGRAMME, MEMBERS_READ, PROGRAMME_WRITERS),
    "designation:programme_sequence": (PROGRAMME, PROGRAMME_WRITERS, PROGRAMME_WRITERS),
    "designation:programme_entry_add": (
        PROGRAMME,
        _with(NOT_ALLOWED, anonymous=302),
        _with(PROGRAMME_WRITERS, lead=302, admin=302),
    ),
    "designation:track": (ROADMAP, LIMITED_404(MEMBERS_READ), _with(NOT_ALLOWED, anonymous=302)),
    "designation:track_step": (
        {**ROADMAP, "kind": "ontwerp"},
        LIMITED_404(WRITERS),
        LIMITED_404(WRITERS),
    ),
    "designation:track_gas_end": (ROADMAP, LIMITED_404(WRITERS), LIMITED_404(WRITERS)),
    "designation:safeguard": (SAFEGUARD, LIMITED_404(WRITERS), LIMITED_404(WRITERS)),
    "designation:evidence_delete": (
        {**SAFEGUARD, "pk": "evidence"},
        _with(NOT_ALLOWED, anonymous=302),
        LIMITED_404(_with(WRITERS, lead=302, admin=302)),
    ),
    "designation:public_programme": ({"municipality_slug": "testdal"}, PUBLIC, NOT_ALLOWED),
    # The world's evidence is a link, not an uploaded file (tests/designation/test_track.py).
    "designation:evidence_file": (
        {**ROADMAP, "pk": "evidence"},
        dict.fromkeys(ROLES, 404),
        NOT_ALLOWED,
    ),
    # Participation: activities, inputs, outcome links and the participatieverslag (not
    # published in the world: its public page and PDF are not found). Partners do not read it.
    "participation:overview": (
        {"municipality_slug": "testdal"},
        _with(MEMBERS_READ, partner=403),
        _with(NOT_ALLOWED, anonymous=302),
    ),
    "participation:neighbourhood": (
        ROADMAP,
        LIMITED_404(_with(MEMBERS_READ, partner=403)),
        _with(NOT_ALLOWED, anonymous=302),
    ),
    "participation:activity_create": (ROADMAP, LIMITED_404(WRITERS), LIMITED_404(WRITERS)),
    "participation:activity": (
        {**ROADMAP, "pk": "activity"},
        LIMITED_404(_with(MEMBERS_READ, partner=403)),
        _with(NOT_ALLOWED, anonymous=302),
    ),
    "participation:activity_edit": (
        {**ROADMAP, "pk": "activity"},
        LIMITED_404(WRITERS),
        LIMITED_404(WRITERS),
    ),
    "participation:activity_delete": (
        {**ROADMAP, "pk": "activity"},
        _with(NOT_ALLOWED, anonymous=302),
        LIMITED_404(_with(WRITERS, lead=302, admin=302)),
    ),
    "participation:input_create": (
        {**ROADMAP, "pk": "activity"},
        LIMITED_404(WRITERS),
        LIMITED_404(WRITERS),
    ),
    "participation:input_edit": (
        {**ROADMAP, "pk": "participation_input"},
        LIMITED_404(WRITERS),
        LIMITED_404(WRITERS),
    ),
    "participation:outcome_links": (
        {**ROADMAP, "pk": "outcome"},
        LIMITED_404(WRITERS),
        LIMITED_404(_with(WRITERS, lead=302, admin=302)),
    ),
    "participation:verslag": (
        ROADMAP,
        LIMITED_404(_with(MEMBERS_READ, partner=403)),
        LIMITED_404(_with(WRITERS, lead=302, admin=302)),
    ),
    "participation:request_report": (
        ROADMAP,
        _with(NOT_ALLOWED, anonymous=302),
        {**REQUEST_OK, "partner": 403},
    ),
    "participation:report": (
        {"pk": "participation_report"},
        {**DRAFT_READ, "partner": 404},
        NOT_ALLOWED,
    ),
    "participation:report_download": (
        {"pk": "participation_report"},
        {**DRAFT_READ, "partner": 404},
        NOT_ALLOWED,
    ),
    "participation:report_retry": (
        {"pk": "participation_report"},
        NOT_ALLOWED,
        {**DRAFT_READ, "partner": 404, "council_member": 302, "lead": 302, "admin": 302},
    ),
    "participation:public": (ROADMAP, dict.fromkeys(ROLES, 404), NOT_ALLOWED),
    "participation:request_public_report": (ROADMAP, NOT_ALLOWED, dict.fromkeys(ROLES, 404)),
    # Uploads change every neighbourhood: leads of the whole municipality and admins only.
    "imports:index": (DASHBOARD, WHOLE_WRITERS, _with(NOT_ALLOWED, anonymous=302)),
    "imports:upload": ({**DASHBOARD, "source": "kwb"}, WHOLE_WRITERS, WHOLE_WRITERS),
    "imports:job": (IMPORT_JOB, WHOLE_WRITERS, _with(NOT_ALLOWED, anonymous=302)),
    "imports:job_status": (IMPORT_JOB, WHOLE_WRITERS, _with(NOT_ALLOWED, anonymous=302)),
    "imports:job_confirm": (
        IMPORT_JOB,
        _with(NOT_ALLOWED, anonymous=302),
        _with(WHOLE_WRITERS, lead=302, admin=302),
    ),
    "imports:job_cancel": (
        IMPORT_JOB,
        _with(NOT_ALLOWED, anonymous=302),
        _with(WHOLE_WRITERS, lead=302, admin=302),
    ),
    "imports:plan_area": (ROADMAP, LIMITED_404(WRITERS), LIMITED_404(WRITERS)),
}


def _url_names(resolver: URLResolver, prefix: str = "") -> set[str]:
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            names |= _url_names(pattern, namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(prefix + pattern.name)
    return names


def _unnamed_patterns(resolver: URLResolver) -> list[str]:
    missing = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            missing += _unnamed_patterns(pattern)
        elif not pattern.name:
            missing.append(str(pattern.pattern))
    return missing


def test_every_url_has_a_row_in_the_matrix():
    names = _url_names(get_resolver())
    assert names - MATRIX.keys() == set(), "add these URLs to the permission matrix"
    assert MATRIX.keys() - names == set(), "these rows name URLs that no longer exist"
    assert _unnamed_patterns(get_resolver()) == [], "every URL needs a name to be in the matrix"


@pytest.fixture
def world(
    municipality,
    neighbourhood,
    party,
    admin,
    lead,
    council_member,
    partner,
    outsider,
    settings,
    tmp_path,
):
    other = NeighbourhoodFactory(municipality=municipality, name="Elders", slug="elders-wijk")
    limited = UserFactory(username="beperkt")
    membership = MembershipFactory(
        user=limited,
        municipality=municipality,
        role=Role.PROJECT_LEAD,
        limited_to_neighbourhoods=True,
    )
    membership.neighbourhoods.add(other)
    sessions = {}
    for key, status in [("session", "gepland"), ("live", "gepland"), ("published", "gepubliceerd")]:
        sessions[key] = DialogueSession.objects.create(
            neighbourhood=neighbourhood,
            title=key,
            proposition="Warmtenet",
            starts_at=timezone.now(),
            location="Buurthuis",
            can_influence="a",
            cannot_influence="b",
            status=status,
        )
        sessions[key].add_default_prompts()
    sessions["live"].open_live()
    argument = Argument.objects.create(
        session=sessions["live"], side="rendement", stance="voor", text="x"
    )
    outcome = Outcome.objects.create(session=sessions["session"], kind="kader", text="y")
    roadmap = Roadmap.objects.create(neighbourhood=neighbourhood, summary="Eerste versie")
    roadmap.ensure_safeguards()
    agreement = Agreement.objects.create(
        roadmap=roadmap, title="Afspraak", agreement_type="convenant"
    )
    agreement.parties.add(party)
    roadmap_parts = {
        "ambition": Ambition.objects.create(roadmap=roadmap, party=party, text="Ambitie").pk,
        "core_value": CoreValue.objects.create(roadmap=roadmap, name="Betaalbaar", why="w").pk,
        "milestone": Milestone.objects.create(
            roadmap=roadmap,
            owner=party,
            title="Tussendoel",
            baseline_date=datetime.date(2027, 1, 1),
        ).pk,
        "agreement": agreement.pk,
    }
    adopt(
        roadmap, by="college", decision_date=datetime.date(2026, 5, 12), decision_reference="CB-1"
    )
    roadmap.summary = "Gewijzigd"
    roadmap.save()
    adopt(
        roadmap,
        by="raad",
        decision_date=datetime.date(2026, 9, 1),
        decision_reference="R-2",
        reason="Wijziging",
    )
    roadmap.summary = "Concept na versie 2"  # a draft change, so the draft differs
    roadmap.save()
    settings.MEDIA_ROOT = tmp_path
    report = Report.objects.create(
        kind="routekaart", neighbourhood=neighbourhood, source_hash="x", status="klaar"
    )
    report.file.save("draft.pdf", ContentFile(b"%PDF-1.7 test"), save=True)
    question = Question.objects.create(
        neighbourhood=neighbourhood,
        asker_email="vraag@example.net",
        text="Vraag",
        due_on=datetime.date(2026, 11, 12),
    )
    consent = ConsentRecord.objects.create(
        email="volger@example.org", purpose="updates", text_version="t", text="t"
    )
    follower = Follower.objects.create(
        neighbourhood=neighbourhood, email="volger@example.org", consent=consent
    )
    indicator = Indicator.objects.create(
        neighbourhood=neighbourhood,
        name="Corporatiewoningen aardgasvrij",
        category="output",
        unit="aantal",
        source="corporatie",
        party=party,
    )
    measurement = Measurement.objects.create(
        indicator=indicator, date=datetime.date(2026, 1, 1), value=10, source="corporatie"
    )
    development = Development.objects.create(
        municipality=municipality,
        title="Netbeheerder stelt aansluiting uit",
        occurs_on=datetime.date(2026, 10, 1),
        kind="netcongestie",
        likelihood="groot",
    )
    DevelopmentImpact.objects.create(
        development=development, milestone_id=roadmap_parts["milestone"], delay_days=30
    )
    steering_action = SteeringAction.objects.create(
        neighbourhood=neighbourhood,
        title="Extra avond",
        owner="Gemeente",
        due_on=datetime.date(2026, 12, 1),
    )
    council_report = Report.objects.create(
        kind="raad", municipality=municipality, source_hash="x", status="klaar", subject_id=1
    )  # subject 1: public under the Woo
    council_record = CouncilRecord.objects.create(
        municipality=municipality,
        kind="toezegging",
        title="Raad informeren over de tarieven",
        date=datetime.date(2026, 3, 1),
        owner="Wethouder",
        due_on=datetime.date(2026, 6, 1),
    )
    council_report.file.save("raad.pdf", ContentFile(b"%PDF-1.7 test"), save=True)
    programme = HeatProgramme.objects.create(
        municipality=municipality, number=1, title="Warmteprogramma", adopted_on="2026-06-01"
    )
    ProgrammeNeighbourhood.objects.create(
        programme=programme, neighbourhood=neighbourhood, designation_intended=True
    )
    ensure_track(neighbourhood)
    evidence = Evidence.objects.create(
        assessment=assessments_for(roadmap)[0],
        title="Betaalbaarheidsonderzoek",
        url="https://example.org/onderzoek.pdf",
        dated=datetime.date(2026, 3, 1),
        owner="Gemeente",
    )
    activity = Activity.objects.create(
        neighbourhood=neighbourhood,
        kind="informatieavond",
        title="Informatieavond",
        held_on=datetime.date(2026, 10, 1),
        place="Buurthuis",
        audience="Alle bewoners",
    )
    participation_input = Input.objects.create(activity=activity, text="Wat kost het?")
    participation_report = Report.objects.create(
        kind="participatie", neighbourhood=neighbourhood, source_hash="x", status="klaar"
    )
    participation_report.file.save("verslag.pdf", ContentFile(b"%PDF-1.7 test"), save=True)
    import_job = ImportJob.objects.create(
        municipality=municipality, source="kwb", status="gecontroleerd", file_name="kwb.xlsx"
    )
    return {
        "evidence": evidence.pk,
        "activity": activity.pk,
        "participation_input": participation_input.pk,
        "participation_report": participation_report.pk,
        "import_job": import_job.pk,
        "council_report": council_report.pk,
        "council_record": council_record.pk,
        "development": development.pk,
        "steering_action": steering_action.pk,
        "indicator": indicator.pk,
        "measurement": measurement.pk,
        # Made again for each request: the link lives in the cache, which each request empties.
        "privacy_token": lambda: privacy.new_request_token("bewoner@example.nl"),
        **roadmap_parts,
        "follower_token": follower.token,
        "question": question.pk,
        "draft_report": report.pk,
        **{key: session.pk for key, session in sessions.items()},
        "live_code": sessions["live"].join_code,
        "argument": argument.pk,
        "outcome": outcome.pk,
        "users": {
            "anonymous": None,
            "outsider": outsider,
            "partner": partner,
            "council_member": council_member,
            "lead": lead,
            "limited_lead": limited,
            "admin": admin,
        },
        "party": party.pk,
        "lead_membership": lead.memberships.get().pk,
    }


def _support_admin_rows() -> dict[str, tuple[dict, dict, dict]]:
    """The support staff's Django admin (wup/admin_site.py, tests/wup/test_support_admin.py):
    none of these roles is staff, so every admin URL sends them to the admin's login, which sends
    the anonymous on to ours and refuses anyone signed in (403). One rule for every admin URL,
    so its rows are made from the URLs themselves."""
    placeholders = {"object_id": "1", "id": "1", "content_type_id": "1", "app_label": "wup"}
    rows = {}
    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver) and pattern.namespace == "admin":
            for name in _url_names(pattern, "admin:"):
                route = next(p for p in _patterns(pattern) if f"admin:{p.name}" == name)
                kwargs = {key: placeholders[key] for key in route.pattern.regex.groupindex}
                expected = dict.fromkeys(ROLES, 302)
                if name == "admin:login":
                    expected = _with(dict.fromkeys(ROLES, 403), anonymous=302)
                rows[name] = (kwargs, expected, expected)
    return rows


def _patterns(resolver: URLResolver):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern)
        else:
            yield pattern


MATRIX.update(_support_admin_rows())

CASES = [(name, method) for name in MATRIX for method in ("GET", "POST")]


@pytest.mark.parametrize(("name", "method"), CASES)
def test_permission_matrix(world, name, method):
    """Every role asks the URL in turn, each as if alone: what a request changes is rolled back
    and the cache (rate limits, live results) emptied before the next role asks. One world per
    URL and method instead of one per role keeps the matrix quick."""
    names, on_get, on_post = MATRIX[name]
    expected = on_get if method == "GET" else on_post
    wrong = []
    for role in ROLES:
        cache.clear()
        kwargs = {k: world[v] if v in world else v for k, v in names.items()}
        kwargs = {k: v() if callable(v) else v for k, v in kwargs.items()}
        url = reverse(name, kwargs=kwargs)
        client = Client()
        with transaction.atomic():
            user = world["users"][role]
            if user is not None:
                client.force_login(user)
            response = client.get(url) if method == "GET" else client.post(url, {})
            transaction.set_rollback(True)
        if response.status_code != expected[role]:
            wrong.append(f"{method} {url} as {role}: {response.status_code}, not {expected[role]}")
    assert wrong == []


# With the second login step on, an administrator or project lead who has only given a password
# reaches no page of the back office: every GET that the matrix answers with 200 for them sends
# them to the second step instead. The public pages stay open to everyone.
MFA_ROLES = ("lead", "limited_lead", "admin")
STAFF_PAGES = [
    name
    for name, (_kwargs, on_get, _on_post) in MATRIX.items()
    if on_get["anonymous"] == 302
    and any(on_get[role] == 200 for role in MFA_ROLES)
    and not name.startswith("mfa_")
]


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_without_the_second_step_leads_and_admins_reach_no_staff_page(
    client, world, settings, name
):
    settings.MFA_REQUIRED = True
    kwargs, on_get, _on_post = MATRIX[name]
    kwargs = {k: world[v] if v in world else v for k, v in kwargs.items()}
    url = reverse(name, kwargs={k: v() if callable(v) else v for k, v in kwargs.items()})
    for role in MFA_ROLES:
        if on_get[role] != 200:
            continue
        client.force_login(world["users"][role])
        response = client.get(url)
        assert response.status_code == 302, f"GET {url} as {role}"
        assert response.url.startswith(reverse("mfa_setup")), f"GET {url} as {role}"
        client.logout()
