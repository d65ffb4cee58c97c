import time

from django import forms
from django.core import signing
from django.test import RequestFactory

from wup.antispam import MIN_FILL_SECONDS, SIGNER_SALT, ProtectedForm, over_limit


class AskForm(ProtectedForm):
    text = forms.CharField()


def started(seconds_ago: float) -> str:
    return signing.dumps(time.time() - seconds_ago, salt=SIGNER_SALT)


def test_a_person_who_takes_their_time_gets_through():
    form = AskForm({"text": "Wanneer begint het?", "started": started(10)})
    assert form.is_valid()


def test_a_filled_honeypot_is_refused():
    form = AskForm({"text": "x", "website": "http://spam", "started": started(10)})
    assert not form.is_valid()
    assert "kon niet worden verstuurd" in str(form.non_field_errors())


def test_too_fast_is_refused_but_keeps_the_text_and_lets_the_next_try_through():
    form = AskForm({"text": "Mijn vraag", "started": started(0)})
    assert not form.is_valid()
    assert "erg snel" in str(form.non_field_errors())
    again = AskForm(form.data)
    assert again.data["text"] == "Mijn vraag"
    assert again.is_valid()


def test_a_forged_start_time_is_refused():
    form = AskForm({"text": "x", "started": "1.0"})
    assert not form.is_valid()


def test_a_fresh_form_carries_a_signed_start_time():
    value = AskForm().initial["started"]
    assert signing.loads(value, salt=SIGNER_SALT) <= time.time()
    assert MIN_FILL_SECONDS >= 2


def test_limit_per_email_and_a_wider_one_per_address():
    factory = RequestFactory()
    request = factory.post("/", REMOTE_ADDR="198.51.100.7")
    results = [over_limit(request, "test", email="a@example.org", per_hour=5) for _ in range(6)]
    assert results == [False] * 5 + [True]
    # Other people behind the same address are not blocked by one person's limit.
    assert over_limit(request, "test", email="b@example.org", per_hour=5) is False
    for i in range(43):
        over_limit(request, "test", email=f"{i}@example.org", per_hour=5)
    assert over_limit(request, "test", email="c@example.org", per_hour=5) is True


def test_a_new_forged_forwarded_for_does_not_reset_the_address_limit(settings):
    settings.BEHIND_PROXY = True
    factory = RequestFactory()

    def sent_via_balancer(forged: str):
        # The client writes the first entry; our load balancer appends the address it saw.
        return factory.post(
            "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"{forged}, 198.51.100.8"
        )

    results = [
        over_limit(sent_via_balancer(f"203.0.113.{i}"), "forged", email=f"{i}@example.org")
        for i in range(51)
    ]
    assert results == [False] * 50 + [True]


def test_crispy_renders_only_the_persons_fields_not_the_traps():
    from django.template import engines

    html = (
        engines["django"]
        .from_string("{% load crispy_forms_tags %}{% crispy form %}")
        .render({"form": AskForm()})
    )
    assert 'name="text"' in html
    assert 'name="website"' not in html
    assert 'name="started"' not in html
