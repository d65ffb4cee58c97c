"""Every action the code records has words in the audit log: a new `action="…"` without a
label would show its internal code to the Dutch reader."""

import re
from pathlib import Path

from wup.audit_display import ACTIONS

ROOT = Path(__file__).resolve().parents[2]
RECORDED = re.compile(r"""action=["']([a-z_]+)["']""")


def test_every_recorded_action_has_a_label():
    recorded = set()
    for package in ("wup", "reports", "dialogue", "roadmap", "dashboard", "residents"):
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" not in path.parts:
                recorded |= set(RECORDED.findall(path.read_text()))
    assert "adopt" in recorded  # the scan finds what it should
    assert sorted(recorded - set(ACTIONS)) == []
