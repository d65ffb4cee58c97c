"""The locks (make lock) hold every package pyproject.toml names, at the pinned version, with
hashes; the image's runtime lock holds the same versions without the test packages."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
PIN = re.compile(r"^([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?==([^\s;]+)")


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(requirements: list[str]) -> dict[str, str]:
    found = {}
    for requirement in requirements:
        match = PIN.match(requirement.strip())
        assert match, f"not pinned exactly: {requirement}"
        found[normalise(match[1])] = match[2]
    return found


def lock(name: str) -> dict[str, str]:
    text = (ROOT / name).read_text()
    entries = re.findall(
        r"^([A-Za-z0-9_.-]+)==(\S+) \\\n((?:\s+--hash=sha256:[0-9a-f]{64}.*\n)+)", text, re.M
    )
    packages = {normalise(n): v for n, v, _hashes in entries}
    # Every requirement line has hashes (pip install --require-hashes refuses otherwise).
    assert len(packages) == len(re.findall(r"^[A-Za-z0-9]", text, re.M))
    return packages


RUNTIME = pins(PROJECT["dependencies"])
TEST = pins(PROJECT["optional-dependencies"]["test"])


def test_the_full_lock_has_every_runtime_and_test_package_at_its_pin():
    locked = lock("requirements.lock")
    for name, version in {**RUNTIME, **TEST}.items():
        assert locked.get(name) == version, f"{name}=={version}: run make lock"


def test_the_runtime_lock_has_the_same_versions_and_no_test_packages():
    full, runtime = lock("requirements.lock"), lock("requirements-runtime.lock")
    for name, version in RUNTIME.items():
        assert runtime.get(name) == version, f"{name}=={version}: run make lock"
    assert all(full[name] == version for name, version in runtime.items())
    assert not set(TEST) & set(runtime)


def test_make_and_the_image_install_from_the_locks_with_hashes():
    makefile = (ROOT / "Makefile").read_text()
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "--require-hashes -r requirements.lock" in makefile
    assert "$(VENV)/.installed: requirements.lock" in makefile
    assert "--require-hashes -r requirements-runtime.lock" in dockerfile
    assert "pip install --no-deps -e ." in dockerfile
