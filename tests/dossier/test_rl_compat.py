"""The reportlab seam (app/dossier/rl_compat.py) against reportlab's own, unpatched behaviour.

The unpatched side runs in a fresh interpreter that imports reportlab only, never the app.
"""
from __future__ import annotations

import io
import json
import subprocess
import sys

import pypdf
import pytest
from reportlab.pdfgen.canvas import Canvas

from app.dossier import fonts, rl_compat
from app.dossier.errors import DossierError

PLAIN = r"""
import io, json
from reportlab.pdfbase import ttfonts
from reportlab.pdfgen.canvas import Canvas
out = {"bmp": ttfonts.makeToUnicodeCMap("F", [0x4E2D, 0x41, 0x2103]),
       "astral": ttfonts.makeToUnicodeCMap("F", [0x41, 0x1F600, 0x20000])}
buf = io.BytesIO()
c = Canvas(buf, invariant=1)
c.setTitle("标题"); c.setAuthor("作者"); c.setSubject("主题")
for page in range(1, 4):
    c.drawString(72, 720, f"page {page} of 3")
    c.showPage()
c.save()
out["pdf"] = buf.getvalue().decode("latin-1")
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def plain():
    proc = subprocess.run([sys.executable, "-c", PLAIN], capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def test_the_installed_version_is_checked():
    rl_compat.check()  # the pinned version passes
    assert rl_compat.supported("5.1.9") and not rl_compat.supported("5.2.0") and not rl_compat.supported("4.2.5")
    with pytest.raises(DossierError, match=r"5\.2\.0.*reportlab 5\.1\.x"):
        rl_compat.check("5.2.0")


def test_to_unicode_map_equals_reportlabs_own_in_the_bmp_and_is_utf16_beyond(plain):
    assert rl_compat.to_unicode_cmap("F", [0x4E2D, 0x41, 0x2103]) == plain["bmp"]
    ours = rl_compat.to_unicode_cmap("F", [0x41, 0x1F600, 0x20000])
    assert "<01> <1F600>" in plain["astral"]  # reportlab's own: not UTF-16BE, extraction drops it
    assert "<01> <D83DDE00>" in ours and "<02> <D840DC00>" in ours and "<00> <0041>" in ours
    head, tail = plain["astral"].split("beginbfchar")[0], plain["astral"].split("endbfchar")[1]
    assert ours.startswith(head) and ours.endswith(tail)


def _pages_and_info(data: bytes):
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [p.extract_text().strip() for p in reader.pages], dict(reader.metadata)


def test_info_extras_and_deferred_pages_match_a_plain_canvas(plain):
    class Deferred(Canvas):
        """Pages kept until the count is known, as the dossier canvas does."""

        def __init__(self, *a, **kw):
            super().__init__(*a, **kw)
            self.kept = []

        def showPage(self):
            self.kept.append(rl_compat.keep_page(self))

        def save(self):
            for n, state in enumerate(self.kept, start=1):
                rl_compat.restore_page(self, state)
                self.drawString(72, 720, f"page {n} of {len(self.kept)}")
                Canvas.showPage(self)
            super().save()

    buf = io.BytesIO()
    c = Deferred(buf, invariant=1)
    c.setTitle("标题"), c.setAuthor("作者"), c.setSubject("主题")
    rl_compat.set_info_extras(c, {"IdeaBankTest": "{\"x\":1}"})
    for _ in range(3):
        c.showPage()
    c.save()
    their_pages, their_info = _pages_and_info(plain["pdf"].encode("latin-1"))
    our_pages, our_info = _pages_and_info(buf.getvalue())
    assert our_pages == their_pages == ["page 1 of 3", "page 2 of 3", "page 3 of 3"]
    assert our_info == their_info | {"/IdeaBankTest": "{\"x\":1}"}


def test_has_outline_tells_empty_glyphs_from_drawn_ones():
    face = fonts.glyph_router()._faces[0]
    assert rl_compat.has_outline(face, ord("中")) and rl_compat.has_outline(face, ord(" "))
    # wqy-microhei maps ℃ to an empty glyph: in reportlab's cmap, but nothing on paper.
    if "wqy" in str(fonts.find_cjk_font().path).lower():
        assert 0x2103 in face.charToGlyph and not rl_compat.has_outline(face, 0x2103)
