"""The core and everything below it must import without PySide6 (DESIGN.md: data flows one way)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QT_FREE = ["app.core", "db", "app.search", "app.dossier", "app.sync", "app.cli"]


def _modules() -> list[str]:
    names = []
    for package in QT_FREE:
        folder = ROOT / package.replace(".", "/")
        for path in sorted(folder.rglob("*.py")):
            rel = path.relative_to(ROOT).with_suffix("")
            if "migrations" in rel.parts:  # alembic scripts run inside alembic, not imported
                continue
            parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
            names.append(".".join(parts))
    return names


def test_qt_free_packages_never_import_pyside6():
    modules = _modules()
    assert "app.core.projects" in modules and "db.models.projects" in modules
    # A fresh interpreter, so nothing imported by other tests can hide or fake a leak.
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "    leaked = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "    if leaked:\n"
        "        print(name, 'imported', leaked[:3]); sys.exit(1)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_check_itself_catches_a_qt_import(tmp_path):
    """Guard against a check that cannot fail: a module importing PySide6 is reported."""
    (tmp_path / "leaky.py").write_text("import PySide6.QtCore\n")
    code = ("import sys; sys.path.insert(0, %r); import leaky;"
            "sys.exit(1 if 'PySide6' in sys.modules else 0)") % str(tmp_path)
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 1
