"""Lay out a dossier (成果档案) as PDF with reportlab platypus.

Public API:
    render_dossier(data, target, template="national_wuxiao") -> RenderResult
    render_combined([data, ...], target, template=..., progress=None, cancelled=None)

``target`` is a path or a binary file object. Every user value passes through
``text.para`` (escaped) before it reaches a Paragraph; nothing is ever
fetched: images come only from the paths in DossierData.
"""
from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Callable, Iterable, Sequence

from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from app.core.errors import Cancelled as Cancelled  # re-exported: callers import it from here
from app.dossier import rl_compat
from app.dossier.errors import DossierError, t
from app.dossier.fonts import find_cjk_font, missing_glyphs
from app.dossier.images import ImageUnusable, fitted_image
from app.dossier.layout import (
    CONTENT_H,
    CONTENT_W,
    KEYWORD_PREFIX,
    TOC_LEADING,
    AtBottom,
    BoldTitle,
    Bookmark,
    DocMeta,
    DossierDocTemplate,
    DossierMeta,
    DossierStart,
    Heading,
    PageInfo,
    Para,
    QRCode,
    SealPlace,
    TocSlot,
    canvas_class,
)
from app.dossier.model import DECISIONS, FIELD_LABELS, HASH_FORMAT, PATENT_KINDS, RUBRIC, DossierData
from app.dossier.styles import RULE, Styles, make_styles
from app.dossier.templates import SECTION_TITLES, DossierTemplate, get_template, section_number
from app.dossier.text import (
    chinese_year_month,
    clean,
    local_date,
    money,
    one_line,
    para,
    paragraphs,
    size,
    years,
    ymd,
)

if TYPE_CHECKING:
    from reportlab.platypus.tables import _TableCommand as TableCommand  # ("GRID", (0, 0), (-1, -1), ...)

ProgressFn = Callable[[int, int], None]   # (done, total)
Cell = Flowable | str | list[Flowable]  # what a table cell holds
CancelFn = Callable[[], bool]             # True once the user pressed cancel

ATTACHMENT_KINDS = {"photo_before": "实施前照片", "photo_after": "实施后照片",
                    "document": "文档", "other": "其他"}
NOT_FILLED = "（未填写）"
CELL_MAX = 300        # characters in a narrow table cell before the value becomes a note
CELL_MAX_WIDE = 1500  # in a wide one (innovation points, incubation notes)
# Paragraph collapses runs of spaces (ideographic ones too); no-break spaces keep room to write.
DATE_BLANK = "&nbsp;" * 8 + "年" + "&nbsp;" * 6 + "月" + "&nbsp;" * 6 + "日"
NONE = "（无）"


@dataclass
class RenderResult:
    pages: int
    codes: dict[str, str] = field(default_factory=dict)       # project_id -> verification code
    image_problems: list[tuple[str, str]] = field(default_factory=list)  # (file name, reason)
    glyph_problems: list[tuple[str, str, str]] = field(default_factory=list)  # (number, field, characters)


def qr_payload(number: str, code: str) -> str:
    return f"IDEABANK:{number}:{code}"


