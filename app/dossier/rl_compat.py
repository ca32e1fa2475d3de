"""Every use of reportlab's internals, in one place, for the tested reportlab version only.

The dossier needs a few things reportlab has no public API for: a valid ToUnicode map for
characters beyond the BMP, which glyphs of a TrueType face really have outlines, extra keys in the
document information dictionary, a page's drawing state kept until the page count is known, and
merged text fragments in a Paragraph. Each relies on reportlab's private attributes, so they live
here, and the installed version is checked when this module is imported: another version makes every
export fail with a clear message (`check()`) instead of quietly producing wrong PDFs.
tests/dossier/test_rl_compat.py holds each helper against reportlab's own, unpatched behaviour.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reportlab
from reportlab.lib.rl_accel import sameFrag
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfdoc, ttfonts
from reportlab.platypus import Paragraph

from app.dossier.errors import DossierError, t

TESTED = "5.1"  # major.minor of reportlab these helpers were written and tested against
INSTALLED = reportlab.Version


def supported(version: str = INSTALLED) -> bool:
    return ".".join(version.split(".")[:2]) == TESTED


def check(version: str = INSTALLED) -> None:
    """Raise a clear DossierError when the installed reportlab is not the tested one."""
    if not supported(version):
        raise DossierError(t(
            "已安装的 reportlab 版本为 {v}，而本程序只在 reportlab {tested}.x 上测试过（PDF 档案用到了它的内部接口）。"
            "请安装 reportlab {tested}.x（constraints.txt 中的版本）。",
            "reportlab {v} is installed, but this program is tested with reportlab {tested}.x only (dossiers use its "
            "internals). Install reportlab {tested}.x (the version in constraints.txt).", v=version, tested=TESTED))


# -- ToUnicode entries for characters beyond the BMP -------------------------------------------
#
# reportlab 5.1 writes "<07> <1F600>" for 😀, which is not UTF-16BE, so text extraction and search
# drop every emoji and every CJK Extension B character (the glyph may be a box: fine, but the text
# must survive). Write surrogate pairs.

def _utf16_hex(codepoint: int) -> str:
    return chr(codepoint).encode("utf-16-be", "surrogatepass").hex().upper()


_original_cmap = getattr(ttfonts.makeToUnicodeCMap, "_ideabank_original", ttfonts.makeToUnicodeCMap)


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    cmap = _original_cmap(fontname, subset)
    if all(v <= 0xFFFF for v in subset):
        return cmap
    head, _, rest = cmap.partition("beginbfchar\n")
    _body, _, tail = rest.partition("\nendbfchar")
    lines = [f"<{i:02X}> <{_utf16_hex(v)}>" for i, v in enumerate(subset)]
    return head + "beginbfchar\n" + "\n".join(lines) + "\nendbfchar" + tail


def install() -> None:
    """Patch what must be patched (idempotent); only on the tested version."""
    if supported() and ttfonts.makeToUnicodeCMap is not to_unicode_cmap:
        to_unicode_cmap._ideabank_original = _original_cmap  # type: ignore[attr-defined]  # a mark on the function: see _original_cmap
        ttfonts.makeToUnicodeCMap = to_unicode_cmap


# -- TrueType faces -----------------------------------------------------------------------------

def has_outline(face: Any, code: int) -> bool:
    """Whether the face draws ``code``: in its cmap and with an outline. wqy-microhei maps ℃, ℉,
    Ⅴ, Ⅹ... to empty glyphs: present in the cmap, blank on paper."""
    glyph = face.charToGlyph.get(code)
    if glyph is None:
        return False
    pos = face.glyphPos
    return pos[glyph + 1] > pos[glyph] or chr(code).isspace()


def draw_as(face: Any, code: int, other: int) -> None:
    """Draw ``code`` with the glyph of ``other`` (a box for what no font has), keeping its code in the
    text layer."""
    face.charToGlyph[code] = face.charToGlyph.get(other, 0)
    face.charWidths[code] = face.charWidths.get(other, face.defaultWidth)


# -- the document information dictionary ---------------------------------------------------------

def set_info_extras(canvas: Any, extra: dict[str, str]) -> None:
    """Add keys to the PDF's information dictionary (reportlab writes a fixed set)."""

    class Info(pdfdoc.PDFInfo):
        def format(self, document: Any) -> bytes:  # document: a reportlab PDFDocument
            d = {
                "Title": pdfdoc.PDFString(self.title),
                "Author": pdfdoc.PDFString(self.author),
                "Subject": pdfdoc.PDFString(self.subject),
                "Keywords": pdfdoc.PDFString(self.keywords),
                "Creator": pdfdoc.PDFString(self.creator),
                "Producer": pdfdoc.PDFString(self.producer),
                "Trapped": pdfdoc.PDFName(self.trapped),
            }
            d["ModDate"] = d["CreationDate"] = pdfdoc.PDFDate(ts=document._timeStamp,
                                                              dateFormatter=self._dateFormatter)  # type: ignore[attr-defined]  # private: not in types-reportlab
            for key, value in extra.items():
                d[key] = pdfdoc.PDFString(value)
            return pdfdoc.PDFDictionary(d).format(document)

    old = canvas._doc.info
    info = Info()
    info.__dict__.update(old.__dict__)
    canvas._doc.info = info


# -- pages drawn once the page count is known ----------------------------------------------------

def keep_page(canvas: Any) -> dict[str, Any]:
    """The page's drawing state, to draw it later (page X of Y), and a fresh page started."""
    state = dict(canvas.__dict__)
    canvas._startPage()
    return state


def restore_page(canvas: Any, state: dict[str, Any]) -> None:
    canvas.__dict__.update(state)


# -- paragraphs ------------------------------------------------------------------------------------

class MergedParagraph(Paragraph):
    """A Paragraph whose text runs are merged after parsing.

    The parser makes a fragment per entity, so escaped user text ("R&D <b>") becomes thousands of
    fragments, and CJK line breaking re-walks them all at every page split: a 20,000-character
    field full of "&" took 8 s instead of 0.9 s. Adjacent fragments with the same style are one run.
    """

    def _setup(self, text: str, style: ParagraphStyle, bulletText: str | None, frags: list[Any] | None,
               cleaner: Callable[[str], str] | None) -> None:
        super()._setup(text, style, bulletText, frags, cleaner)  # type: ignore[misc]  # private: not in types-reportlab
        if frags is None and len(self.frags) > 1:
            merged = [self.frags[0]]
            for frag in self.frags[1:]:
                if sameFrag(merged[-1], frag):
                    merged[-1].text += frag.text
                else:
                    merged.append(frag)
            self.frags = merged


install()
