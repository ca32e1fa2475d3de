"""Find a CJK font that reportlab can embed, at run time.

reportlab embeds (and subsets) TrueType-outline fonts only. The built-in CID
fonts (STSong-Light) are merely referenced, so Chinese comes out blank on a
machine that lacks them; Noto CJK .ttc files have PostScript (CFF) outlines and
fail to load. So we look for known TrueType-outline CJK fonts, try to load each,
and keep the first that works.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from app.dossier.errors import FontMissingError, t

FONT_PREFIX = "IdeaBankCJK"
ENV_OVERRIDE = "IDEABANK_CJK_FONT"  # "path" or "path#subfont_index"
DEBIAN_PACKAGE = "fonts-wqy-microhei"


@dataclass(frozen=True)
class FontCandidate:
    path: Path
    subfont_index: int = 0


def _app_root() -> Path:
    # In a PyInstaller bundle resources/ sits next to the executable's data.
    base = getattr(sys, "_MEIPASS", None)
    return Path(base) if base else Path(__file__).resolve().parents[2]


def _windows_fonts_dir() -> Path:
    return Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"


def known_candidates() -> list[FontCandidate]:
    """Known places of TrueType-outline CJK fonts, best first."""
    wqy = Path("/usr/share/fonts/truetype/wqy")
    win = _windows_fonts_dir()
    found = [
        FontCandidate(_app_root() / "resources" / "fonts" / "wqy-microhei.ttc", 0),
        FontCandidate(wqy / "wqy-microhei.ttc", 0),
        FontCandidate(wqy / "wqy-zenhei.ttc", 0),
        FontCandidate(Path("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc"), 0),  # Fedora
        FontCandidate(Path("/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc"), 0),  # Arch
        FontCandidate(win / "simsun.ttc", 0),
        FontCandidate(win / "msyh.ttc", 0),
        FontCandidate(win / "msyh.ttf", 0),
        FontCandidate(win / "simhei.ttf", 0),
        FontCandidate(win / "simkai.ttf", 0),
        FontCandidate(win / "simfang.ttf", 0),
        FontCandidate(Path("/Library/Fonts/Arial Unicode.ttf"), 0),
        FontCandidate(Path("/System/Library/Fonts/Supplemental/Songti.ttc"), 0),
    ]
    return found


def fontconfig_candidates() -> list[FontCandidate]:
    """CJK fonts fontconfig knows about; .ttf/.ttc only (.otf is CFF, never embeddable)."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return []
    try:
        out = subprocess.run(
            [fc_list, ":lang=zh", "file", "index"],
            capture_output=True, text=True, timeout=10, check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    found = []
    for line in sorted(out.splitlines()):
        # "path: :index=0" (fontconfig puts the index after the file)
        path, _, rest = line.partition(":")
        index = 0
        if "index=" in rest:
            try:
                index = int(rest.split("index=", 1)[1].split(":")[0].strip())
            except ValueError:
                index = 0
        if path.lower().endswith((".ttf", ".ttc")):
            found.append(FontCandidate(Path(path.strip()), index))
    return found


def _override_candidate() -> list[FontCandidate]:
    raw = os.environ.get(ENV_OVERRIDE, "").strip()
    if not raw:
        return []
    path, _, index = raw.partition("#")
    return [FontCandidate(Path(path), int(index) if index.isdigit() else 0)]


def _font_name(candidate: FontCandidate) -> str:
    # One reportlab name per file and face, so trying another font never
    # replaces one that documents already use.
    stem = re.sub(r"[^A-Za-z0-9]+", "", candidate.path.stem) or "font"
    return f"{FONT_PREFIX}-{stem}-{candidate.subfont_index}"


def _load(candidate: FontCandidate) -> TTFont | None:
    if not candidate.path.is_file():
        return None
    try:
        font = TTFont(_font_name(candidate), str(candidate.path), subfontIndex=candidate.subfont_index)
    except (TTFError, OSError, ValueError, KeyError, IndexError):
        # "postscript outlines are not supported", a broken file, a wrong index...
        return None
    # A Latin-only font would render every Chinese character as a box.
    if 0x4E2D not in font.face.charToGlyph:  # 中
        return None
    return font


@dataclass(frozen=True)
class CJKFont:
    name: str  # registered reportlab font name
    path: Path
    subfont_index: int


_lock = threading.Lock()
_registered: CJKFont | None = None


def find_cjk_font(candidates: list[FontCandidate] | None = None) -> CJKFont:
    """Register and return the first embeddable CJK font; raise FontMissingError if none.

    With no argument the result is cached for the process: reportlab parses the
    5 MB font file once, not per document.
    """
    global _registered
    if candidates is None and _registered is not None:
        return _registered
    with _lock:
        if candidates is None and _registered is not None:
            return _registered
        use_cache = candidates is None
        if candidates is None:
            candidates = _override_candidate() + known_candidates()
            tried = {c.path for c in candidates}
            candidates += [c for c in fontconfig_candidates() if c.path not in tried]
        for candidate in candidates:
            font = _load(candidate)
            if font is None:
                continue
            pdfmetrics.registerFont(font)
            result = CJKFont(font.fontName, candidate.path, candidate.subfont_index)
            if use_cache:
                _registered = result
            return result
    raise FontMissingError(t(
        "找不到可以嵌入 PDF 的中文字体（TrueType 轮廓）。Debian/Ubuntu 上请安装：sudo apt-get install {pkg}；"
        "Windows 上需要系统自带的宋体/微软雅黑/黑体（C:\\Windows\\Fonts）；"
        "也可以设置环境变量 {env}=字体文件路径。",
        "No Chinese font that can be embedded in a PDF (TrueType outlines) was found. On Debian/Ubuntu "
        "install it: sudo apt-get install {pkg}; on Windows the system's SimSun/Microsoft YaHei/SimHei "
        "(C:\\Windows\\Fonts) are needed; or set {env} to a font file path.",
        pkg=DEBIAN_PACKAGE, env=ENV_OVERRIDE,
    ))


_BOX = 0x25A1  # □, drawn for characters the font lacks


def cover_missing_glyphs(font_name: str, text: str) -> None:
    """Give characters the font lacks (emoji...) the box glyph, keeping their code.

    reportlab sends every missing character to glyph 0 under one shared code,
    so the emoji vanish from the text layer (copy, search, pdftotext). Mapped
    to a box glyph each keeps its own code and ToUnicode entry: the reader
    sees a box, the text still says 😀.
    """
    font = pdfmetrics.getFont(font_name)
    face = getattr(font, "face", None)
    if face is None:
        return
    c2g = face.charToGlyph
    missing = {ord(ch) for ch in text} - c2g.keys()
    if not missing:
        return
    box_glyph = c2g.get(_BOX, 0)
    box_width = face.charWidths.get(_BOX, face.defaultWidth)
    with _lock:
        for code in missing:
            if code < 0x20 or code == 0xA0:  # reportlab maps these itself
                continue
            c2g.setdefault(code, box_glyph)
            face.charWidths.setdefault(code, box_width)
