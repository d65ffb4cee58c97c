"""English is complete: every Dutch text in the code and templates has an English translation."""

import shutil
import subprocess
from pathlib import Path

from django.core.management import call_command
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[1]
IGNORE = [".venv", "node_modules", "tests", "bench", "staticfiles", "media"]


def test_every_text_has_an_english_translation(tmp_path, monkeypatch):
    # Regenerate the catalogue from the sources into a copy, merging the committed translations.
    shutil.copytree(ROOT / "locale", tmp_path / "locale")
    monkeypatch.chdir(ROOT)
    with override_settings(LOCALE_PATHS=[tmp_path / "locale"]):
        call_command(
            "makemessages", locale=["en"], ignore_patterns=IGNORE, verbosity=0, no_obsolete=True
        )
    catalogue = tmp_path / "locale/en/LC_MESSAGES/django.po"
    untranslated = subprocess.run(
        ["msgattrib", "--untranslated", "--no-obsolete", str(catalogue)],
        capture_output=True, text=True, check=True,
    ).stdout
    fuzzy = subprocess.run(
        ["msgattrib", "--only-fuzzy", "--no-obsolete", str(catalogue)],
        capture_output=True, text=True, check=True,
    ).stdout
    assert untranslated == "", f"translate these in locale/en:\n{untranslated}"
    assert fuzzy == "", f"check these fuzzy translations in locale/en:\n{fuzzy}"
