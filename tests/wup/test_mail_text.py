"""Plain-text mail is not HTML: a subject shows 's-Hertogenbosch and "Oost" as typed,
never as &#x27;s-Hertogenbosch or &quot;Oost&quot;."""

import re
from pathlib import Path

import pytest
from django.template.loader import render_to_string

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(
    str(path.relative_to(ROOT / "templates"))
    for pattern in ("*/email/*_subject.txt", "registration/*_subject.txt")
    for path in (ROOT / "templates").glob(pattern)
)
NAME = '\'s-Hertogenbosch & "Oost" <Noord>'


class Anything(str):
    """A value every template variable resolves to: any attribute, item or call gives it again."""

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return self

    def __getitem__(self, key):
        return self

    def __call__(self, *args, **kwargs):
        return self


VARIABLE = re.compile(r"(?:{{\s*|with \w+=|{%\s*(?:if|elif|for \w+ in)\s+)([a-z_]+)")


def _context(template: str) -> dict:
    """Every variable the template names, as a value full of characters HTML would escape."""
    source = (ROOT / "templates" / template).read_text()
    return {name: Anything(NAME) for name in VARIABLE.findall(source)}


def test_every_mail_template_is_found():
    assert "residents/email/question_answer_subject.txt" in TEMPLATES
    assert "registration/password_reset_subject.txt" in TEMPLATES


@pytest.mark.parametrize("template", TEMPLATES)
def test_mail_text_is_not_html_escaped(template):
    text = render_to_string(template, _context(template))
    for entity in ("&#x27;", "&#39;", "&quot;", "&amp;", "&lt;", "&gt;"):
        assert entity not in text, f"{template} escapes as HTML: {text!r}"
