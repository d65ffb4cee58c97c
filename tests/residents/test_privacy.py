"""The privacy statement, and export and erasure of everything tied to an e-mail address."""

from __future__ import annotations

import datetime
import json
import re
import time

import pytest
import time_machine
from django.apps import apps
from django.core import mail, signing
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from dashboard.models import PulseResponse
from residents import privacy
from wup.antispam import MIN_FILL_SECONDS, SIGNER_SALT
from wup.models import ConsentPurpose, ConsentRecord, Follower, Question

EMAIL = "jantje.zoekmij@example.nl"
NAME = "Jantje Zoekmij"
OTHER = "iemand.anders@example.nl"


@pytest.fixture(autouse=True)
def _send_mail_on_commit(monkeypatch):
    """Mail is queued on commit; the test's transaction never commits, so send it at once."""
    monkeypatch.setattr("wup.mail.transaction.on_commit", lambda send: send())


def _started() -> str:
    return signing.dumps(time.time() - MIN_FILL_SECONDS - 1, salt=SIGNER_SALT)


def _ask_for_link(client, email: str, **extra):
    return client.post(
        reverse("residents:privacy_request"),
        {"email": email, "website": "", "started": _started(), **extra},
    )


def _consent(email: str, purpose=ConsentPurpose.UPDATES) -> ConsentRecord:
    return ConsentRecord.objects.create(
        email=email, purpose=purpose, text_version="v1", text="Ik wil e-mail krijgen."
    )


@pytest.fixture
def resident(neighbourhood, lead):
    """Everything one resident can leave with us: two follows, three questions (one published
    in the public Q&A, one answered privately, one open) and their consent records."""
    from tests.factories import NeighbourhoodFactory

    second = NeighbourhoodFactory(municipality=neighbourhood.municipality, slug="tweede-wijk")
    now = timezone.now()
    follows = [
        Follower.objects.create(
            neighbourhood=neighbourhood, email=EMAIL, consent=_consent(EMAIL), confirmed_at=now
        ),
        Follower.objects.create(neighbourhood=second, email=EMAIL, consent=_consent(EMAIL)),
    ]
    questions = {}
    for key, published, answered in [
        ("published", True, True),
        ("answered", False, True),
        ("open", False, False),
    ]:
        questions[key] = Question.objects.create(
            neighbourhood=neighbourhood,
            asker_name=NAME,
            asker_email=EMAIL,
            consent=_consent(EMAIL, ConsentPurpose.QUESTION),
            text=f"Ik ben {NAME} ({EMAIL}). Wanneer komt het warmtenet? ({key})",
            due_on=datetime.date(2026, 11, 30),
            answer="In 2028." if answered else "",
            answered_at=now if answered else None,
            answered_by=lead if answered else None,
            published=published,
            public_text="Wanneer komt het warmtenet?" if published else "",
        )
    # Someone else's data must survive the erasure untouched.
    Follower.objects.create(neighbourhood=neighbourhood, email=OTHER, consent=_consent(OTHER))
    return {"follows": follows, "questions": questions}


def _link_from_mail() -> str:
    assert len(mail.outbox) == 1
    match = re.search(r"http://testserver(/privacy/mijn-gegevens/[^/\s]+/)", mail.outbox[0].body)
    assert match, mail.outbox[0].body
    return match.group(1)


def _text_fields(model: type[models.Model]) -> list[str]:
    return [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField | models.JSONField)
    ]


def _rows_mentioning(value: str) -> dict[str, int]:
    """Search every text, char and JSON column of every table for `value` (a pg_dump check
    through the ORM); return {table: number of rows} for the tables where it occurs."""
    found = {}
    for model in apps.get_models(include_auto_created=True):
        fields = _text_fields(model)
        if not fields:
            continue
        condition = Q()
        for name in fields:
            condition |= Q(**{f"{name}__icontains": value})
        count = model._default_manager.filter(condition).count()
        if count:
            found[model._meta.db_table] = count
    return found


# --- The statement ---------------------------------------------------------------------------


