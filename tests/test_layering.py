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


def _upward_imports(folder: Path, above: str) -> list[str]:
    """Every `import above...` / `from above... import` in the .py files under `folder` (AST, so a
    late import inside a function counts too)."""
    import ast
    found = []
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
            found += [f"{path.relative_to(folder)}: {n}" for n in names if n == above or n.startswith(above + ".")]
    return found


def test_the_store_never_imports_the_app():
    """db/ (models, migrations, the change sequence) is the bottom layer: nothing in it imports app/."""
    assert _upward_imports(ROOT / "db", "app") == []


def test_the_upward_import_check_can_fail(tmp_path):
    (tmp_path / "m.py").write_text("def f():\n    from app.core import projects\n", encoding="utf-8")
    assert _upward_imports(tmp_path, "app") == ["m.py: app.core"]
