"""Choice labels for list pages.

`get_FOO_display()` builds a dict of every choice on each call, which hashes (and so translates)
every lazy label again: on a list of 40 rows that is hundreds of translations. List views
translate each label once instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Choices


def attach_labels(objects: Iterable[Any], **fields: type[Choices]) -> list[Any]:
    """Return the objects as a list, each with `<field>_label` set from that field's choices."""
    maps = {
        field: {v: str(label) for v, label in choices.choices} for field, choices in fields.items()
    }
    rows = list(objects)
    for row in rows:
        for field, labels in maps.items():
            value = getattr(row, field)
            setattr(row, f"{field}_label", labels.get(value, value))
    return rows
