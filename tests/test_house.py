"""House rules that the code must keep: lint for real defects, and the layers' import contract.

They run with the rest of the suite, so the README's test command checks them too.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _tool(name: str) -> str:
    found = Path(sys.executable).with_name(name)
    if found.exists():
        return str(found)
    on_path = shutil.which(name)
    if on_path is None:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]'")
    return on_path


def test_ruff_finds_no_defect():
    result = subprocess.run([_tool("ruff"), "check", "--no-cache", "."], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_layers_import_only_downward():
    result = subprocess.run([_tool("lint-imports"), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken." in result.stdout


def test_every_package_is_installed():
    """`pip install .` (not editable) ships every folder of cgt_cli: pyproject lists each package."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    folders = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "cgt_cli").rglob("__init__.py")}
    assert folders - {"cgt_cli.seeds"} <= listed and "cgt_cli.seeds" in listed
