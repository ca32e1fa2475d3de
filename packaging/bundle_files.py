"""What the application bundle carries besides code, for packaging/ideabank.spec.

Every file is named here and checked before PyInstaller runs, so a missing translation, font or
migration stops the build with one line instead of reaching a user. Used by the spec (PyInstaller
executes it with this folder on sys.path) and by tests/test_bundle.py.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

LANGUAGES = ("zh_CN", "en")
# WenQuanYi Micro Hei: Apache-2.0, or GPL-3+ with the font exception (Debian's fonts-wqy-microhei);
# shipping it makes Chinese render on a machine without any CJK font, in the window and in dossiers
# (app/ui/i18n.py and app/dossier/fonts.py look in resources/fonts first).
FONT = "wqy-microhei.ttc"
FONT_PLACES = (Path("/usr/share/fonts/truetype/wqy"), Path("/usr/share/fonts/wqy-microhei"),
               Path("/usr/share/fonts/wenquanyi/wqy-microhei"))
FONT_LICENCE = "wqy-microhei.LICENSE"  # in packaging/: Debian's copyright file of the font, shipped beside it
SKIP = {"__pycache__", ".ts"}


class MissingFile(SystemExit):
    pass


def _require(path: Path, what: str, fix: str) -> Path:
    if not path.is_file():
        raise MissingFile(f"bundle: {what} missing: {path} ({fix})")
    return path


def _tree(src: Path, dest: str) -> list[tuple[str, str]]:
    """Every file under src, each to its own folder under dest (no caches, no .ts sources)."""
    out = []
    for path in sorted(src.rglob("*")):
        if path.is_file() and not (SKIP & set(path.parts)) and path.suffix not in SKIP and path.suffix != ".pyc":
            out.append((str(path), str(Path(dest) / path.parent.relative_to(src))))
    return out


def unused_qt_translation(dest: str) -> bool:
    """Whether a bundle entry is one of Qt's catalogues for a language the app does not speak."""
    path = Path(dest)
    if path.suffix != ".qm" or "translations" not in path.parts or "PySide6" not in path.parts:
        return False
    return not any(path.stem.endswith("_" + lang) for lang in LANGUAGES)


def font_file() -> Path | None:
    """The CJK font to ship: $IDEABANK_BUNDLE_FONT, else Debian's (and Fedora's, Arch's) place."""
    env = os.environ.get("IDEABANK_BUNDLE_FONT")
    if env:
        return _require(Path(env), "font named by IDEABANK_BUNDLE_FONT", "point it at wqy-microhei.ttc")
    return next((p / FONT for p in FONT_PLACES if (p / FONT).is_file()), None)


def datas(root: str | Path) -> list[tuple[str, str]]:
    root = Path(root)
    res = root / "resources"
    for lang in LANGUAGES:
        _require(res / "i18n" / f"ideabank_{lang}.qm", "compiled translation", "run `make qm`")
    _require(res / "dict" / "industrial.txt", "search dictionary", "restore resources/dict")
    _require(res / "icons" / "ideabank.svg", "application icon", "restore resources/icons")
    _require(root / "db" / "migrations" / "env.py", "migrations", "restore db/migrations")
    out = _tree(res, "resources") + _tree(root / "db" / "migrations", "db/migrations")
    font = font_file()
    if font is None and not sys.platform.startswith("win"):
        # Windows has CJK fonts of its own (Microsoft YaHei, SimSun); a Linux machine may have none.
        raise MissingFile(f"bundle: {FONT} not found (apt-get install fonts-wqy-microhei, "
                          "or set IDEABANK_BUNDLE_FONT=/path/to/wqy-microhei.ttc)")
    if font is not None:
        out.append((str(font), "resources/fonts"))
        licence = _require(root / "packaging" / FONT_LICENCE, "font licence", "restore it from git")
        out.append((str(licence), "resources/fonts"))
    return out


def version(root: str | Path) -> str:
    """The version, from its one place: pyproject.toml."""
    import tomllib
    with open(Path(root) / "pyproject.toml", "rb") as f:
        return str(tomllib.load(f)["project"]["version"])


def windows_version_file(root: str | Path) -> str:
    """The programs' Windows version resource, as the text file PyInstaller reads (Explorer's
    Details tab; the installer script reads ProductVersion back from the program, so the version
    is not written there a second time)."""
    text = version(root)
    numbers = tuple((int(x) if x.isdigit() else 0) for x in (text.split(".") + ["0"] * 4)[:4])
    strings = {"CompanyName": "Idea Bank", "FileDescription": "创新智慧库 Idea Bank", "FileVersion": text,
               "ProductName": "创新智慧库 Idea Bank", "ProductVersion": text}
    table = ", ".join(f"StringStruct({k!r}, {v!r})" for k, v in strings.items())
    body = (f"VSVersionInfo(ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0, "
            f"OS=0x40004, fileType=0x1, subtype=0x0, date=(0, 0)), kids=[StringFileInfo([StringTable("
            f"'080404B0', [{table}])]), VarFileInfo([VarStruct('Translation', [2052, 1200])])])\n")
    out = Path(root) / "build" / "version-info.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(body, encoding="utf-8")
    return str(out)


def icon(root: str | Path) -> str:
    """The Windows icon (.ico), rendered from resources/icons/ideabank.svg into build/icons."""
    root = Path(root)
    out = root / "build" / "icons"
    subprocess.run([sys.executable, str(root / "packaging" / "icons.py"), str(out)], check=True)
    return str(out / "ideabank.ico")
