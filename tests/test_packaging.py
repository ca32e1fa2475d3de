"""What ships: the wheel carries migrations, resources and compiled translations,
and the Debian package list covers what Qt's xcb plugin links."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
QM_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")

# A catalogue with one finished translation: proves the wheel build compiles
# .ts files itself rather than packaging whatever .qm happened to lie around.
PROBE_TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PackagingProbe</name>
    <message>
        <source>Idea Bank</source>
        <translation>创新智慧库</translation>
    </message>
</context>
</TS>
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    """Build a wheel from a copy of the tracked sources, with no .qm in it."""
    src = tmp_path_factory.mktemp("src")
    ignore = shutil.ignore_patterns("*.qm", "*.egg-info")
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    for name in ("app", "db", "resources"):
        shutil.copytree(ROOT / name, src / name, ignore=ignore)
    # A developer's tree has bytecode caches; none of them may reach the wheel.
    (src / "resources" / "__pycache__").mkdir(exist_ok=True)
    (src / "resources" / "__pycache__" / "stray.cpython-311.pyc").write_bytes(b"\0")
    (src / "resources" / "i18n" / "ideabank_probe.ts").write_text(PROBE_TS, encoding="utf-8")
    out = tmp_path_factory.mktemp("dist")
    res = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--disable-pip-version-check", "-q", "-w", str(out), str(src)],
        capture_output=True, text=True, timeout=120,
    )
    assert res.returncode == 0, f"wheel build failed:\n{res.stdout}\n{res.stderr}"
    wheels = list(out.glob("ideabank-*.whl"))
    assert len(wheels) == 1, wheels
    with zipfile.ZipFile(wheels[0]) as zf:
        yield zf


def test_wheel_has_migrations(wheel):
    names = set(wheel.namelist())
    assert "db/migrations/env.py" in names
    versions = [n for n in names if re.fullmatch(r"db/migrations/versions/[^/]+\.py", n)]
    tracked = list((ROOT / "db" / "migrations" / "versions").glob("*.py"))
    assert versions and len(versions) == len(tracked)
    assert "db/migrations/script.py.mako" in names


def test_wheel_has_every_resource_file(wheel):
    names = set(wheel.namelist())
    dict_files = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "resources" / "dict").glob("*") if p.is_file())
    assert dict_files, "resources/dict/ is empty"
    assert set(dict_files) <= names
    for sub in ("fonts", "icons"):
        for p in (ROOT / "resources" / sub).rglob("*"):
            if p.is_file():
                assert p.relative_to(ROOT).as_posix() in names


def test_wheel_has_compiled_translations(wheel):
    names = set(wheel.namelist())
    for ts in (ROOT / "resources" / "i18n").glob("*.ts"):
        qm = f"resources/i18n/{ts.stem}.qm"
        assert qm in names, f"{qm} missing from the wheel"
        assert wheel.read(qm).startswith(QM_MAGIC)


def test_wheel_translation_is_compiled_from_the_ts(wheel, tmp_path):
    qtcore = pytest.importorskip("PySide6.QtCore")
    qm = tmp_path / "probe.qm"
    qm.write_bytes(wheel.read("resources/i18n/ideabank_probe.qm"))
    translator = qtcore.QTranslator()
    assert translator.load(str(qm))
    assert translator.translate("PackagingProbe", "Idea Bank") == "创新智慧库"


def test_wheel_carries_no_tests_or_build_junk(wheel):
    tops = {n.split("/")[0] for n in wheel.namelist() if not n.startswith("ideabank-")}
    assert tops == {"app", "db", "resources"}
    assert not [n for n in wheel.namelist() if "__pycache__" in n or n.endswith(".pyc")]


def _xcb_needed_sonames() -> set[str]:
    qt = Path(pytest.importorskip("PySide6").__file__).parent / "Qt"
    needed: set[str] = set()
    for lib in (qt / "plugins" / "platforms" / "libqxcb.so", *qt.glob("lib/libQt6XcbQpa.so*"),
                *qt.glob("lib/libQt6Gui.so*"), *qt.glob("lib/libQt6Widgets.so*")):
        out = subprocess.run(["objdump", "-p", str(lib)], capture_output=True, text=True).stdout
        needed |= set(re.findall(r"NEEDED\s+(\S+)", out))
    bundled = {p.name for p in (qt / "lib").iterdir()}
    return {so for so in needed if so not in bundled}


@pytest.mark.skipif(not shutil.which("dpkg") or not shutil.which("objdump"), reason="needs Debian's dpkg and objdump")
def test_system_deps_cover_what_the_qt_xcb_plugin_links():
    script = (ROOT / "packaging" / "system-deps.sh").read_text()
    listed = set(re.search(r'QT_XCB="([^"]*)"', script).group(1).split())
    cache = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout
    paths: dict[str, set[str]] = {}  # soname -> the paths dpkg may know it by
    unresolved = set()
    for so in sorted(_xcb_needed_sonames()):
        m = re.search(rf"^\s*{re.escape(so)} \(.*?x86-64.*?\) => (\S+)$", cache, re.M) or \
            re.search(rf"^\s*{re.escape(so)} .*=> (\S+)$", cache, re.M)
        if m:
            # Debian 12 merged /lib into /usr/lib, but dpkg knows each file by the path its package ships.
            paths[so] = {m.group(1), os.path.realpath(m.group(1))}
        else:
            unresolved.add(so)
    # One dpkg call for all: it exits 1 when some path is unknown, and still lists the others.
    out = subprocess.run(["dpkg", "-S", *sorted(set().union(*paths.values()))],
                         capture_output=True, text=True).stdout
    owner_of = {}
    for line in out.splitlines():
        pkgs, _, path = line.partition(": ")
        owner_of[path.strip()] = pkgs.split(",")[0].split(":")[0].strip()
    base = {"libc6", "libstdc++6", "libgcc-s1", "zlib1g", "libzstd1"}
    missing_pkgs = set()
    for so, cands in paths.items():
        owners = {owner_of[p] for p in cands if p in owner_of}
        if not owners:
            unresolved.add(so)
        missing_pkgs |= {f"{pkg} ({so})" for pkg in owners if pkg not in listed and pkg not in base}
    if unresolved and os.geteuid() != 0:
        pytest.skip(f"libraries not installed (make as root installs them): {sorted(unresolved)}")
    assert not unresolved, f"the xcb plugin links libraries that are not installed: {sorted(unresolved)}"
    assert not missing_pkgs, f"add to QT_XCB in packaging/system-deps.sh: {sorted(missing_pkgs)}"


def _canon(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_lock_file_pins_what_is_installed():
    """Every package the app and its tests pull in is pinned in constraints.txt at the
    version installed here, so a fresh `make` gets what this run tested."""
    from importlib import metadata

    from packaging.requirements import Requirement

    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, _, version = line.partition("==")
            pins[_canon(name)] = version.strip()

    try:
        root = metadata.distribution("ideabank")
    except metadata.PackageNotFoundError:
        pytest.skip("ideabank is not installed (make venv installs it)")
    todo = [(r, {"test"}) for r in root.requires or []]
    seen, problems = set(), []
    while todo:
        req_text, extras = todo.pop()
        req = Requirement(req_text)
        if req.marker and not any(req.marker.evaluate({"extra": e}) for e in (extras or {""})):
            continue
        name = _canon(req.name)
        key = (name, frozenset(req.extras))
        if key in seen:
            continue
        seen.add(key)
        try:
            dist = metadata.distribution(req.name)
        except metadata.PackageNotFoundError:
            problems.append(f"{name}: required but not installed")
            continue
        if name not in pins:
            problems.append(f"{name}=={dist.version}: not in constraints.txt (run `make lock`)")
        elif pins[name] != dist.version:
            problems.append(f"{name}: installed {dist.version}, constraints.txt says {pins[name]} (run `make lock`)")
        todo += [(r, set(req.extras)) for r in dist.requires or []]
    assert not problems, "\n".join(problems)
    assert len(seen) > 10