class _Builder:
    """Builds the story of one dossier (cover + sections) for a template."""

    def __init__(self, data: DossierData, tpl: DossierTemplate, font: str, st: Styles,
                 group: int, combined: bool):
        self.d, self.tpl, self.font, self.st = data, tpl, font, st
        self.group, self.combined = group, combined
        self.code = data.content_hash()
        self.image_problems: list[tuple[str, str]] = []
        self._section = 0
        self._notes: list[str] = []

    # -- small helpers ------------------------------------------------------

    def p(self, value: object, style: ParagraphStyle | None = None, *, empty: str = "") -> Paragraph:
        text = clean(value)
        return Para(para(text, empty=empty), style or self.st.cell)

    def c(self, value: object, style: ParagraphStyle | None = None, *, limit: int = CELL_MAX) -> Paragraph:
        """A table cell. An overlong value moves below the section as a numbered note:
        a table row that has to split over many pages re-wraps all its cells at every
        page (minutes for a few 10,000-character cells); a paragraph flows cheaply."""
        text = clean(value)
        if len(text) <= limit:
            return self.p(text, style)
        self._notes.append(text)
        mark = _note_mark(len(self._notes))
        return Para(f'<font color="#777777">（内容较长，见本节末{mark}）</font>', style or self.st.cell)

    def notes(self) -> list[Flowable]:
        out: list[Flowable] = []
        for i, text in enumerate(self._notes, start=1):
            out.append(Para(f'<font color="{_hex(self.tpl.accent)}">{_note_mark(i)}</font>　{para(text)}',
                            self.st.body_flat))
        self._notes = []
        return out

    def fixed(self, markup: str, style: ParagraphStyle | None = None) -> Paragraph:
        """Our own markup (never user text)."""
        return Para(markup, style or self.st.cell)

    def long_text(self, value: object, *, indent: bool = True) -> list[Flowable]:
        chunks = paragraphs(value)
        if not chunks:
            return [Para(NOT_FILLED, self.st.empty)]
        style = self.st.body if indent else self.st.body_flat
        return [Para(c, style) for c in chunks]

    def key(self, name: str) -> str:
        return f"d{self.group}-{name}"

    def heading(self, name: str, title: str | None = None) -> Flowable:
        self._section += 1
        title = title or SECTION_TITLES[name]
        number = section_number(self.tpl, self._section)
        label = f"{number}{title}" if self.tpl.chinese_numbers else f"{number}　{title}"
        return Heading(label, self.st.h1, toc_text=label, level=1 if self.combined else 0,
                       key=self.key(name), accent=self.tpl.accent, bar=not self.tpl.chinese_numbers,
                       in_toc=not self.combined)  # a combined TOC lists projects; sections are bookmarks

    def sub(self, title: str) -> Paragraph:
        return self.fixed(title, self.st.h2)

    def grid(self, rows: Sequence[list[Cell]], widths: Sequence[float], *, header: bool = True,
             label_cols: Iterable[int] = (), extra: list[TableCommand] | None = None,
             row_heights: list[float | None] | None = None) -> Table:
        """A ruled table; header row and label columns tinted in the template's accent."""
        total = sum(widths)
        widths = [w * CONTENT_W / total for w in widths]
        cmds: list[TableCommand] = [
            ("GRID", (0, 0), (-1, -1), 0.5, RULE),
            ("BOX", (0, 0), (-1, -1), 0.9, self.tpl.accent),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 5),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ]
        if header:
            cmds.append(("BACKGROUND", (0, 0), (-1, 0), self.tpl.accent_light))
        for c in label_cols:
            cmds.append(("BACKGROUND", (c, 0), (c, -1), self.tpl.accent_light))
        cmds += extra or []
        return Table(rows, colWidths=widths, rowHeights=row_heights, style=_style(cmds),
                     repeatRows=1 if header else 0,
                     splitInRow=1, hAlign="CENTER")

    def head_row(self, *labels: str) -> list[Cell]:
        # Escaped too: review score keys come from the store, not from us.
        return [self.c(x, self.st.head) for x in labels]

    def empty(self, text: str = NONE) -> Paragraph:
        return Para(text, self.st.empty)

    # -- the dossier ----------------------------------------------------------

    def story(self) -> list[Flowable]:
        out: list[Flowable] = [NextPageTemplate("cover")] if self.group else []
        if self.group:
            out.append(PageBreak())
        out += self.cover()
        out += [NextPageTemplate("body"), PageBreak()]
        if not self.combined:
            out += toc_pages(self.st, "d0-toc", len(self.tpl.sections)) + [PageBreak()]
        for name in self.tpl.sections:
            out += getattr(self, f"sec_{name}")()
            out += self.notes()
        return out

    def info(self) -> PageInfo:
        return PageInfo(self.d.number, self.code, self.d.confidentiality_label, self.group)

    def cover(self) -> list[Flowable]:
        d, st, tpl = self.d, self.st, self.tpl
        title = one_line(d.title, 80)  # the cover stays one page; the full title is in 基本信息
        outline = f"{d.number} {one_line(d.title, 60)}" if self.combined else "封面"
        toc = f"{d.number}　{one_line(d.title, 80)}" if self.combined else None
        out: list[Flowable] = [DossierStart(self.info()), Bookmark(outline, self.key("cover"), toc_text=toc)]

        corner = Table(
            [[self.fixed("编　号", st.cover_small), self.p(one_line(d.number, 40), st.cover_small)],
             [self.fixed("密　级", st.cover_small), self.p(d.confidentiality_label, st.cover_small)]],
            colWidths=[16 * mm, 42 * mm], hAlign="RIGHT",
            style=_style([("LINEBELOW", (1, 0), (1, -1), 0.5, colors.black),
                              ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                              ("LEFTPADDING", (0, 0), (-1, -1), 2)]))
        out.append(corner)

        logo = self.logo(30 * mm, 22 * mm)
        out.append(Spacer(1, 18 * mm if logo is None else 8 * mm))
        if logo is not None:
            out += [logo, Spacer(1, 8 * mm)]
        boxed = tpl.archive_register  # the archive record: a banded title and a ruled register
        if boxed:
            band = Table([[BoldTitle(line, self.font, 30, colors.white, spacing=8)]
                          for line in tpl.cover_lines],
                         colWidths=[CONTENT_W], style=_style([
                             ("BACKGROUND", (0, 0), (-1, -1), tpl.accent),
                             ("TOPPADDING", (0, 0), (-1, -1), 14), ("BOTTOMPADDING", (0, 0), (-1, -1), 12),
                             ("LINEBELOW", (0, -1), (-1, -1), 3, colors.HexColor("#C9A45C"))]))
            out.append(band)
            out.append(Spacer(1, 3 * mm))
        else:
            for i, line in enumerate(tpl.cover_lines):
                size = 30 if i == 0 else 34
                out.append(BoldTitle(line, self.font, size, tpl.accent, spacing=2 if i == 0 else 6))
                out.append(Spacer(1, 6 * mm))
        if tpl.cover_subtitle:
            out.append(self.fixed(f'<font color="#7A8699">{tpl.cover_subtitle}</font>',
                                  st.cover_big))
        if d.category:
            out.append(Spacer(1, 3 * mm))
            out.append(self.p(f"（{one_line(d.category, 20)}）", st.cover_big))
        out.append(Spacer(1, 14 * mm))

        names = [m.name for m in d.team[:5]]
        people = "、".join(one_line(n, 12) for n in names) + ("　等" if len(d.team) > 5 else "")
        rows = [
            ("成果名称", title),
            ("成果类别", one_line(d.category, 20)),
            ("完成单位", one_line("、".join(d.units), 80)),
            ("主要完成人", people or d.proposer),
            ("所属工作室", one_line(d.studio_name, 40)),
        ]
        if boxed:
            rows += [("当前状态", one_line(d.status, 20)), ("完成日期", ymd(d.completed_at)),
                     ("建档日期", ymd(self.export_date()))]
            table = Table(
                [[self.fixed(label, st.label), self.p(value, st.body_flat)] for label, value in rows],
                colWidths=[30 * mm, CONTENT_W - 30 * mm], hAlign="CENTER",
                style=_style([("GRID", (0, 0), (-1, -1), 0.5, RULE),
                              ("BOX", (0, 0), (-1, -1), 1.2, tpl.accent),
                              ("BACKGROUND", (0, 0), (0, -1), tpl.accent_light),
                              ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                              ("TOPPADDING", (0, 0), (-1, -1), 7), ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                              ("LEFTPADDING", (0, 0), (-1, -1), 8)]))
        else:
            rows.append(("填报日期", ymd(self.export_date())))
            table = Table(
                [[self.fixed(f"{label}：", st.cover_label), self.p(value, st.cover_field)]
                 for label, value in rows],
                colWidths=[34 * mm, 112 * mm], hAlign="CENTER",
                style=_style([("LINEBELOW", (1, 0), (1, -1), 0.6, colors.black),
                              ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                              ("TOPPADDING", (0, 0), (-1, -1), 9),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
        out.append(table)

        issuer = self.p(one_line(d.studio_name, 40), st.cover_big) if d.studio_name else Spacer(1, 1)
        qr = QRCode(qr_payload(d.number, self.code), 22 * mm)
        foot = Table(
            [[qr, [issuer, self.fixed(chinese_year_month(self.export_date()), st.cover_big)], ""],
             [self.fixed(f'<font size="6.5" color="#777777">校验码 {self.code[:16]}</font>',
                         st.cell), "", ""]],
            colWidths=[34 * mm, CONTENT_W - 68 * mm, 34 * mm],
            style=_style([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("SPAN", (0, 1), (2, 1))]))
        out.append(AtBottom(foot))
        return out

    def export_date(self) -> date:
        if self.d.export_date:
            return self.d.export_date
        if self.d.generated_at:
            return local_date(self.d.generated_at)
        return date.today()

    def logo(self, max_w: float, max_h: float) -> Flowable | None:
        if not self.d.studio_logo:
            return None
        try:
            return fitted_image(self.d.studio_logo, max_w, max_h, keep_alpha=True)
        except ImageUnusable as exc:
            self.image_problems.append((Path(self.d.studio_logo).name, str(exc)))
            return None

    # -- sections -------------------------------------------------------------

    def sec_basic(self) -> list[Flowable]:
        d = self.d
        lab: Callable[[str], Paragraph] = lambda x: self.fixed(x, self.st.label)  # noqa: E731
        rows: list[list[Cell]] = [
            [lab("成果名称"), self.c(d.title), "", ""],
            [lab("成果编号"), self.c(d.number), lab("成果类别"), self.c(d.category)],
            [lab("当前状态"), self.c(d.status), lab("密　　级"), self.c(d.confidentiality_label)],
            [lab("所属工作室"), self.c(d.studio_name), lab("提 出 人"), self.c(d.proposer)],
            [lab("完成单位"), self.c("、".join(d.units)), "", ""],
            [lab("提交日期"), self.c(ymd(d.submitted_at)), lab("评审日期"), self.c(ymd(d.decided_at))],
            [lab("完成日期"), self.c(ymd(d.completed_at)), lab("专利 / 获奖"),
             self.c(f"{len(d.patents)} 项 / {len(d.awards)} 项")],
            [lab("年经济效益"), self.c(money(d.measured_benefit) or "—"), lab("项目投入"),
             self.c(money(d.investment) or "—")],
            [lab("关 键 词"), self.c("、".join(d.tags)), "", ""],
        ]
        spans: list[TableCommand] = [("SPAN", (1, r), (3, r)) for r in (0, 4, 8)]
        return [self.heading("basic"),
                self.grid(rows, [22, 40, 22, 40], header=False, label_cols=(0,),
                          extra=spans + [("BACKGROUND", (2, 1), (2, 3), self.tpl.accent_light),
                                             ("BACKGROUND", (2, 5), (2, 7), self.tpl.accent_light)])]

    def sec_background(self) -> list[Flowable]:
        return [self.heading("background"), *self.long_text(self.d.background)]

    def sec_solution(self) -> list[Flowable]:
        return [self.heading("solution"), *self.long_text(self.d.solution)]

    def sec_innovation(self) -> list[Flowable]:
        out = [self.heading("innovation")]
        points = [p for p in self.d.innovation_points if clean(p).strip()]
        if not points:
            return out + [self.empty(NOT_FILLED)]
        rows: list[list[Cell]] = [[self.fixed(f"创新点{_cn(i + 1)}", self.st.label),
                 self.c(p, self.st.body_flat, limit=CELL_MAX_WIDE)]
                for i, p in enumerate(points)]
        return out + [self.grid(rows, [18, 82], header=False, label_cols=(0,))]

    def sec_implementation(self) -> list[Flowable]:
        out = [self.heading("implementation"), *self.long_text(self.d.implementation)]
        photos = self.d.photos
        if not photos:
            return out
        out.append(self.sub("实施前后对比照片"))
        before, after = self.d.photos_before, self.d.photos_after
        col_w = CONTENT_W / 2 - 12
        rows = [self.head_row("实施前", "实施后")]
        broken: list[tuple[str, str]] = []
        for i in range(max(len(before), len(after))):
            row: list[Cell] = []
            for side in (before, after):
                if i >= len(side):
                    row.append("")
                    continue
                photo = side[i]
                try:
                    img = fitted_image(photo.path, col_w, 62 * mm)
                    row.append([img, Spacer(1, 3), self.p(photo.name, self.st.caption)])
                except ImageUnusable as exc:
                    broken.append((photo.name, str(exc)))
                    row.append(self.fixed(f'<font color="#999999">图片无法显示（{exc}）</font>',
                                          self.st.cell_center))
            rows.append(row)
        out.append(self.grid(rows, [1, 1], extra=[("ALIGN", (0, 0), (-1, -1), "CENTER")]))
        if broken:
            self.image_problems += broken
            out.append(Spacer(1, 4))
            out.append(self.fixed("下列图片无法显示，原文件请见附件清单：", self.st.note))
            out.append(self.grid(
                [self.head_row("文件名", "原因")] + [[self.c(n), self.c(r)] for n, r in broken],
                [60, 40]))
        return out

    def sec_indicators(self) -> list[Flowable]:
        return [self.heading("indicators"), *self.long_text(self.d.indicators)]

    def sec_promotion(self) -> list[Flowable]:
        return [self.heading("promotion"), *self.long_text(self.d.promotion)]

    def sec_benefit(self) -> list[Flowable]:
        d = self.d
        lab: Callable[[str], Paragraph] = lambda x: self.fixed(x, self.st.label)  # noqa: E731
        payback = years(d.payback_years) or "—"
        rows: list[list[Cell]] = [
            [lab("年经济效益"), self.c(money(d.measured_benefit) or "—"),
             lab("项目投入"), self.c(money(d.investment) or "—")],
            [lab("投资回收期"), self.c(payback), lab("预期年效益"), self.c(money(d.expected_benefit) or "—")],
        ]
        out = [self.heading("benefit"),
               self.grid(rows, [20, 30, 20, 30], header=False, label_cols=(0, 2)),
               Spacer(1, 3),
               self.fixed("注：投资回收期 = 项目投入 ÷ 年经济效益。", self.st.note),
               self.sub("经济效益计算依据"), *self.long_text(d.benefit_basis),
               self.sub("社会效益"), *self.long_text(d.social_benefit)]
        return out

    def sec_patents(self) -> list[Flowable]:
        d = self.d
        out = [self.heading("patents"), self.sub("专利")]
        if d.patents:
            rows = [self.head_row("序号", "专利名称", "专利号", "类型", "状态")]
            rows += [[self.fixed(str(i + 1), self.st.cell_center), self.c(x.title), self.c(x.number),
                      self.c(PATENT_KINDS.get(x.kind, x.kind)), self.c(x.status)]
                     for i, x in enumerate(d.patents)]
            out.append(self.grid(rows, [8, 40, 24, 14, 14]))
        else:
            out.append(self.empty())
        out.append(self.sub("获奖"))
        if d.awards:
            rows = [self.head_row("序号", "奖项名称", "级别", "年度")]
            rows += [[self.fixed(str(i + 1), self.st.cell_center), self.c(x.name), self.c(x.level),
                      self.c("" if x.year is None else x.year, self.st.cell_center)]
                     for i, x in enumerate(d.awards)]
            out.append(self.grid(rows, [8, 56, 22, 14]))
        else:
            out.append(self.empty())
        return out

    def sec_team(self) -> list[Flowable]:
        out = [self.heading("team")]
        if not self.d.team:
            return out + [self.empty()]
        rows = [self.head_row("排名", "姓名", "单位", "技能等级", "分工", "荣誉")]
        rows += [[self.fixed(str(i + 1), self.st.cell_center), self.c(m.name, self.st.cell_center),
                  self.c(m.unit), self.c(m.skill_grade, self.st.cell_center), self.c(m.role),
                  self.c("、".join(m.honours))]
                 for i, m in enumerate(self.d.team)]
        return out + [self.grid(rows, [8, 14, 24, 14, 22, 18])]

    def sec_reviews(self) -> list[Flowable]:
        reviews = self.d.reviews
        out = [self.heading("reviews")]
        if not reviews:
            return out + [self.empty("（暂无评审记录）")]
        keys = list(RUBRIC) + sorted({k for r in reviews for k in r.scores} - set(RUBRIC))
        rows = [self.head_row("评审人", *[RUBRIC.get(k, k) for k in keys], "总分", "结论")]
        for r in reviews:
            rows.append([self.c(r.reviewer, self.st.cell_center),
                         *[self.c(_score(r.scores.get(k)), self.st.cell_center) for k in keys],
                         self.c(_score(r.total), self.st.cell_center),
                         self.c(DECISIONS.get(r.decision or "", "待定"), self.st.cell_center)])
        extra: list[TableCommand] = []
        if len(reviews) > 1:
            avg = []
            for k in keys:
                vals = [r.scores[k] for r in reviews if isinstance(r.scores.get(k), (int, float))]
                avg.append(self.c(_score(sum(vals) / len(vals)) if vals else "—", self.st.cell_center))
            totals = [r.total for r in reviews if isinstance(r.total, (int, float))]
            rows.append([self.fixed("平均", self.st.label), *avg,
                         self.c(_score(sum(totals) / len(totals)) if totals else "—", self.st.cell_center), ""])
            extra.append(("BACKGROUND", (0, -1), (-1, -1), self.tpl.accent_light))
        out.append(self.grid(rows, [16] + [10] * len(keys) + [10, 10], extra=extra))
        opinions = [r for r in reviews if clean(r.reason).strip()]
        if opinions:
            out.append(self.sub("评审意见"))
            for r in opinions:
                who = para(one_line(r.reviewer, 30))
                when = f"（{ymd(r.at)}）" if r.at else ""
                out.append(Para(
                    f'<font color="{_hex(self.tpl.accent)}">{who}{when}：</font>'
                    f"{para(r.reason)}", self.st.body_flat))
        return out

    def sec_incubation(self) -> list[Flowable]:
        out = [self.heading("incubation")]
        if not self.d.incubation:
            return out + [self.empty("（暂无孵化记录）")]
        rows = [self.head_row("日期", "阶段", "说明")]
        rows += [[self.p(ymd(e.at), self.st.cell_center), self.c(e.stage, self.st.cell_center),
                  self.c(e.description, limit=CELL_MAX_WIDE)] for e in self.d.incubation]
        return out + [self.grid(rows, [18, 18, 64])]

    def sec_attachments(self) -> list[Flowable]:
        out = [self.heading("attachments")]
        if not self.d.attachments:
            return out + [self.empty()]
        problems = {name for name, _ in self.image_problems}
        rows = [self.head_row("序号", "文件名", "类型", "大小", "SHA-256（前 12 位）")]
        for i, a in enumerate(self.d.attachments):
            name = clean(a.name) + ("（无法显示）" if a.name in problems else "")
            rows.append([self.fixed(str(i + 1), self.st.cell_center), self.c(name),
                         self.c(ATTACHMENT_KINDS.get(a.kind, a.kind), self.st.cell_center),
                         self.c(size(a.size), self.st.cell_center),
                         self.c(a.sha256[:12], self.st.cell_center)])
        return out + [self.grid(rows, [8, 46, 14, 12, 20])]

    def sec_register(self) -> list[Flowable]:
        lab: Callable[[str], Paragraph] = lambda x: self.fixed(x, self.st.label)  # noqa: E731
        blank = ""
        rows: list[list[Cell]] = [
            [lab("档 案 号"), self.c(self.d.number), lab("归档日期"), self.fixed(DATE_BLANK)],
            [lab("保管期限"), self.fixed("□ 永久　　□ 长期（30 年）　　□ 短期（10 年）"), "", ""],
            [lab("立 卷 人"), blank, lab("审 核 人"), blank],
            [lab("备　　注"), blank, "", ""],
        ]
        extra: list[TableCommand] = [("SPAN", (1, 1), (3, 1)), ("SPAN", (1, 3), (3, 3)),
                 ("BACKGROUND", (2, 0), (2, 2), self.tpl.accent_light)]
        table = self.grid(rows, [18, 32, 18, 32], header=False, label_cols=(0,), extra=extra,
                          row_heights=[None, None, 34, 40])  # room to sign and to note
        return [PageBreak(), self.heading("register"), table]

    def sec_declaration(self) -> list[Flowable]:
        st = self.st
        title = para(one_line(self.d.title, 200))
        pledge = (
            f"本人（本团队）郑重承诺：所申报的《{title}》成果（编号 {para(self.d.number)}）"
            "各项材料真实、准确、完整，成果为本人（本团队）独立或合作完成，不存在抄袭、剽窃或侵犯他人"
            "知识产权的情况；所列经济效益、社会效益数据均有据可查。如有不实，本人（本团队）愿承担相应责任。"
        )
        sign = [self.fixed("承诺人（主要完成人）签字：", st.cell), Spacer(1, 16 * mm),
                self.fixed(DATE_BLANK, _right(st))]
        unit = [self.fixed("所在单位意见：", st.cell), Spacer(1, 22 * mm),
                self.fixed("（单位盖章）", _right(st)), self.fixed(DATE_BLANK, _right(st))]
        union = [self.fixed("工会意见：", st.cell), Spacer(1, 1),
                 Table([[SealPlace("工会盖章处", self.font)]], hAlign="CENTER", style=_style([])),
                 self.fixed(DATE_BLANK, _right(st))]
        table = Table(
            [[sign, ""], [unit, union]],
            colWidths=[CONTENT_W / 2] * 2,
            style=_style([("SPAN", (0, 0), (1, 0)), ("BOX", (0, 0), (-1, -1), 0.9, self.tpl.accent),
                              ("INNERGRID", (0, 0), (-1, -1), 0.5, RULE),
                              ("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("TOPPADDING", (0, 0), (-1, -1), 8), ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                              ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 10)]))
        heading = self.heading("declaration")
        # The national form gives the pledge its own page; the archive record keeps it
        # on the sign-off page under the register when it fits.
        brk = CondPageBreak(175 * mm) if self.tpl.archive_register else PageBreak()
        return [brk, heading, Spacer(1, 2), Para(pledge, st.body), Spacer(1, 6 * mm),
                table, Spacer(1, 8 * mm), KeepTogether(self.verification())]

    def verification(self) -> list[Flowable]:
        st = self.st
        code = self.code
        grouped = " ".join(code[i:i + 16] for i in range(0, 64, 16))
        lines = [
            self.fixed("成果校验码（SHA-256）", st.h2),
            self.fixed(grouped, st.code),
            Spacer(1, 4),
            self.fixed("本校验码由导出时成果的全部内容计算得出。扫描二维码或运行 "
                       "<font color=\"#333333\">ideabank verify 文件名.pdf</font> "
                       "可核验本档案与创新智慧库中的现行内容是否一致；内容如有改动，校验码将不再匹配。",
                       st.note),
            self.fixed(f"生成时间：{_stamp(self.d.generated_at)}", st.note),
        ]
        return [Table([[QRCode(qr_payload(self.d.number, code), 28 * mm), lines]],
                      colWidths=[34 * mm, CONTENT_W - 34 * mm],
                      style=_style([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                        ("BOX", (0, 0), (-1, -1), 0.5, RULE),
                                        ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#FAFAFA")),
                                        ("LEFTPADDING", (0, 0), (-1, -1), 6),
                                        ("TOPPADDING", (0, 0), (-1, -1), 6),
                                        ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))]


def toc_pages(st: Styles, key: str, entries: int) -> list[Flowable]:
    """The TOC title and enough reserved pages for ``entries`` lines (drawn at save time)."""
    first = int((CONTENT_H - 30 * mm) // TOC_LEADING)  # below the title
    rest = int((CONTENT_H - TOC_LEADING) // TOC_LEADING)  # a line short: never reserve too few
    pages = 1 + max(0, math.ceil((entries - first) / rest))
    out: list[Flowable] = [Bookmark("目录", key), Spacer(1, 6 * mm), Para("目　　录", st.title_center),
                           Spacer(1, 4 * mm), TocSlot(0)]
    for i in range(1, pages):
        out += [PageBreak(), TocSlot(i)]
    return out


def _right(st: Styles) -> ParagraphStyle:
    from reportlab.lib.enums import TA_RIGHT
    return st.cell.clone("right", alignment=TA_RIGHT)


def _style(cmds: list[TableCommand]) -> TableStyle:
    # Empty cells are drawn with the table's font; the default Helvetica would
    # be the one font in the PDF that is not embedded.
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), find_cjk_font().name)] + cmds)


def _note_mark(n: int) -> str:
    return "注" + (chr(0x2460 + n - 1) if n <= 20 else f"({n})")


def _hex(color: Color) -> str:
    return "#" + color.hexval()[2:]


def _cn(n: int) -> str:
    return "一二三四五六七八九十"[n - 1] if 1 <= n <= 10 else str(n)


def _score(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, (int, float)):
        return f"{value:g}" if float(value).is_integer() else f"{value:.1f}"
    return str(value)


def _stamp(value: datetime | None) -> str:
    value = value or datetime.now(timezone.utc)
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


# -- public entry points --------------------------------------------------------

def render_dossier(data: DossierData, target: str | Path | BinaryIO,
                   template: str | None = None) -> RenderResult:
    """Write one dossier PDF to ``target``."""
    return render_combined([data], target, template=template)


def render_combined(items: list[DossierData], target: str | Path | BinaryIO, *,
                    template: str | None = None, progress: ProgressFn | None = None,
                    cancelled: CancelFn | None = None, author: str | None = None) -> RenderResult:
    """Write several dossiers into one PDF (one TOC in front, bookmarks per project).

    ``author`` is the PDF's author (the exporting organisation for a batch); by default the studio
    of the projects when they share one.

    ``progress(done, total)`` is called as each dossier's story is built;
    ``cancelled()`` is polled in between and raises Cancelled (no file written).
    """
    if not items:
        raise DossierError(t("没有可导出的成果。", "There is nothing to export."))
    rl_compat.check()
    tpl = get_template(template)
    font = find_cjk_font().name
    st = make_styles(font, tpl)
    combined = len(items) > 1
    story: list[Flowable] = []
    result = RenderResult(pages=0)
    dossiers_meta: list[DossierMeta] = []
    if combined:
        story += [NextPageTemplate("body"), *toc_pages(st, "toc", len(items))]
    for i, data in enumerate(items):
        if cancelled and cancelled():
            raise Cancelled(t("已取消导出。", "Export cancelled."))
        builder = _Builder(data, tpl, font, st, group=i + (1 if combined else 0), combined=combined)
        part = builder.story()
        story += part
        result.codes[data.project_id] = builder.code
        result.image_problems += builder.image_problems
        result.glyph_problems += [(data.number, FIELD_LABELS.get(name, name), chars)
                                  for name, chars in missing_glyphs(data.content())]
        dossiers_meta.append({"project_id": data.project_id, "number": data.number,
                              "code": builder.code, "format": HASH_FORMAT,
                              "fields": data.field_hashes(), "template": tpl.key})
        if progress:
            progress(i + 1, len(items))
    first = items[0]
    meta = DocMeta(
        title=one_line(first.title, 200) if not combined else f"{tpl.doc_title}（{len(items)} 项）",
        author=one_line(author if author is not None else first.studio_name
                        if len({d.studio_name for d in items}) == 1 else "", 100),
        subject=f"{tpl.doc_title} {first.number}" if not combined else tpl.doc_title,
        keywords=" ".join(KEYWORD_PREFIX + m["code"] for m in dossiers_meta),
        dossiers=dossiers_meta,
    )
    buffer = io.BytesIO()
    doc = DossierDocTemplate(buffer, meta, font)
    if combined:
        doc.pageTemplates.insert(0, doc.pageTemplates.pop(1))  # the TOC page is a body page
    if cancelled:
        def check(kind: str, value: int) -> None:  # a combined file of hundreds of dossiers lays out for a while
            if kind == "PAGE" and cancelled():
                raise Cancelled(t("已取消导出。", "Export cancelled."))
        check("PAGE", 0)
        doc.setProgressCallBack(check)
    doc.build(story, canvasmaker=canvas_class(tpl, font))
    pdf = buffer.getvalue()
    _write(target, pdf)
    result.pages = doc.page
    return result


def _write(target: str | Path | BinaryIO, pdf: bytes) -> None:
    """Whole file or nothing: a failed export never leaves half a PDF behind."""
    if hasattr(target, "write"):
        target.write(pdf)
        return
    path = Path(target)
    tmp = path.with_name(path.name + ".part")
    try:
        tmp.write_bytes(pdf)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise DossierError(t("无法写入 {path}：{err}", "Cannot write {path}: {err}",
                             path=path, err=exc.strerror or exc)) from None
