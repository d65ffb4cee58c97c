"""Following a neighbourhood: double opt-in, the weekly digest, one-click unsubscribe, purging."""

from __future__ import annotations

import datetime
import email.policy
import re
import time

import pytest
import time_machine
from django.core import mail, signing
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from dashboard import developments
from dashboard.models import Development, DevelopmentImpact
from dialogue.models import DialogueSession
from residents.following import digest_for
from residents.forms.following import FollowForm
from residents.tasks import purge_unconfirmed, send_digests
from roadmap.models import Milestone, Roadmap, adopt
from tests.factories import NeighbourhoodFactory, UserFactory
from wup.antispam import SIGNER_SALT
from wup.models import ConsentPurpose, ConsentRecord, Follower, Question

EMAIL = "bewoner@example.org"
LINK = re.compile(r"http://testserver/volgen/(bevestigen|afmelden)/([\w-]+)/")


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "http://testserver"


def started() -> str:
    return signing.dumps(time.time() - 10, salt=SIGNER_SALT)


def follow_url(neighbourhood) -> str:
    return reverse("residents:follow", args=[neighbourhood.municipality.slug, neighbourhood.slug])


def sign_up(client, neighbourhood, capture, email=EMAIL, **extra):
    data = {"email": email, "consent": "on", "started": started(), **extra}
    with capture(execute=True):
        return client.post(follow_url(neighbourhood), data)


def links(message) -> dict[str, str]:
    return {kind: token for kind, token in LINK.findall(message.body)}


def publish_session(neighbourhood, title="Tweede bewonersavond", when=None) -> DialogueSession:
    return DialogueSession.objects.create(
        neighbourhood=neighbourhood,
        title=title,
        proposition="Warmtenet",
        starts_at=timezone.now(),
        location="Buurthuis",
        can_influence="a",
        cannot_influence="b",
        status=DialogueSession.Status.PUBLISHED,
        published_at=when or timezone.now(),
    )


def adopted_milestone(neighbourhood, party, title="Warmtenet aangelegd") -> Milestone:
    roadmap = Roadmap.objects.create(neighbourhood=neighbourhood, summary="Plan")
    milestone = Milestone.objects.create(
        roadmap=roadmap, owner=party, title=title, baseline_date=datetime.date(2027, 3, 1)
    )
    adopt(roadmap, by="raad", decision_date=datetime.date(2026, 5, 12), decision_reference="R-1")
    return milestone


def development(milestone, title="Netbeheerder stelt aansluiting uit", days=30) -> Development:
    recorded = Development.objects.create(
        municipality=milestone.roadmap.neighbourhood.municipality,
        title=title,
        description="Intern: bellen met Jansen van de netbeheerder.",
        occurs_on=datetime.date(2026, 10, 1),
        kind="netcongestie",
        likelihood="groot",
        created_by=UserFactory(username=f"medewerker-{title[:10]}"),
    )
    DevelopmentImpact.objects.create(development=recorded, milestone=milestone, delay_days=days)
    return recorded


def confirmed_follower(neighbourhood, email=EMAIL, **kwargs) -> Follower:
    consent = ConsentRecord.objects.create(
        email=email, purpose=ConsentPurpose.UPDATES, text_version="t", text="t"
    )
    return Follower.objects.create(
        neighbourhood=neighbourhood,
        email=email,
        consent=consent,
        confirmed_at=kwargs.pop("confirmed_at", timezone.now() - datetime.timedelta(days=1)),
        **kwargs,
    )


def run_digests(capture) -> int:
    with capture(execute=True):
        return send_digests()


def assert_unsubscribe_headers(message, token):
    url = f"http://testserver/volgen/afmelden/{token}/"
    assert message.extra_headers["List-Unsubscribe"] == f"<{url}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url in message.body


# The whole cycle


