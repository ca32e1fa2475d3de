"""The packaged application (packaging/ideabank.spec): built with PyInstaller, then its programs
run as a user would run them, so a module, translation, font or migration missing from the bundle
fails here rather than on a user's machine.

One build per test session (about 40 s of CPU; minutes of wall time on a busy machine), kept in
build/test-bundle/ under a hash of everything that goes into it, so an unchanged tree is not built
again. `make test` runs the programs' --version and init against it and checks the files it
carries; `make soak` also runs a day of work (demo data, search, a dossier, the window offscreen)
and installs the Linux archive.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))
import bundle_files  # noqa: E402

CACHE = ROOT / "build" / "test-bundle"
INPUTS = ("app", "db", "resources", "packaging")


def _inputs_hash() -> str:
    h = hashlib.sha256()
    files = [ROOT / "pyproject.toml", ROOT / "constraints.txt"]
    for top in INPUTS:
        files += [p for p in (ROOT / top).rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    for path in sorted(files):
        h.update(path.relative_to(ROOT).as_posix().encode())
        h.update(path.read_bytes())
    import PyInstaller
    h.update(PyInstaller.__version__.encode())
    return h.hexdigest()[:16]


@pytest.fixture(scope="session")
def bundle() -> Path:
    """dist/ideabank as `make package` builds it (the programs, _internal/)."""
    pytest.importorskip("PyInstaller", reason="PyInstaller is not installed (`make venv` installs it)")
    if not sys.platform.startswith("linux"):
        pytest.skip("the bundle tests run the Linux build")
    key = _inputs_hash()
    dist = CACHE / key / "dist"
    if not (dist / "ideabank" / "ideabank").is_file():
        shutil.rmtree(CACHE, ignore_errors=True)
        res = subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                              "--distpath", str(dist), "--workpath", str(CACHE / key / "work"),
                              str(ROOT / "packaging" / "ideabank.spec")],
                             cwd=ROOT, capture_output=True, text=True, timeout=1800)
        assert res.returncode == 0, f"PyInstaller failed:\n{res.stdout[-3000:]}\n{res.stderr[-3000:]}"
    return dist / "ideabank"


def run(program: Path, *args: str, home: Path, check: bool = True, timeout: int = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"), "QT_QPA_PLATFORM": "offscreen",
           "IDEABANK_LANG": "zh_CN"}
    env.pop("IDEABANK_HOME", None)
    res = subprocess.run([str(program), *args], capture_output=True, text=True, env=env, timeout=timeout,
                         cwd=home)
    if check:
        assert res.returncode == 0, f"{program.name} {' '.join(args)} -> {res.returncode}\n{res.stdout}\n{res.stderr}"
    return res


# -- without a build ---------------------------------------------------------------------------------

def test_the_version_is_written_once_in_pyproject():
    import app
    version = bundle_files.version(ROOT)
    assert app.__version__ == version
    assert version not in (ROOT / "app" / "__init__.py").read_text()
    iss = (ROOT / "packaging" / "windows" / "ideabank.iss").read_text(encoding="utf-8")
    assert version not in iss  # the installer reads it back from the program's version resource


def test_the_windows_version_resource_names_the_version(tmp_path):
    """PyInstaller parses this file only on Windows; here its text is evaluated the same way."""
    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct", "VarFileInfo",
             "VarStruct")
    record = {n: (lambda n: lambda *a, **k: (n, a, k))(n) for n in names}
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    text = Path(bundle_files.windows_version_file(tmp_path)).read_text(encoding="utf-8")
    info = eval(text, {"__builtins__": {}}, record)  # noqa: S307  (our own generated file)
    strings = dict(s[1] for s in info[2]["kids"][0][1][0][0][1][1])
    assert strings["ProductVersion"] == bundle_files.version(ROOT) == strings["FileVersion"]


def test_install_script_puts_programs_menu_entry_and_icons_in_place_and_removes_them(tmp_path):
    """install.sh on a stand-in for the bundle (the real one: test_linux_archive_installs, make soak)."""
    unpacked = tmp_path / "ideabank-9.9"
    shutil.copytree(ROOT / "packaging" / "linux", unpacked, ignore=shutil.ignore_patterns("*.py"))
    (unpacked / "share" / "applications").mkdir(parents=True)
    shutil.move(unpacked / "ideabank.desktop", unpacked / "share" / "applications" / "ideabank.desktop")
    (unpacked / "share" / "icons" / "hicolor" / "48x48" / "apps").mkdir(parents=True)
    (unpacked / "share" / "icons" / "hicolor" / "48x48" / "apps" / "ideabank.png").write_bytes(b"png")
    (unpacked / "ideabank").mkdir()
    for program in ("ideabank", "ideabank-gui"):
        stub = unpacked / "ideabank" / program
        stub.write_text(f"#!/bin/sh\necho '{program} 9.9'\n")
        stub.chmod(0o755)
    places = ["--prefix", str(tmp_path / "opt" / "ideabank"), "--bindir", str(tmp_path / "bin"),
              "--datadir", str(tmp_path / "share")]
    done = subprocess.run(["sh", str(unpacked / "install.sh"), *places], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert subprocess.run([str(tmp_path / "bin" / "ideabank")], capture_output=True, text=True).stdout == "ideabank 9.9\n"
    entry = (tmp_path / "share" / "applications" / "ideabank.desktop").read_text()
    assert f'Exec="{tmp_path}/opt/ideabank/ideabank-gui"' in entry and "Name=创新智慧库" in entry
    assert (tmp_path / "share" / "icons" / "hicolor" / "48x48" / "apps" / "ideabank.png").is_file()
    again = subprocess.run(["sh", str(unpacked / "install.sh"), *places], capture_output=True, text=True)
    assert again.returncode == 0, again.stderr  # over an earlier installation
    gone = subprocess.run(["sh", str(unpacked / "install.sh"), "--uninstall", *places], capture_output=True, text=True)
    assert gone.returncode == 0, gone.stderr
    assert not (tmp_path / "opt" / "ideabank").exists() and not (tmp_path / "bin" / "ideabank").exists()
    assert not (tmp_path / "share" / "applications" / "ideabank.desktop").exists()
    assert not list((tmp_path / "share" / "icons").rglob("ideabank.*"))
    bad = subprocess.run(["sh", str(unpacked / "install.sh"), "--bogus"], capture_output=True, text=True)
    assert bad.returncode == 2 and "--bogus" in bad.stderr


# -- the built programs ------------------------------------------------------------------------------

def test_bundled_programs_answer_version_and_init(bundle, tmp_path):
    version = bundle_files.version(ROOT)
    assert run(bundle / "ideabank", "--version", home=tmp_path).stdout.strip() == f"ideabank {version}"
    assert run(bundle / "ideabank-gui", "--version", home=tmp_path).stdout.strip() == f"ideabank-gui {version}"
    data = tmp_path / "data"
    run(bundle / "ideabank", "--data-dir", str(data), "init", home=tmp_path)
    assert (data / "ideabank.sqlite").is_file()
    users = json.loads(run(bundle / "ideabank", "--data-dir", str(data), "user", "list", "--json", home=tmp_path).stdout)
    assert [u["employee_no"] for u in users] == ["admin"]  # migrated, and the core answers
    refused = run(bundle / "ideabank", "--data-dir", str(data), "project", "show", "nope", home=tmp_path, check=False)
    assert refused.returncode != 0 and refused.stderr.count("\n") == 1  # one line, no traceback


def test_bundle_carries_its_data_files(bundle):
    internal = bundle / "_internal"
    for lang in bundle_files.LANGUAGES:
        assert (internal / "resources" / "i18n" / f"ideabank_{lang}.qm").is_file()
    assert not list((internal / "resources").rglob("*.ts"))  # sources stay out
    migrations = {p.name for p in (ROOT / "db" / "migrations" / "versions").glob("*.py")}
    assert {p.name for p in (internal / "db" / "migrations" / "versions").glob("*.py")} == migrations
    fonts = internal / "resources" / "fonts"
    assert (fonts / bundle_files.FONT).stat().st_size > 4_000_000
    assert "Apache License" in (fonts / bundle_files.FONT_LICENCE).read_text(encoding="utf-8")
    assert (internal / "resources" / "dict" / "industrial.txt").is_file()
    assert (internal / "resources" / "icons" / "ideabank.svg").is_file()
    qt_catalogues = {p.name for p in (internal / "PySide6" / "Qt" / "translations").glob("*.qm")}
    assert "qtbase_zh_CN.qm" in qt_catalogues and not {n for n in qt_catalogues if "_de" in n or "_ja" in n}
    for unwanted in ("pytest", "PyInstaller", "hypothesis", "pygments"):
        assert not (internal / unwanted).exists(), unwanted


@pytest.mark.soak
def test_bundled_programs_do_a_day_of_work(bundle, tmp_path):
    """demo data, search, a dossier with the bundled font, and the window opened offscreen, every
    page visited, and closed (`ideabank-gui --self-test`)."""
    data = tmp_path / "data"
    cli = bundle / "ideabank"
    run(cli, "--data-dir", str(data), "init", home=tmp_path)
    counts = json.loads(run(cli, "--data-dir", str(data), "demo", "--projects", "200", "--json", home=tmp_path).stdout)
    assert counts["projects"] == 200 and counts["teams"] > 0 and counts["incubation_requests"] > 0
    found = json.loads(run(cli, "--data-dir", str(data), "search", "变压器", "--json", home=tmp_path).stdout)
    assert found["total"] > 0 and found["results"]
    number = found["results"][0]["number"]
    pdf = tmp_path / "dossier.pdf"
    run(cli, "--data-dir", str(data), "dossier", number, "-o", str(pdf), home=tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdffonts"):
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
        assert "WenQuanYiMicroHei" in fonts
    report = json.loads(run(bundle / "ideabank-gui", "--data-dir", str(data), "--self-test", home=tmp_path).stdout)
    assert {"bank", "teams", "incubation", "warnings", "stats", "studios"} <= set(report["pages"])
    assert report["translated"] and report["window_icon"]
    assert "WenQuanYi Micro Hei" in report["bundled_fonts"]
    english = json.loads(run(bundle / "ideabank-gui", "--data-dir", str(data), "--lang", "en", "--self-test",
                             home=tmp_path).stdout)
    assert english["pages"] == report["pages"]


@pytest.mark.soak
def test_linux_archive_installs_runs_and_uninstalls(bundle, tmp_path):
    sys.path.insert(0, str(ROOT / "packaging" / "linux"))
    import archive
    made = archive.build(bundle, tmp_path / "out")
    assert made.name == f"ideabank-{bundle_files.version(ROOT)}-linux-{os.uname().machine}.tar.gz"
    with tarfile.open(made) as tar:
        tar.extractall(tmp_path / "x", filter="tar")
    top = tmp_path / "x" / f"ideabank-{bundle_files.version(ROOT)}"
    assert (top / "share" / "icons" / "hicolor" / "256x256" / "apps" / "ideabank.png").is_file()
    assert os.access(top / "install.sh", os.X_OK)
    places = ["--prefix", str(tmp_path / "opt"), "--bindir", str(tmp_path / "bin"), "--datadir", str(tmp_path / "share")]
    subprocess.run([str(top / "install.sh"), *places], check=True, capture_output=True)
    assert run(tmp_path / "bin" / "ideabank", "--version", home=tmp_path).stdout.startswith("ideabank ")
    run(tmp_path / "bin" / "ideabank", "--data-dir", str(tmp_path / "data"), "init", home=tmp_path)
    subprocess.run([str(top / "install.sh"), "--uninstall", *places], check=True, capture_output=True)
    assert not (tmp_path / "opt").exists()
    assert (tmp_path / "data" / "ideabank.sqlite").is_file()  # the data folder is never touched
