"""Export and erasure of everything tied to an e-mail address, and the signed links that let a
resident ask for them. Residents have no account, so the address is the key. The link carries a
signed random request id, never the address: the id points at the address in the cache for 24
hours (reliability C7). Erasing uses the link up, and afterwards the address is in no table.
The live-session pulse is anonymous and dialogue participation is pseudonymous (a random cookie
token, never an address), so neither is tied to an e-mail address and neither is in the export.
The pages are in residents.views.privacy.

The signing salt and hash key keep their names from before the move to this module
("wup.privacy.…"), so links already mailed stay valid.
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass

from django.core import signing
from django.core.cache import cache
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from wup.models import ConsentRecord, Follower, Question

LINK_MAX_AGE = 24 * 3600  # reliability C7: tokens live at most 24 hours
SIGNER_SALT = "wup.privacy.request"
CACHE_PREFIX = "privacy:request:"
LATEST_PREFIX = "privacy:latest:"

# What a resident left with us, field by field: everything here is in the export. Each concrete
# field of these models is either here or in NOT_EXPORTED with the reason; a new field that is
# in neither fails tests/residents/test_privacy.py, and so does a new model with an e-mail field.
PERSONAL_FIELDS: dict[type[models.Model], tuple[str, ...]] = {
    Follower: (
        "id",
        "neighbourhood",
        "email",
        "consent",
        "created_at",
        "confirmed_at",
        "last_digest_at",
    ),
    Question: (
        "id",
        "neighbourhood",
        "asker_name",
        "asker_email",
        "consent",
        "text",
        "asked_at",
        "due_on",
        "answer",
        "answered_at",
        "published",
        "public_text",
        "details_removed_at",
    ),
    ConsentRecord: (
        "id",
        "email",
        "purpose",
        "text_version",
        "text",
        "channel",
        "given_at",
        "withdrawn_at",
    ),
}
NOT_EXPORTED: dict[type[models.Model], dict[str, str]] = {
    Follower: {"token": "the key in the unsubscribe link: a secret, not something about you"},  # nosec B105  # an explanation, not a password
    Question: {"answered_by": "the municipal employee who answered, not the resident"},
    ConsentRecord: {},
}
EXPORT_SECTIONS: dict[type[models.Model], str] = {
    Follower: "followers",
    Question: "questions",
    ConsentRecord: "consent_records",
}


# --- What we hold ----------------------------------------------------------------------------


def _consents_of(email: str) -> models.QuerySet[ConsentRecord]:
    """Consent records given with the address, or belonging to what was left with it."""
    return ConsentRecord.objects.filter(
        Q(email__iexact=email)
        | Q(followers__email__iexact=email)
        | Q(questions__asker_email__iexact=email)
    ).distinct()


def holds_data(email: str) -> bool:
    """Return whether anything in the database is tied to the address."""
    return (
        Follower.objects.filter(email__iexact=email).exists()
        or Question.objects.filter(asker_email__iexact=email).exists()
        or ConsentRecord.objects.filter(email__iexact=email).exists()
    )


def _exported(obj: models.Model, name: str):
    field = obj._meta.get_field(name)
    if name == "neighbourhood":
        neighbourhood = obj.neighbourhood
        return {"name": neighbourhood.name, "municipality": neighbourhood.municipality.name}
    if field.is_relation:
        return getattr(obj, field.attname)  # the id, which the other section lists
    if field.choices:
        return {"value": getattr(obj, name), "label": str(getattr(obj, f"get_{name}_display")())}
    return getattr(obj, name)


def export_data(email: str) -> dict:
    """Return everything tied to the address, as plain data for a JSON download."""
    objects = {
        Follower: Follower.objects.filter(email__iexact=email)
        .select_related("neighbourhood__municipality")
        .order_by("pk"),
        Question: Question.objects.filter(asker_email__iexact=email)
        .select_related("neighbourhood__municipality")
        .order_by("pk"),
        ConsentRecord: _consents_of(email).order_by("pk"),
    }
    data = {
        "email": email,
        "exported_at": timezone.now(),
        "explanation": _(
            "Dit zijn alle gegevens die Wijkwaarde heeft bij dit e-mailadres: de wijken die u "
            "volgt, de vragen die u stelde en de toestemming die u daarvoor gaf. Uw antwoorden "
            "op de peiling en wat u deed in een bijeenkomst zijn niet aan uw e-mailadres "
            "gekoppeld en staan hier daarom niet in."
        ),
    }
    for model, queryset in objects.items():
        data[EXPORT_SECTIONS[model]] = [
            {name: _exported(obj, name) for name in PERSONAL_FIELDS[model]} for obj in queryset
        ]
    return data


@dataclass(frozen=True)
class Erased:
    followers: int
    questions_deleted: int
    questions_anonymised: int
    consent_records: int


def erase_data(email: str, *, now: datetime.datetime | None = None) -> Erased:
    """Remove the address and everything tied to it; return what was removed.

    Follows and consent records go (nothing remains that consent would have to prove).
    A question that is published in the public Q&A stays in its anonymised public wording
    with its answer; the asker's name, address and original wording are blanked. Any other
    question is deleted.
    """
    now = now or timezone.now()
    with transaction.atomic():
        consent_ids = list(_consents_of(email).values_list("pk", flat=True))
        followers = Follower.objects.filter(email__iexact=email)
        follower_count = followers.count()
        followers.delete()  # before the consent records: a follower protects its consent
        questions = Question.objects.filter(asker_email__iexact=email)
        anonymised = questions.filter(published=True, answered_at__isnull=False).update(
            asker_name="", asker_email="", text="", consent=None, details_removed_at=now
        )
        deleted, _by_model = Question.objects.filter(asker_email__iexact=email).delete()
        consents, _by_model = ConsentRecord.objects.filter(pk__in=consent_ids).delete()
    return Erased(
        followers=follower_count,
        questions_deleted=deleted,
        questions_anonymised=anonymised,
        consent_records=consents,
    )


# --- Links -----------------------------------------------------------------------------------


def address_key(email: str) -> str:
    """Return a keyed hash of the address, so cache keys never hold the address itself."""
    return salted_hmac("wup.privacy.address", email.lower(), algorithm="sha256").hexdigest()


def new_request_token(email: str) -> str:
    """Remember the address under a fresh random id for 24 hours; return the signed id.

    Only the newest link of an address works: an older request id is forgotten.
    """
    request_id = secrets.token_urlsafe(16)
    latest_key = LATEST_PREFIX + address_key(email)
    if previous := cache.get(latest_key):
        cache.delete(CACHE_PREFIX + previous)
    cache.set_many({CACHE_PREFIX + request_id: email, latest_key: request_id}, timeout=LINK_MAX_AGE)
    return signing.TimestampSigner(salt=SIGNER_SALT).sign_object({"r": request_id}, compress=True)


def open_request(token: str) -> tuple[str, str] | None:
    """Return (request id, address) for a valid, unexpired, unused token; otherwise None."""
    try:
        data = signing.TimestampSigner(salt=SIGNER_SALT).unsign_object(token, max_age=LINK_MAX_AGE)
    except (signing.BadSignature, ValueError):  # SignatureExpired is a BadSignature
        return None
    request_id = data.get("r") if isinstance(data, dict) else None
    if not isinstance(request_id, str):
        return None
    email = cache.get(CACHE_PREFIX + request_id)
    return (request_id, email) if email else None


def close_request(request_id: str, email: str) -> None:
    cache.delete_many([CACHE_PREFIX + request_id, LATEST_PREFIX + address_key(email)])


# --- Views -----------------------------------------------------------------------------------
