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
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from app.dossier.errors import FontMissingError, t
from app.dossier.rl_compat import draw_as, has_outline

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
    if not has_outline(font.face, 0x4E2D):  # 中
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


_BOX = 0x25A1  # □, drawn for characters no font here can draw


def fallback_candidates() -> list[FontCandidate]:
    """Latin/symbol fonts that draw what the CJK font leaves blank (℃, Ⅴ, ☺, some emoji)."""
    win = _windows_fonts_dir()
    return [
        FontCandidate(Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")),
        FontCandidate(Path("/usr/share/fonts/dejavu/DejaVuSans.ttf")),  # Fedora
        FontCandidate(Path("/usr/share/fonts/TTF/DejaVuSans.ttf")),     # Arch
        FontCandidate(win / "seguisym.ttf"),
        FontCandidate(win / "arial.ttf"),
    ]


def extension_candidates() -> list[FontCandidate]:
    """Fonts with the rarer CJK characters (Extension B and beyond, e.g. 𠀀 in a person's name),
    which the common CJK fonts lack; loaded only when a text needs one."""
    win = _windows_fonts_dir()
    return [
        FontCandidate(_app_root() / "resources" / "fonts" / "HanaMinB.ttf"),
        FontCandidate(Path("/usr/share/fonts/truetype/hanazono/HanaMinB.ttf")),  # Debian fonts-hanazono
        FontCandidate(Path("/usr/share/fonts/hanazono/HanaMinB.ttf")),
        FontCandidate(win / "simsunb.ttf"),   # SimSun-ExtB
        FontCandidate(win / "mingliub.ttc"),  # MingLiU-ExtB
    ]


def _fontconfig_for(code: int) -> list[FontCandidate]:
    """Installed TrueType fonts that fontconfig says have this character."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return []
    try:
        out = subprocess.run([fc_list, f":charset={code:x}", "file", "index"], capture_output=True, text=True,
                             timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    found = []
    for line in sorted(out.splitlines()):
        path, _, rest = line.partition(":")
        index = rest.split("index=", 1)[1].split(":")[0].strip() if "index=" in rest else "0"
        if path.lower().endswith((".ttf", ".ttc")):
            found.append(FontCandidate(Path(path.strip()), int(index) if index.isdigit() else 0))
    return found


class GlyphRouter:
    """Splits text into runs by the font that can draw each character.

    The CJK font draws nearly everything; the few characters it leaves blank go
    to a fallback font (a symbol font loaded at once; a font with the rare CJK
    extensions found when a text needs it, by known paths and fontconfig);
    characters no font here has get a box glyph in the CJK font but keep their
    own code, so the text layer (copy, search, pdftotext) still has them, and
    `missing()` tells the export report which they were.
    """

    def __init__(self, primary: str, fallbacks: list[str], *, discover: bool = True):
        self.primary = primary
        self.fallbacks = list(fallbacks)
        self._faces = [cast(TTFont, pdfmetrics.getFont(n)).face for n in [primary, *fallbacks]]
        self._choice: dict[int, int] = {}  # code -> index into [primary, *fallbacks]
        self._missing: set[int] = set()
        self._discover = discover
        self._tried: set[Path] = set()

    def _font_index(self, code: int) -> int:
        choice = self._choice.get(code)
        if choice is None:
            with _lock:
                choice = 0
                if code >= 0x20 and not has_outline(self._faces[0], code):
                    for i, face in enumerate(self._faces[1:], start=1):
                        if has_outline(face, code):
                            choice = i
                            break
                    else:
                        choice = self._load_for(code)
                        if choice == 0:
                            self._missing.add(code)
                            draw_as(self._faces[0], code, _BOX)
                self._choice[code] = choice
        return choice

    def _load_for(self, code: int) -> int:
        """Register a font that has ``code`` (index in the fallbacks), or 0."""
        if not self._discover:
            return 0
        candidates = [c for c in extension_candidates() if c.path.is_file()]
        if code > 0x2000:  # fontconfig only for letters, not for the control and space range
            candidates += _fontconfig_for(code)
        for candidate in candidates:
            if candidate.path in self._tried:
                continue
            self._tried.add(candidate.path)
            try:
                font = TTFont(_font_name(candidate), str(candidate.path), subfontIndex=candidate.subfont_index)
            except (TTFError, OSError, ValueError, KeyError, IndexError):
                continue
            pdfmetrics.registerFont(font)
            self.fallbacks.append(font.fontName)
            self._faces.append(font.face)
            if has_outline(font.face, code):
                return len(self._faces) - 1
        return 0

    def missing(self, text: str) -> str:
        """The characters of ``text`` that no font here can draw (each once, in order)."""
        out = []
        for ch in text:
            code = ord(ch)
            self._font_index(code)
            if code in self._missing and ch not in out:
                out.append(ch)
        return "".join(out)

    def runs(self, text: str) -> list[tuple[str | None, str]]:
        """[(font name or None for the main font, text), ...] covering ``text`` in order."""
        out: list[tuple[str | None, str]] = []
        current, start = 0, 0
        for pos, ch in enumerate(text):
            index = self._font_index(ord(ch))
            if index != current:
                if pos > start:
                    out.append((self._name(current), text[start:pos]))
                current, start = index, pos
        if len(text) > start:
            out.append((self._name(current), text[start:]))
        return out

    def _name(self, index: int) -> str | None:
        return None if index == 0 else self.fallbacks[index - 1]


def missing_glyphs(content: dict[str, object]) -> list[tuple[str, str]]:
    """[(field, characters no installed font can draw)] for a dossier's content (the export report)."""
    router = glyph_router()
    out = []
    for name, value in content.items():
        chars = "".join(router.missing(text) for text in _texts(value))
        if chars:
            out.append((name, "".join(dict.fromkeys(chars))))
    return out


def _texts(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _texts(item)


_router: GlyphRouter | None = None


def glyph_router() -> GlyphRouter:
    """The router for the process's CJK font (see find_cjk_font), fallbacks registered once."""
    global _router
    if _router is None:
        primary = find_cjk_font()
        fallbacks = []
        for candidate in fallback_candidates():
            if not candidate.path.is_file():
                continue
            try:
                font = TTFont(_font_name(candidate), str(candidate.path))
            except (TTFError, OSError, ValueError, KeyError, IndexError):
                continue
            pdfmetrics.registerFont(font)
            fallbacks.append(font.fontName)
            break  # one is plenty; each extra font costs time at every export
        _router = GlyphRouter(primary.name, fallbacks)
    return _router
