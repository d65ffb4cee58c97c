"""English is complete: every Dutch text in the code and templates has an English translation."""

import shutil
import subprocess
import tomllib
from pathlib import Path

from django.core.management import call_command
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[1]
# Every package in the layers (so a new app cannot be forgotten), the templates and the catalogue.
PACKAGES = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"][
    "root_packages"
]
SOURCES = [*PACKAGES, "templates", "locale"]


def test_every_text_has_an_english_translation(tmp_path, monkeypatch):
    # makemessages writes into the locale folder that sits above the sources it reads, so it
    # runs on a copy of the sources: the committed catalogue is only read, never rewritten.
    committed = (ROOT / "locale/en/LC_MESSAGES/django.po").read_bytes()
    for name in SOURCES:
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("*.mo"))
    monkeypatch.chdir(tmp_path)
    with override_settings(LOCALE_PATHS=[tmp_path / "locale"]):
        call_command("makemessages", locale=["en"], verbosity=0, no_obsolete=True)
    catalogue = tmp_path / "locale/en/LC_MESSAGES/django.po"
    untranslated = subprocess.run(
        ["msgattrib", "--untranslated", "--no-obsolete", str(catalogue)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    fuzzy = subprocess.run(
        ["msgattrib", "--only-fuzzy", "--no-obsolete", str(catalogue)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert untranslated == "", f"translate these in locale/en:\n{untranslated}"
    assert fuzzy == "", f"check these fuzzy translations in locale/en:\n{fuzzy}"
    assert (ROOT / "locale/en/LC_MESSAGES/django.po").read_bytes() == committed