def test_the_privacy_statement_says_what_why_how_long_and_how_to_erase(client, settings):
    settings.QUESTION_RETENTION_DAYS = 365
    html = client.get(reverse("residents:privacy")).content.decode()
    for text in [
        "Welke gegevens we hebben",
        "Waarom we ze gebruiken",
        "toestemming",
        "na 7 dagen weg",
        "365 dagen na het antwoord",
        "Uw rechten",
        "peiling",
        "De gemeente van uw wijk is verantwoordelijk",
        reverse("residents:privacy_request"),
    ]:
        assert text in html, text


# --- Asking for a link -----------------------------------------------------------------------


def test_a_known_and_an_unknown_address_get_the_same_answer(client, resident):
    known = _ask_for_link(client, EMAIL)
    unknown = _ask_for_link(client, "nooit.gezien@example.nl")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/privacy/mijn-gegevens/?verstuurd=1"
    page = client.get(known["Location"]).content.decode()
    assert "Als we iets van dit adres hebben, krijgt u een e-mail met een link." in page
    # Only the address we hold something for gets a mail, and only that address.
    assert [m.to for m in mail.outbox] == [[EMAIL]]


def test_the_address_never_appears_in_a_url(client, resident):
    response = _ask_for_link(client, EMAIL)
    link = _link_from_mail()
    for url in [response["Location"], link]:
        assert "zoekmij" not in url.lower() and "%40" not in url and "@" not in url
    page = client.get(link)
    assert EMAIL not in page.content.decode()


def test_the_request_form_keeps_what_was_typed_and_names_the_error(client):
    response = _ask_for_link(client, "geen-adres")
    assert response.status_code == 200
    assert 'value="geen-adres"' in response.content.decode()
    assert mail.outbox == []


def test_the_honeypot_and_rate_limit_guard_the_request_form(client, resident):
    assert _ask_for_link(client, EMAIL, website="spam").status_code == 200
    assert mail.outbox == []
    for _ in range(5):
        assert _ask_for_link(client, EMAIL).status_code == 302
    blocked = _ask_for_link(client, EMAIL)
    assert blocked.status_code == 429
    assert len(mail.outbox) == 5


def test_only_the_newest_link_works(client, resident):
    _ask_for_link(client, EMAIL)
    first = _link_from_mail()
    mail.outbox.clear()
    _ask_for_link(client, EMAIL)
    second = _link_from_mail()
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200


# --- The link ----------------------------------------------------------------------------------


def test_the_link_works_for_24_hours_and_no_longer(client, resident):
    start = datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        _ask_for_link(client, EMAIL)
        link = _link_from_mail()
    with time_machine.travel(start + datetime.timedelta(hours=23, minutes=59), tick=False):
        assert client.get(link).status_code == 200
    with time_machine.travel(start + datetime.timedelta(hours=24, seconds=1), tick=False):
        expired = client.get(link)
        assert expired.status_code == 404
        assert "Deze link werkt niet meer" in expired.content.decode()
        assert client.post(link + "download/").status_code == 404
        assert client.post(link + "wissen/", {"confirm": "on"}).status_code == 404
    assert Follower.objects.filter(email=EMAIL).count() == 2


def test_a_tampered_or_made_up_link_does_not_work(client, resident):
    _ask_for_link(client, EMAIL)
    link = _link_from_mail()
    token = link.rstrip("/").rsplit("/", 1)[1]
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    forged = signing.TimestampSigner(salt="another-salt").sign_object({"r": "x"}, compress=True)
    unknown_id = signing.TimestampSigner(salt=privacy.SIGNER_SALT).sign_object(
        {"r": "not-a-request"}, compress=True
    )
    for bad in [tampered, forged, unknown_id, "nonsense", "a:b:c"]:
        url = reverse("residents:privacy_data", args=[bad])
        assert client.get(url).status_code == 404, bad
        assert client.post(reverse("residents:privacy_download", args=[bad])).status_code == 404
        assert (
            client.post(
                reverse("residents:privacy_erase", args=[bad]), {"confirm": "on"}
            ).status_code
            == 404
        )
    assert Follower.objects.filter(email=EMAIL).count() == 2


