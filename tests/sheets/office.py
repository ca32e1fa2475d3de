"""LibreOffice, where installed, to make workbooks exactly as an office suite saves them.

Files it made are also kept in tests/sheets/fixtures/, so the rules are checked on machines without
it; where it is installed the tests make them afresh and check the same rules on both.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

FIXTURES = Path(__file__).with_name("fixtures")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
NOTE = ("LibreOffice is not installed: workbooks saved by an office suite are checked from the kept fixtures in "
        "tests/sheets/fixtures only (apt-get install libreoffice-calc-nogui to make them afresh in the test run)")
# A CSV opened the way a person in China opens it: UTF-8, comma, first line 1, Chinese (PRC) locale
# (2052), "detect special numbers" on, so dates, booleans and numbers become typed cells.
CSV_AS_TYPED = "CSV:44,34,76,1,,2052,false,true"


def convert(source: Path, out_dir: Path, *, to: str = "xlsx") -> Path:
    """Open `source` in LibreOffice and save it as `to` in out_dir (a CSV as typed by a person)."""
    assert SOFFICE, NOTE
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:  # parallel runs must not share a profile
        cmd = [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore"]
        if source.suffix.lower() == ".csv":
            cmd.append(f"--infilter={CSV_AS_TYPED}")
        cmd += ["--convert-to", to, "--outdir", str(out_dir), str(source)]
        subprocess.run(cmd, check=True, capture_output=True, timeout=180)
    made = out_dir / (source.stem + "." + to)
    assert made.is_file(), f"LibreOffice made no {made.name}"
    return made
