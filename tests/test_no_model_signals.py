"""Effects happen where they happen: no app of ours reacts to another's saves through a model
signal. A new neighbourhood gets its parts from Neighbourhood.objects.add_parts, an adopted
version its route from adopt(); both called explicitly (bulk_create would skip a signal)."""

from __future__ import annotations

import weakref

import pytest
from django.db.models import signals

OUR_PACKAGES = {"wup", "dialogue", "roadmap", "dashboard", "residents", "reports", "demo", "bench"}
MODEL_SIGNALS = ["pre_save", "post_save", "pre_delete", "post_delete", "m2m_changed"]


def _receivers(signal) -> list:
    found = []
    for _key, receiver, *_rest in signal.receivers:
        if isinstance(receiver, weakref.ReferenceType):
            receiver = receiver()
        if receiver is not None:
            found.append(receiver)
    return found


@pytest.mark.parametrize("name", MODEL_SIGNALS)
def test_no_app_of_ours_connects_a_model_signal(name):
    ours = [
        f"{r.__module__}.{getattr(r, '__qualname__', r)}"
        for r in _receivers(getattr(signals, name))
        if (getattr(r, "__module__", "") or "").split(".")[0] in OUR_PACKAGES
    ]
    assert ours == []