def test_the_data_page_lists_what_we_hold(client, resident, neighbourhood):
    _ask_for_link(client, EMAIL)
    html = client.get(_link_from_mail()).content.decode()
    assert f"U volgt {neighbourhood.name}" in html
    assert "U hebt 3 vragen gesteld." in html
    assert "Download mijn gegevens" in html and "Wis al mijn gegevens" in html


def test_the_download_is_a_post_and_not_cached(client, resident):
    _ask_for_link(client, EMAIL)
    link = _link_from_mail()
    assert client.get(link + "download/").status_code == 405
    response = client.post(link + "download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]


# --- Export --------------------------------------------------------------------------------


def _download(client) -> dict:
    _ask_for_link(client, EMAIL)
    return json.loads(client.post(_link_from_mail() + "download/").content)


def test_the_export_holds_every_follow_question_and_consent_of_the_address(client, resident):
    data = _download(client)
    assert data["email"] == EMAIL
    assert len(data["followers"]) == 2
    assert len(data["questions"]) == 3
    assert len(data["consent_records"]) == 5  # two follows, three questions
    published = next(q for q in data["questions"] if q["published"])
    assert published["asker_name"] == NAME
    assert published["answer"] == "In 2028."
    assert published["neighbourhood"] == {"name": "Bloemenwijk", "municipality": "Gemeente Testdal"}
    assert OTHER not in json.dumps(data)


def test_every_field_marked_personal_is_in_the_export_with_its_value(client, resident):
    data = _download(client)
    for model, names in privacy.PERSONAL_FIELDS.items():
        section = data[privacy.EXPORT_SECTIONS[model]]
        assert section, model
        by_id = {row["id"]: row for row in section}
        for obj in model.objects.filter(pk__in=by_id):
            for name in names:
                assert name in by_id[obj.pk], f"{model.__name__}.{name} is not exported"
                exported = by_id[obj.pk][name]
                field = model._meta.get_field(name)
                value = getattr(obj, field.attname)
                if isinstance(exported, dict) and "value" in exported:
                    exported = exported["value"]
                if name == "neighbourhood":
                    assert exported["name"] == obj.neighbourhood.name
                elif isinstance(value, datetime.datetime):
                    # JSON keeps milliseconds
                    assert parse_datetime(exported) == value.replace(
                        microsecond=value.microsecond // 1000 * 1000
                    )
                elif isinstance(value, datetime.date):
                    assert parse_date(exported) == value
                else:
                    assert exported == value, f"{model.__name__}.{name}"


def test_every_field_of_the_residents_models_is_either_exported_or_said_why_not():
    for model, names in privacy.PERSONAL_FIELDS.items():
        fields = {f.name for f in model._meta.concrete_fields}
        skipped = set(privacy.NOT_EXPORTED[model])
        assert fields == set(names) | skipped, (
            f"{model.__name__}: put new fields in PERSONAL_FIELDS or NOT_EXPORTED "
            "(residents/privacy.py)"
        )
        assert not set(names) & skipped


def test_every_model_with_an_email_address_is_in_the_registry():
    staff = {apps.get_model("auth", "User")}
    with_email = {
        model
        for model in apps.get_models()
        if any(isinstance(f, models.EmailField) for f in model._meta.concrete_fields)
    }
    assert with_email - staff <= set(privacy.PERSONAL_FIELDS), (
        "a model holds e-mail addresses: export and erase it in residents/privacy.py"
    )


# --- Erasure -------------------------------------------------------------------------------


def test_after_erasure_the_address_and_name_are_in_no_table(client, resident, neighbourhood):
    PulseResponse.objects.create(
        neighbourhood=neighbourhood,
        month=datetime.date(2026, 11, 1),
        client_key="k",
        trust=3,
        co_ownership=3,
        legitimacy=3,
    )
    assert set(_rows_mentioning(EMAIL)) >= {"wup_follower", "wup_question", "wup_consentrecord"}
    _ask_for_link(client, EMAIL.upper())  # the capitals do not matter
    link = _link_from_mail()
    response = client.post(link + "wissen/", {"confirm": "on"})
    assert response.status_code == 200
    assert "Uw gegevens zijn gewist" in response.content.decode()
    assert _rows_mentioning(EMAIL) == {}
    assert _rows_mentioning(NAME) == {}
    assert _rows_mentioning("zoekmij") == {}
    # Someone else's data and the anonymous pulse stay.
    assert Follower.objects.filter(email=OTHER).exists()
    assert ConsentRecord.objects.filter(email=OTHER).exists()
    assert PulseResponse.objects.count() == 1


def test_erasure_keeps_only_the_anonymised_public_question_and_answer(client, resident):
    published = resident["questions"]["published"]
    _ask_for_link(client, EMAIL)
    client.post(_link_from_mail() + "wissen/", {"confirm": "on"})
    kept = Question.objects.get()
    assert kept.pk == published.pk
    assert (kept.asker_name, kept.asker_email, kept.text, kept.consent) == ("", "", "", None)
    assert kept.public_text == "Wanneer komt het warmtenet?"
    assert kept.answer == "In 2028."
    assert kept.details_removed_at is not None
    assert Question.objects.published().get() == kept
    assert not Follower.objects.filter(email__iexact=EMAIL).exists()
    assert not ConsentRecord.objects.filter(email__iexact=EMAIL).exists()


def test_erasure_needs_the_tick_and_then_uses_the_link_up(client, resident):
    _ask_for_link(client, EMAIL)
    link = _link_from_mail()
    refused = client.post(link + "wissen/", {})
    assert refused.status_code == 200
    assert "Zet een vinkje" in refused.content.decode()
    assert Follower.objects.filter(email=EMAIL).count() == 2
    client.post(link + "wissen/", {"confirm": "on"})
    assert client.get(link).status_code == 404
    assert client.post(link + "download/").status_code == 404
    assert client.post(link + "wissen/", {"confirm": "on"}).status_code == 404


def test_erasure_removes_consent_records_whose_address_retention_already_blanked(resident):
    question = resident["questions"]["answered"]
    ConsentRecord.objects.filter(pk=question.consent_id).update(email="")
    erased = privacy.erase_data(EMAIL)
    assert erased.followers == 2
    assert erased.questions_anonymised == 1
    assert erased.questions_deleted == 2
    assert erased.consent_records == 5
    assert not ConsentRecord.objects.filter(pk=question.consent_id).exists()


def test_the_cache_forgets_the_address_when_the_link_is_used_up(client, resident):
    from django.core.cache import cache

    _ask_for_link(client, EMAIL)
    link = _link_from_mail()
    token = link.rstrip("/").rsplit("/", 1)[1]
    request_id = signing.TimestampSigner(salt=privacy.SIGNER_SALT).unsign_object(token)["r"]
    latest_key = privacy.LATEST_PREFIX + privacy.address_key(EMAIL)
    assert cache.get(privacy.CACHE_PREFIX + request_id) == EMAIL
    assert EMAIL not in latest_key
    client.post(link + "wissen/", {"confirm": "on"})
    assert cache.get(privacy.CACHE_PREFIX + request_id) is None
    assert cache.get(latest_key) is None


@pytest.mark.django_db(transaction=True)
def test_after_erasure_a_real_pg_dump_holds_neither_address_nor_name(client, resident):
    """The same check on the real thing: committed data, dumped by pg_dump (G4)."""
    import shutil
    import subprocess

    from django.db import connection

    if connection.vendor != "postgresql" or not shutil.which("pg_dump"):
        pytest.skip("needs PostgreSQL and pg_dump")
    db = connection.settings_dict

    def dump() -> str:
        env = {"PGPASSWORD": db["PASSWORD"] or "", "PATH": "/usr/bin:/bin"}
        command = ["pg_dump", "--data-only", "-h", db["HOST"] or "localhost", "-U", db["USER"]]
        command += ["-p", str(db["PORT"] or 5432), db["NAME"]]
        return subprocess.run(command, capture_output=True, text=True, check=True, env=env).stdout

    assert EMAIL in dump()
    _ask_for_link(client, EMAIL)
    client.post(_link_from_mail() + "wissen/", {"confirm": "on"})
    after = dump().lower()
    assert EMAIL not in after
    assert NAME.lower() not in after
    assert OTHER in after
