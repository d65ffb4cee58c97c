"""The floor plan holds: no module and no template reaches up a layer.

The layers, top to bottom, are in pyproject.toml ([tool.importlinter]); `make lint` checks the
Python imports with import-linter. These tests check that the contract passes on the code, that
the same contract fails on an upward import, and that templates follow the same order.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
INCLUDE = re.compile(r"{%\s*(?:include|extends)\s+[\"']([\w-]+)/")


def _layers() -> list[str]:
    config = tomllib.loads(PYPROJECT.read_text())["tool"]["importlinter"]
    (contract,) = [c for c in config["contracts"] if c["type"] == "layers"]
    return contract["layers"]


def _lint(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(PYPROJECT), "--no-cache"],
        cwd=cwd,
        env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_code_keeps_the_layers():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_upward_import_breaks_the_contract(tmp_path):
    packages = tomllib.loads(PYPROJECT.read_text())["tool"]["importlinter"]["root_packages"]
    for name in packages:
        (tmp_path / name).mkdir()
        (tmp_path / name / "__init__.py").write_text("")
    top, bottom = _layers()[0], _layers()[-1]
    # Downward is allowed ...
    (tmp_path / top / "pages.py").write_text(f"import {bottom}.models\n")
    (tmp_path / bottom / "models.py").write_text("")
    assert _lint(tmp_path).returncode == 0
    # ... upward is not.
    (tmp_path / bottom / "views.py").write_text(f"from {top} import pages\n")
    result = _lint(tmp_path)
    assert result.returncode == 1
    assert f"{bottom}.views -> {top}.pages" in result.stdout


def test_templates_include_only_their_own_layer_and_below():
    # Template folders are named after apps; shared folders (nlds, registration, the error
    # pages) belong to the base.
    layers = _layers()
    # "participation | imports": independent apps that share one layer.
    rank = {name.strip(): i for i, layer in enumerate(layers) for name in layer.split("|")}
    base = rank[layers[-1]]
    upward = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        folder = path.relative_to(ROOT / "templates").parts[0]
        own = rank.get(folder, base)
        for used in INCLUDE.findall(path.read_text()):
            if rank.get(used, base) < own:
                upward.append(f"{path.relative_to(ROOT)} uses {used}/")
    assert upward == []