def test_follow_confirm_digest_unsubscribe(
    client, neighbourhood, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    page = client.get(
        reverse(
            "residents:neighbourhood", args=[neighbourhood.municipality.slug, neighbourhood.slug]
        )
    )
    assert page.status_code == 200

    response = sign_up(client, neighbourhood, capture)
    assert response.status_code == 200
    assert "Kijk in uw e-mail" in response.text
    (confirmation,) = mail.outbox
    assert confirmation.to == [EMAIL]
    assert confirmation.subject == "Bevestig dat u Bloemenwijk wilt volgen"
    follower = Follower.objects.get()
    assert follower.confirmed_at is None
    assert links(confirmation) == {"bevestigen": follower.token, "afmelden": follower.token}
    assert_unsubscribe_headers(confirmation, follower.token)
    assert EMAIL not in confirmation.body  # nor in any link
    consent = follower.consent
    assert (consent.purpose, consent.channel, consent.email) == ("updates", "web", EMAIL)
    assert consent.text_version and "afmelden" in consent.text

    # Something happens, but before confirming nothing but the confirmation is sent.
    publish_session(neighbourhood, title="Eerste avond")
    assert run_digests(capture) == 0
    assert len(mail.outbox) == 1

    # A link scanner opens the link: that confirms nothing.
    confirm_url = reverse("residents:follow_confirm", args=[follower.token])
    page = client.get(confirm_url)
    assert page.status_code == 200
    assert "Ja, ik wil deze wijk volgen" in page.text
    follower.refresh_from_db()
    assert follower.confirmed_at is None

    response = client.post(confirm_url)
    assert response.status_code == 302
    follower.refresh_from_db()
    assert follower.confirmed_at is not None
    assert "U volgt Bloemenwijk" in client.get(confirm_url).text

    # What happened before confirming is not news; what happens after is.
    assert run_digests(capture) == 0
    publish_session(neighbourhood, title="Tweede bewonersavond")
    assert run_digests(capture) == 1
    digest = mail.outbox[-1]
    assert digest.to == [EMAIL]
    assert digest.subject == "Nieuws over Bloemenwijk"
    assert "Tweede bewonersavond" in digest.body
    assert "Eerste avond" not in digest.body
    session = DialogueSession.objects.get(title="Tweede bewonersavond")
    assert f"http://testserver/testdal/bloemenwijk/sessies/{session.pk}/" in digest.body
    assert_unsubscribe_headers(digest, follower.token)

    # One-click unsubscribe as a mail client does it: a POST without cookies or CSRF token.
    one_click = Client(enforce_csrf_checks=True).post(
        reverse("residents:follow_unsubscribe", args=[follower.token]),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert one_click.status_code == 200
    assert "U bent afgemeld" in one_click.text
    assert not Follower.objects.exists()
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None

    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        publish_session(neighbourhood, title="Derde avond")
        assert run_digests(capture) == 0
    assert len(mail.outbox) == 2


def test_the_unsubscribe_header_reaches_the_mail_client_as_a_plain_url(
    client, neighbourhood, django_capture_on_commit_callbacks
):
    sign_up(client, neighbourhood, django_capture_on_commit_callbacks)
    token = Follower.objects.get().token
    # As the SMTP backend serialises it.
    raw = mail.outbox[0].message(policy=email.policy.SMTP).as_bytes()
    assert f"List-Unsubscribe: <http://testserver/volgen/afmelden/{token}/>\r\n".encode() in raw


# No enumeration


def _comparable(response) -> str:
    # CSRF tokens and CSP nonces differ per request, by design.
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.text)
    return re.sub(r'nonce="[^"]+"', "", text)


def test_a_new_a_waiting_and_a_following_address_see_the_same_page(
    client, neighbourhood, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    confirmed_follower(neighbourhood, email="volgt@example.org")
    sign_up(client, neighbourhood, capture, email="wacht@example.org")
    mail.outbox.clear()

    responses = [
        sign_up(client, neighbourhood, capture, email=email)
        for email in ("nieuw@example.org", "wacht@example.org", "volgt@example.org")
    ]

    assert {r.status_code for r in responses} == {200}
    # The test client also records the mail templates rendered in the request; compare the page's.
    pages = {tuple(t.name for t in r.templates if "/email/" not in t.name) for r in responses}
    assert pages == {
        (
            "residents/following/check_email.html",
            "base.html",
            "residents/following/_breadcrumbs.html",
        )
    }
    assert len({_comparable(r) for r in responses}) == 1
    assert not any("example.org" in r.text for r in responses)
    # Behind the page: a confirmation for the first two, a reminder for the follower.
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects == {
        "nieuw@example.org": "Bevestig dat u Bloemenwijk wilt volgen",
        "wacht@example.org": "Bevestig dat u Bloemenwijk wilt volgen",
        "volgt@example.org": "U volgt Bloemenwijk al",
    }


def test_a_follower_who_signs_up_again_gets_a_reminder_and_keeps_following(
    client, neighbourhood, django_capture_on_commit_callbacks
):
    follower = confirmed_follower(neighbourhood)
    sign_up(client, neighbourhood, django_capture_on_commit_callbacks, email="Bewoner@Example.org")
    (reminder,) = mail.outbox
    assert "U volgt deze wijk al" in reminder.body
    assert "bevestigen" not in reminder.body
    assert_unsubscribe_headers(reminder, follower.token)
    assert Follower.objects.get().confirmed_at == follower.confirmed_at
    assert ConsentRecord.objects.count() == 1


def test_signing_up_again_before_confirming_sends_a_new_link_and_the_old_one_stops(
    client, neighbourhood, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    sign_up(client, neighbourhood, capture)
    old = Follower.objects.get()
    sign_up(client, neighbourhood, capture)
    new = Follower.objects.get()
    assert new.token != old.token
    assert links(mail.outbox[-1])["bevestigen"] == new.token
    assert ConsentRecord.objects.count() == 1
    assert client.get(reverse("residents:follow_confirm", args=[old.token])).status_code == 404


# The form


def test_the_consent_box_is_unchecked_and_required_and_nothing_typed_is_lost(
    client, neighbourhood, django_capture_on_commit_callbacks
):
    page = client.get(follow_url(neighbourhood))
    box = re.search(r'<input type="checkbox"[^>]*name="consent"[^>]*>', page.text).group(0)
    assert "checked" not in box
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(follow_url(neighbourhood), {"email": EMAIL, "started": started()})
    assert response.status_code == 422
    assert "Zet een vinkje" in response.text
    assert f'value="{EMAIL}"' in response.text
    assert not Follower.objects.exists()
    assert mail.outbox == []


def test_the_snippet_for_the_neighbourhood_page_posts_to_the_sign_up(neighbourhood):
    context = {"municipality": neighbourhood.municipality, "neighbourhood": neighbourhood}
    html = render_to_string("residents/following/_form.html", {**context, "form": FollowForm()})
    assert f'action="{follow_url(neighbourhood)}"' in html
    assert 'name="started"' in html and 'name="website"' in html
    # Without a form (the page view does not pass one yet) it links to the sign-up page.
    assert f'href="{follow_url(neighbourhood)}"' in render_to_string(
        "residents/following/_form.html", context
    )


def test_the_sign_up_form_needs_a_csrf_token(neighbourhood):
    response = Client(enforce_csrf_checks=True).post(
        follow_url(neighbourhood), {"email": EMAIL, "consent": "on", "started": started()}
    )
    assert response.status_code == 403
    assert not Follower.objects.exists()


def test_the_sixth_sign_up_in_an_hour_is_refused_and_keeps_what_was_typed(
    client, neighbourhood, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    for _ in range(5):
        assert sign_up(client, neighbourhood, capture).status_code == 200
    sent = len(mail.outbox)
    response = sign_up(client, neighbourhood, capture)
    assert response.status_code == 429
    assert "te vaak verstuurd" in response.text
    assert f'value="{EMAIL}"' in response.text
    assert re.search(r'<input type="checkbox"[^>]*name="consent"[^>]*checked', response.text)
    assert len(mail.outbox) == sent
    assert Follower.objects.count() == 1  # the earlier sign-up is still there


def test_an_unknown_neighbourhood_is_not_found(client, municipality):
    assert client.get(f"/{municipality.slug}/nergens/volgen/").status_code == 404


# Confirming


def test_a_confirm_link_older_than_72_hours_explains_and_offers_a_new_sign_up(
    client, neighbourhood, django_capture_on_commit_callbacks
):
    sign_up(client, neighbourhood, django_capture_on_commit_callbacks)
    follower = Follower.objects.get()
    url = reverse("residents:follow_confirm", args=[follower.token])
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=73)):
        page = client.get(url)
        assert page.status_code == 410
        assert "werkt 72 uur" in page.text
        assert follow_url(neighbourhood) in page.text
        assert client.post(url).status_code == 410
    follower.refresh_from_db()
    assert follower.confirmed_at is None


def test_a_confirm_link_still_works_after_71_hours(
    client, neighbourhood, django_capture_on_commit_callbacks
):
    sign_up(client, neighbourhood, django_capture_on_commit_callbacks)
    follower = Follower.objects.get()
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=71)):
        client.post(reverse("residents:follow_confirm", args=[follower.token]))
    follower.refresh_from_db()
    assert follower.confirmed_at is not None


