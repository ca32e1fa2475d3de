"""Build hook only: all metadata lives in pyproject.toml.

The compiled translations (resources/i18n/*.qm) are build output, not sources
(.gitignore drops them), so a wheel built from a clean checkout would miss them.
This build_py step runs Qt's lrelease on every resources/i18n/*.ts and writes the
.qm files straight into the wheel's build tree. See docs/DEVELOPING.md.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
I18N = Path("resources") / "i18n"


def find_lrelease() -> list[str] | None:
    """The first lrelease that exists: $LRELEASE, PySide6's, then Qt's own."""
    if os.environ.get("LRELEASE"):
        return [os.environ["LRELEASE"]]
    # PySide6-Essentials ships the binary inside the package; found without
    # importing Qt, so the build stays cheap when PySide6 is in the build env.
    spec = importlib.util.find_spec("PySide6")
    if spec and spec.submodule_search_locations:
        for loc in spec.submodule_search_locations:
            exe = Path(loc) / "lrelease"
            if exe.is_file() and os.access(exe, os.X_OK):
                return [str(exe)]
    beside_python = Path(sys.executable).parent / "pyside6-lrelease"
    if beside_python.is_file():
        return [str(beside_python)]
    for name in ("pyside6-lrelease", "lrelease-qt6", "lrelease6", "lrelease"):
        found = shutil.which(name)
        if found:
            return [found]
    return None


class BuildPyWithTranslations(build_py):
    def run(self) -> None:
        super().run()
        # Editable installs read resources/ from the work tree, where `make`
        # builds the .qm files; nothing to put in a build tree then.
        if getattr(self, "editable_mode", False):
            return
        sources = sorted((HERE / I18N).glob("*.ts"))
        if not sources:
            return
        target_dir = Path(self.build_lib) / I18N
        target_dir.mkdir(parents=True, exist_ok=True)
        lrelease = find_lrelease()
        if lrelease is None:
            stale = [ts for ts in sources if not (target_dir / (ts.stem + ".qm")).is_file()]
            if stale:
                raise SystemExit(
                    "Cannot compile translations: no lrelease found (install PySide6-Essentials in the "
                    "build environment, set LRELEASE=/path/to/lrelease, or build with `make wheel`). "
                    "Missing: " + ", ".join(ts.stem + ".qm" for ts in stale)
                )
            self.announce("lrelease not found: packaging the .qm files already in resources/i18n", level=3)
            return
        for ts in sources:
            qm = target_dir / (ts.stem + ".qm")
            subprocess.run([*lrelease, "-silent", str(ts), "-qm", str(qm)], check=True)


setup(cmdclass={"build_py": BuildPyWithTranslations})
