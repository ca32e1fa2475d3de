"""Paragraph styles per template; the CJK font everywhere (it is the only embedded one)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from app.dossier.templates import DossierTemplate

INK = colors.HexColor("#1A1A1A")
MUTED = colors.HexColor("#6B6B6B")
RULE = colors.HexColor("#9C9C9C")


@dataclass
class Styles:
    body: ParagraphStyle
    body_flat: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    label: ParagraphStyle
    head: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    note: ParagraphStyle
    caption: ParagraphStyle
    empty: ParagraphStyle
    cover_field: ParagraphStyle
    cover_label: ParagraphStyle
    cover_small: ParagraphStyle
    cover_big: ParagraphStyle
    title_center: ParagraphStyle
    code: ParagraphStyle


def make_styles(font: str, tpl: DossierTemplate) -> Styles:
    def s(name: str, **kw: object) -> ParagraphStyle:
        base: dict[str, Any] = dict(fontName=font, fontSize=10.5, leading=18, textColor=INK, wordWrap="CJK")
        base.update(kw)
        return ParagraphStyle(f"{tpl.key}-{name}", **base)

    return Styles(
        body=s("body", alignment=TA_JUSTIFY, firstLineIndent=21, spaceAfter=4),
        body_flat=s("body_flat", alignment=TA_JUSTIFY, spaceAfter=4),
        cell=s("cell", fontSize=9.5, leading=14),
        cell_center=s("cell_center", fontSize=9.5, leading=14, alignment=TA_CENTER),
        label=s("label", fontSize=9.5, leading=14, alignment=TA_CENTER, textColor=tpl.accent),
        head=s("head", fontSize=9.5, leading=14, alignment=TA_CENTER, textColor=tpl.accent),
        h1=s("h1", fontSize=14, leading=22, textColor=tpl.accent, spaceBefore=16, spaceAfter=10,
             keepWithNext=1, wordWrap=None),
        h2=s("h2", fontSize=11, leading=18, textColor=tpl.accent, spaceBefore=8, spaceAfter=4,
             keepWithNext=1),
        note=s("note", fontSize=8.5, leading=13, textColor=MUTED),
        caption=s("caption", fontSize=8.5, leading=13, textColor=MUTED, alignment=TA_CENTER),
        empty=s("empty", textColor=MUTED, leftIndent=21),
        cover_field=s("cover_field", fontSize=13, leading=20),
        cover_label=s("cover_label", fontSize=13, leading=20, alignment=TA_RIGHT, wordWrap=None),
        cover_small=s("cover_small", fontSize=10.5, leading=16, alignment=TA_LEFT),
        cover_big=s("cover_big", fontSize=13, leading=20, alignment=TA_CENTER),
        title_center=s("title_center", fontSize=18, leading=28, alignment=TA_CENTER,
                       textColor=tpl.accent, spaceAfter=14, wordWrap=None),
        code=s("code", fontSize=8.5, leading=13, textColor=INK, wordWrap=None),
    )