def test_confirming_twice_changes_nothing(client, neighbourhood):
    follower = confirmed_follower(neighbourhood)
    url = reverse("residents:follow_confirm", args=[follower.token])
    response = client.post(url)
    assert response.status_code == 200
    assert "U volgt Bloemenwijk" in response.text
    assert Follower.objects.get().confirmed_at == follower.confirmed_at


def test_an_unknown_confirm_link_says_so(client, db):
    page = client.get(reverse("residents:follow_confirm", args=["onbekend"]))
    assert page.status_code == 404
    assert "Deze link werkt niet meer" in page.text


# Unsubscribing


def test_opening_the_unsubscribe_link_does_not_unsubscribe(client, neighbourhood):
    follower = confirmed_follower(neighbourhood)
    page = client.get(reverse("residents:follow_unsubscribe", args=[follower.token]))
    assert page.status_code == 200
    assert "Ja, meld mij af" in page.text
    assert Follower.objects.filter(pk=follower.pk).exists()


def test_unsubscribing_twice_or_with_an_unknown_link_is_calm(client, neighbourhood):
    follower = confirmed_follower(neighbourhood)
    url = reverse("residents:follow_unsubscribe", args=[follower.token])
    assert client.post(url).status_code == 200
    second = client.post(url)
    assert second.status_code == 200
    assert "U bent afgemeld" in second.text
    assert client.get(url).status_code == 200


