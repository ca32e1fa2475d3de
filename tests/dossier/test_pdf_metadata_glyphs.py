"""PDFs as committees read them (issue 16 item 6): the author of a batch, rare characters."""
from __future__ import annotations

import dataclasses
import shutil
import subprocess

import pypdf
import pytest

from app.core import projects
from app.dossier import fonts
from app.dossier.demo import sample_dossier
from app.dossier.export import export_dossier, export_ids
from app.dossier.render import render_dossier

EXT_B = "\U00020000"  # 𠀀, CJK Extension B: in people's names, not in wqy-microhei
NO_FONT = "\U00031350"  # CJK Extension H (Unicode 15): no font on these machines has it


def _ext_b_font() -> bool:
    return any(c.path.is_file() for c in fonts.extension_candidates())


def _fonts_in(path) -> str:
    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout


def test_a_combined_batch_names_the_exporting_organisation(bank, people, draft_data, tmp_path):
    # Submitted: a draft is private to its authors, even from the administrator.
    ids = [projects.propose(bank, people["W001"], draft_data, submit=True).value,
           projects.propose(bank, people["L002"], dict(draft_data, title="输电的项目"), submit=True).value]
    export_ids(bank, people["admin"], ids, tmp_path / "all.pdf", combined=True)
    assert pypdf.PdfReader(tmp_path / "all.pdf").metadata["/Author"] == "国网示范供电公司"
    # One dossier keeps its studio as the author.
    export_dossier(bank, people["admin"], ids[1], tmp_path / "one.pdf")
    assert pypdf.PdfReader(tmp_path / "one.pdf").metadata["/Author"] == "输电工作室"


@pytest.mark.skipif(not _ext_b_font(), reason="no font with CJK Extension B installed (Debian: fonts-hanazono)")
@pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils not installed")
def test_extension_b_characters_fall_back_to_a_font_that_has_them(tmp_path):
    data = dataclasses.replace(sample_dossier(), title=f"王{EXT_B}的绝缘杆改进")
    result = render_dossier(data, tmp_path / "b.pdf")
    assert result.glyph_problems == []
    assert "HanaMin" in _fonts_in(tmp_path / "b.pdf") or "ExtB" in _fonts_in(tmp_path / "b.pdf")
    assert EXT_B in "".join(p.extract_text() for p in pypdf.PdfReader(tmp_path / "b.pdf").pages)


def test_characters_no_font_has_are_named_in_the_export_report(tmp_path):
    data = dataclasses.replace(sample_dossier(), title=f"王{NO_FONT}的绝缘杆改进", background=f"背景{NO_FONT}{NO_FONT}")
    result = render_dossier(data, tmp_path / "x.pdf")
    assert result.glyph_problems == [(data.number, "项目名称", NO_FONT), (data.number, "项目背景", NO_FONT)]
    # Printed as a box, but the text layer keeps the character (copy, search).
    assert NO_FONT in "".join(p.extract_text() for p in pypdf.PdfReader(tmp_path / "x.pdf").pages)
