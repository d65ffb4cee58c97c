"""Run axe-core in a Playwright page and turn its violations into a readable failure.

The browser tests do not call this themselves: tests/e2e/conftest.py runs it on every document a
page loads and after every HTMX swap (see CheckedPage there).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page

AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

# reliability.md §6 J1: zero violations against WCAG 2.1 A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# page.evaluate() runs through the DevTools protocol, which the page's Content-Security-Policy
# does not govern, so axe needs no bypass_csp: the test browser sees the same CSP as a resident.
# (page.add_script_tag(path=...) would insert an inline <script>, which that CSP rightly blocks.)
_RUN_AXE = """async (options) => {
    const results = await window.axe.run(document, options);
    return results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({target: n.target, summary: n.failureSummary, html: n.html})),
    }));
}"""


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str | None
    help: str
    help_url: str
    nodes: list[dict]

    def describe(self) -> str:
        lines = [f"- {self.rule} ({self.impact}): {self.help}  <{self.help_url}>"]
        for node in self.nodes:
            target = " ".join(
                ">>".join(part) if isinstance(part, list) else str(part) for part in node["target"]
            )
            lines.append(f"    at {target}")
            lines.append(f"       {node['html'][:200]}")
            for detail in (node.get("summary") or "").splitlines():
                lines.append(f"       {detail}")
        return "\n".join(lines)


def _axe_source() -> str:
    return AXE_SCRIPT.read_text(encoding="utf-8")


def violations(page: Page) -> list[Violation]:
    """Return axe's WCAG 2.1 A/AA violations for the page's current document."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_source())
    options = {
        "runOnly": {"type": "tag", "values": WCAG_TAGS},
        "resultTypes": ["violations"],
    }
    raw = page.evaluate(_RUN_AXE, options)
    return [Violation(v["id"], v["impact"], v["help"], v["helpUrl"], v["nodes"]) for v in raw]


def format_violations(where: str, found: list[Violation]) -> str:
    return f"axe found {len(found)} WCAG violation(s) on {where}:\n" + "\n".join(
        v.describe() for v in found
    )