def test_unsubscribing_before_confirming_removes_the_sign_up_entirely(
    client, neighbourhood, django_capture_on_commit_callbacks
):
    sign_up(client, neighbourhood, django_capture_on_commit_callbacks)
    token = links(mail.outbox[0])["afmelden"]
    client.post(reverse("residents:follow_unsubscribe", args=[token]))
    assert not Follower.objects.exists()
    assert not ConsentRecord.objects.exists()


# The digest


def test_no_digest_when_nothing_happened(neighbourhood, django_capture_on_commit_callbacks):
    confirmed_follower(neighbourhood)
    other = NeighbourhoodFactory(municipality=neighbourhood.municipality)
    publish_session(other)  # news elsewhere is not news here
    DialogueSession.objects.create(  # a planned session is not news either
        neighbourhood=neighbourhood,
        title="Nog niet",
        proposition="p",
        starts_at=timezone.now(),
        status=DialogueSession.Status.SCHEDULED,
    )
    assert run_digests(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []
    assert Follower.objects.get().last_digest_at is None


def test_the_digest_collects_sessions_roadmaps_and_answered_questions(
    neighbourhood, django_capture_on_commit_callbacks
):
    follower = confirmed_follower(neighbourhood)
    publish_session(neighbourhood, title="Avond over het warmtenet")
    roadmap = Roadmap.objects.create(neighbourhood=neighbourhood, summary="Plan")
    adopt(roadmap, by="raad", decision_date=datetime.date(2026, 5, 12), decision_reference="R-1")
    question = dict(
        neighbourhood=neighbourhood,
        text="Mijn eigen vraag, met mijn naam Jansen",
        due_on=datetime.date.today(),
        answer="Ja",
        answered_at=timezone.now(),
    )
    Question.objects.create(**question, published=True, public_text="Wat kost de aansluiting?")
    Question.objects.create(**question, published=False, public_text="Niet openbaar")

    items = digest_for(neighbourhood, follower.confirmed_at)
    assert [str(i.kind) for i in items] == [
        "Verslag van een gesprek",
        "Routekaart vastgesteld",
        "Vraag beantwoord",
    ]
    assert run_digests(django_capture_on_commit_callbacks) == 1
    (digest,) = mail.outbox
    assert "Avond over het warmtenet" in digest.body
    assert "Versie 1, besluit van 12 mei 2026" in digest.body
    assert "http://testserver/testdal/bloemenwijk/routekaart/versies/1/" in digest.body
    assert "Wat kost de aansluiting?" in digest.body
    assert "http://testserver/testdal/bloemenwijk/#questions-heading" in digest.body
    assert "Jansen" not in digest.body
    assert "Niet openbaar" not in digest.body


def test_the_digest_tells_accepted_developments_as_the_timeline_does(
    neighbourhood, party, django_capture_on_commit_callbacks
):
    milestone = adopted_milestone(neighbourhood, party)
    follower = confirmed_follower(neighbourhood)
    # Adopting the roadmap was news before the follower confirmed: only developments are new.
    Follower.objects.filter(pk=follower.pk).update(confirmed_at=timezone.now())
    follower.refresh_from_db()
    developments.accept(development(milestone))
    development(milestone, title="Nog open")
    developments.dismiss(development(milestone, title="Afgewezen"))
    other = adopted_milestone(NeighbourhoodFactory(municipality=neighbourhood.municipality), party)
    developments.accept(development(other, title="In een andere wijk"))

    [item] = digest_for(neighbourhood, follower.confirmed_at)
    assert str(item.kind) == "Nieuwe ontwikkeling"
    assert item.title == "Netbeheerder stelt aansluiting uit"
    assert item.text == (
        "Datum van de ontwikkeling: 1 oktober 2026. Soort: Netcongestie. "
        "Daardoor is de planning aangepast: ‘Warmtenet aangelegd’ 30 dagen later."
    )
    # A development alone is news: the follower gets a digest.
    assert run_digests(django_capture_on_commit_callbacks) == 1
    (digest,) = mail.outbox
    today = date_format(timezone.localdate(), "j F Y")
    assert (
        f"- {today}. Nieuwe ontwikkeling: Netbeheerder stelt aansluiting uit\n"
        "  Datum van de ontwikkeling: 1 oktober 2026. Soort: Netcongestie. "
        "Daardoor is de planning aangepast: ‘Warmtenet aangelegd’ 30 dagen later.\n"
        "  http://testserver/testdal/bloemenwijk/routekaart/\n"
    ) in digest.body
    for secret in ("Jansen", "medewerker", "Nog open", "Afgewezen", "andere wijk", "Versie 1"):
        assert secret not in digest.body


def test_a_development_accepted_before_the_window_is_not_news_again(
    neighbourhood, party, django_capture_on_commit_callbacks
):
    milestone = adopted_milestone(neighbourhood, party)
    developments.accept(development(milestone, title="Oude ontwikkeling"))
    confirmed_follower(neighbourhood, confirmed_at=timezone.now() + datetime.timedelta(seconds=1))
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1)):
        assert run_digests(django_capture_on_commit_callbacks) == 0
        developments.accept(development(milestone, title="Nieuwe ontwikkeling"))
        assert run_digests(django_capture_on_commit_callbacks) == 1
    assert "Oude ontwikkeling" not in mail.outbox[-1].body
    assert "Nieuwe ontwikkeling: Nieuwe ontwikkeling" in mail.outbox[-1].body


def test_without_an_adopted_roadmap_a_development_links_to_the_timeline(
    neighbourhood, party, django_capture_on_commit_callbacks
):
    follower = confirmed_follower(neighbourhood)
    draft = Milestone.objects.create(
        roadmap=Roadmap.objects.create(neighbourhood=neighbourhood),
        owner=party,
        title="Geheim concept",
        baseline_date=datetime.date(2027, 3, 1),
    )
    developments.accept(development(draft))
    [item] = digest_for(neighbourhood, follower.confirmed_at)
    assert item.path == "/testdal/bloemenwijk/#tijdlijn"
    assert "Geheim concept" not in item.text
    assert item.text.endswith("De planning van de wijk is hierop nagekeken.")


def test_a_replayed_digest_sends_once_a_week(neighbourhood, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    confirmed_follower(neighbourhood)
    publish_session(neighbourhood, title="Eerste")
    assert [run_digests(capture) for _ in range(3)] == [1, 0, 0]
    publish_session(neighbourhood, title="Tweede")  # news between two runs of the same week
    assert run_digests(capture) == 0
    assert len(mail.outbox) == 1

    with time_machine.travel(timezone.now() + datetime.timedelta(days=7)):
        assert run_digests(capture) == 1
    assert "Tweede" in mail.outbox[-1].body
    assert "Eerste" not in mail.outbox[-1].body


def test_each_follower_gets_only_what_is_new_to_them(
    neighbourhood, django_capture_on_commit_callbacks
):
    now = timezone.now()
    publish_session(neighbourhood, title="Oud nieuws", when=now - datetime.timedelta(days=3))
    publish_session(neighbourhood, title="Vers nieuws", when=now - datetime.timedelta(hours=1))
    confirmed_follower(
        neighbourhood, email="lang@example.org", confirmed_at=now - datetime.timedelta(days=5)
    )
    confirmed_follower(
        neighbourhood, email="kort@example.org", confirmed_at=now - datetime.timedelta(days=1)
    )
    assert run_digests(django_capture_on_commit_callbacks) == 2
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert "Oud nieuws" in bodies["lang@example.org"]
    assert "Oud nieuws" not in bodies["kort@example.org"]
    assert "Vers nieuws" in bodies["kort@example.org"]


def test_digest_queries_do_not_grow_with_followers(
    neighbourhood, django_capture_on_commit_callbacks, django_assert_num_queries
):
    publish_session(neighbourhood)
    for i in range(3):
        confirmed_follower(neighbourhood, email=f"a{i}@example.org")
    # Neighbourhoods with due followers, savepoint, lock the followers, four sources, mark,
    # release.
    with django_assert_num_queries(9):
        assert send_digests() == 3
    Follower.objects.update(last_digest_at=None)
    for i in range(20):
        confirmed_follower(neighbourhood, email=f"b{i}@example.org")
    with django_assert_num_queries(9):
        assert send_digests() == 23


def test_digest_queries_do_not_grow_with_developments(
    neighbourhood, party, django_capture_on_commit_callbacks, django_assert_num_queries
):
    milestone = adopted_milestone(neighbourhood, party)
    confirmed_follower(neighbourhood, confirmed_at=timezone.now() - datetime.timedelta(days=1))
    for i in range(5):
        developments.accept(development(milestone, title=f"Ontwikkeling {i}", days=i + 1))
    # The roadmap adopted today is a second item; the developments cost one query together.
    with django_assert_num_queries(9):
        assert send_digests() == 1


# Purging


def test_unconfirmed_sign_ups_are_removed_after_seven_days(
    client, neighbourhood, django_capture_on_commit_callbacks
):
    sign_up(client, neighbourhood, django_capture_on_commit_callbacks, email="oud@example.org")
    kept = confirmed_follower(neighbourhood, email="volgt@example.org")
    with time_machine.travel(timezone.now() + datetime.timedelta(days=6)):
        sign_up(client, neighbourhood, django_capture_on_commit_callbacks, email="jong@example.org")
    with time_machine.travel(timezone.now() + datetime.timedelta(days=6, hours=23)):
        assert purge_unconfirmed() == 0
    with time_machine.travel(timezone.now() + datetime.timedelta(days=7, hours=1)):
        assert purge_unconfirmed() == 1
    assert set(Follower.objects.values_list("email", flat=True)) == {
        "volgt@example.org",
        "jong@example.org",
    }
    assert set(ConsentRecord.objects.values_list("email", flat=True)) == {
        "volgt@example.org",
        "jong@example.org",
    }
    assert Follower.objects.get(email="volgt@example.org").pk == kept.pk
