"""The studio annual report (工作室年度创新报告): counts, benefit totals and charts.

    annual_report(bank, actor, studio="王建国劳模创新工作室", year=2025, target="report.pdf")

Charts are drawn with reportlab.graphics (bar and pie), in the embedded CJK font.
"""
from __future__ import annotations

import dataclasses
import io
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import NextPageTemplate, Paragraph, Spacer, Table

from app.core.actor import Actor
from app.core.bank import Bank
from app.core.queries import ProjectFilter
from app.core.vocab import CATEGORIES, STATUSES
from app.dossier import rl_compat
from app.dossier.errors import t
from app.dossier.export import BatchFilter, project_filter
from app.dossier.fonts import find_cjk_font
from app.dossier.layout import CONTENT_W, DocMeta, DossierDocTemplate, Heading, Para, canvas_class
from app.dossier.render import _style, _write
from app.dossier.styles import RULE, make_styles
from app.dossier.templates import TEMPLATES, DossierTemplate
from app.dossier.text import local_date, money, one_line, para

PALETTE = [colors.HexColor(x) for x in (
    "#1F3A5F", "#9E1B1B", "#C9A45C", "#3C7A5A", "#5B6C8F", "#B86B3A", "#7A4E8C", "#2E8A99", "#8C8C8C")]


@dataclass
class ProjectLine:
    number: str
    title: str
    category: str
    status: str
    measured_benefit: float | None
    investment: float | None
    expected_benefit: float | None
    patents: int
    awards: int
    created_at: datetime | None


@dataclass
class ReportData:
    studio: str
    year: int | None
    projects: list[ProjectLine] = field(default_factory=list)
    people: int = 0

    def by_category(self) -> Counter[str]:
        return Counter(p.category for p in self.projects)

    def by_status(self) -> Counter[str]:
        return Counter(p.status for p in self.projects)

    def by_month(self) -> list[int]:
        months = [0] * 12
        for p in self.projects:
            if p.created_at:
                months[local_date(p.created_at).month - 1] += 1
        return months

    def total(self, attr: str) -> float:
        return sum(getattr(p, attr) or 0.0 for p in self.projects)

    def benefit_by_category(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for p in self.projects:
            out[p.category] = out.get(p.category, 0.0) + (p.measured_benefit or 0.0)
        return out


def gather_report(bank: Bank, actor: Actor, studio: str | None, year: int | None) -> ReportData:
    from sqlalchemy import func, select

    from app.core.queries import _where
    from db.models import Project, ProjectMember, Studio

    pf: ProjectFilter = project_filter(bank, actor, BatchFilter(studio=studio, year=year))
    with bank.session() as s:
        name = s.scalar(select(Studio.name).where(Studio.id == pf.studio_id)) if pf.studio_id else None
        stmt = _where(s, select(Project.number, Project.title, Project.category, Project.status,
                                Project.measured_benefit, Project.investment, Project.expected_benefit,
                                Project.patents, Project.awards, Project.created_at), pf)
        lines = [ProjectLine(r[0], r[1], r[2], r[3], r[4], r[5], r[6], len(r[7] or []), len(r[8] or []), r[9])
                 for r in s.execute(stmt.order_by(Project.number))]
        people = s.scalar(_where(s, select(func.count(func.distinct(ProjectMember.user_id)))
                                 .select_from(ProjectMember).join(Project, Project.id == ProjectMember.project_id),
                                 pf)) or 0
    return ReportData(studio=name or t("全部工作室", "All studios"), year=year, projects=lines, people=people)


def _nice_step(maximum: float) -> float:
    if maximum <= 5:
        return 1
    raw = maximum / 5
    power: float = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if raw <= m * power:
            return m * power
    return 10 * power


def bar_chart(title: str, labels: list[str], values: Sequence[float], font: str, *,
              color: Color = PALETTE[0], width: float = CONTENT_W, height: float = 62 * mm, fmt: str = "%d") -> Drawing:
    d = Drawing(width, height)
    d.initialFontName = font  # type: ignore[attr-defined]  # a Drawing attribute types-reportlab lacks
    chart = VerticalBarChart()
    chart.x, chart.y = 36, 26
    chart.width, chart.height = width - 50, height - 52  # type: ignore[assignment]  # types-reportlab says int; reportlab takes any number
    chart.data = [values or [0]]
    chart.bars[0].fillColor = color
    chart.bars[0].strokeColor = None
    chart.barWidth = 10
    chart.groupSpacing = 8
    chart.valueAxis.valueMin = 0
    top = max(values or [0])
    step = _nice_step(top)
    chart.valueAxis.valueStep = step
    chart.valueAxis.valueMax = max(step, math.ceil(top / step) * step)
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7.5
    chart.valueAxis.labelTextFormat = fmt
    chart.valueAxis.gridStrokeColor = colors.HexColor("#E3E3E3")
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.strokeColor = RULE
    chart.categoryAxis.categoryNames = labels or [""]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.dy = -4
    chart.categoryAxis.strokeColor = RULE
    chart.barLabelFormat = fmt
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 7.5
    chart.barLabels.nudge = 6
    d.add(chart)
    d.add(String(0, height - 12, title, fontName=font, fontSize=10.5, fillColor=PALETTE[0]))
    return d


def pie_chart(title: str, counts: list[tuple[str, int]], font: str, *,
              width: float = CONTENT_W, height: float = 70 * mm) -> Drawing:
    d = Drawing(width, height)
    d.initialFontName = font  # type: ignore[attr-defined]  # a Drawing attribute types-reportlab lacks
    d.add(String(0, height - 12, title, fontName=font, fontSize=10.5, fillColor=PALETTE[0]))
    counts = [(label, n) for label, n in counts if n > 0] or [("—", 1)]
    pie = Pie()
    size = height - 30
    pie.x, pie.y = 30, 6
    pie.width = pie.height = size  # type: ignore[assignment]  # types-reportlab says int; reportlab takes any number
    pie.data = [n for _, n in counts]
    pie.labels = None
    pie.simpleLabels = 1
    pie.slices.strokeColor = colors.white
    pie.slices.strokeWidth = 1
    for i in range(len(counts)):
        pie.slices[i].fillColor = PALETTE[i % len(PALETTE)]
    d.add(pie)
    total = sum(n for _, n in counts)
    legend = Legend()
    legend.x, legend.y = 30 + size + 40, height - 26  # type: ignore[assignment]  # types-reportlab says int; reportlab takes any number
    legend.fontName = font
    legend.fontSize = 9
    legend.alignment = "right"
    legend.columnMaximum = 9
    legend.dxTextSpace = 6
    legend.colorNamePairs = [(PALETTE[i % len(PALETTE)], f"{label}  {n} 项（{n / total:.0%}）")
                             for i, (label, n) in enumerate(counts)]
    d.add(legend)
    return d


def annual_report(bank: Bank, actor: Actor, *, studio: str | None, year: int | None,
                  target: str | Path | BinaryIO) -> int:
    """Write the report; returns its page count."""
    return render_report(gather_report(bank, actor, studio, year), target)


def render_report(data: ReportData, target: str | Path | BinaryIO) -> int:
    rl_compat.check()
    font = find_cjk_font().name
    year_label = f"{data.year} 年度" if data.year else "历年"
    tpl = dataclasses.replace(TEMPLATES["company_archive"], doc_title=f"{one_line(data.studio, 40)} · {year_label}创新报告")
    st = make_styles(font, tpl)
    key = iter(range(1000))

    def heading(text: str) -> Heading:
        return Heading(text, st.h1, toc_text=text, level=0, key=f"r{next(key)}", accent=tpl.accent, bar=True)

    def cell(value: object, style: ParagraphStyle | None = None) -> Paragraph:
        return Para(para(value), style or st.cell)

    n = len(data.projects)
    status = data.by_status()
    adopted = sum(status.get(x, 0) for x in ("adopted", "in_progress", "completed", "incubating", "promoted"))
    story = [NextPageTemplate("body"),
             Para(para(data.studio), st.title_center),
             Para(f"{year_label}创新工作报告", st.cover_big), Spacer(1, 8 * mm)]

    kpis = [("项目总数", f"{n} 项"), ("已采纳（含实施推广）", f"{adopted} 项"),
            ("已完成 / 已推广", f"{status.get('completed', 0)} / {status.get('promoted', 0)} 项"),
            ("参与职工", f"{data.people} 人"),
            ("年经济效益合计", money(data.total("measured_benefit")) or "0.00 元"),
            ("项目投入合计", money(data.total("investment")) or "0.00 元"),
            ("预期年效益合计", money(data.total("expected_benefit")) or "0.00 元"),
            ("专利 / 获奖", f"{sum(p.patents for p in data.projects)} 项 / {sum(p.awards for p in data.projects)} 项")]
    rows = [[cell(a, st.label), cell(b, st.cell_center), cell(c, st.label), cell(d, st.cell_center)]
            for (a, b), (c, d) in zip(kpis[0::2], kpis[1::2])]
    w = CONTENT_W / 4
    story += [heading("一、总体情况"), Table(rows, colWidths=[w] * 4, style=_style([
        ("GRID", (0, 0), (-1, -1), 0.5, RULE), ("BOX", (0, 0), (-1, -1), 0.9, tpl.accent),
        ("BACKGROUND", (0, 0), (0, -1), tpl.accent_light), ("BACKGROUND", (2, 0), (2, -1), tpl.accent_light),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 7)]))]

    cats = data.by_category()
    cat_codes = list(CATEGORIES) + sorted(set(cats) - set(CATEGORIES))
    story += [heading("二、成果分类统计"),
              bar_chart("按类别的项目数（项）", [CATEGORIES.get(c, (c,))[0] for c in cat_codes],
                        [cats.get(c, 0) for c in cat_codes], font),
              Spacer(1, 4 * mm),
              bar_chart("按类别的年经济效益（万元）", [CATEGORIES.get(c, (c,))[0] for c in cat_codes],
                        [round(data.benefit_by_category().get(c, 0.0) / 10000, 2) for c in cat_codes], font,
                        color=PALETTE[2], fmt="%.1f"),
              heading("三、项目状态分布"),
              pie_chart("按状态的项目数", [(STATUSES.get(s_, (s_,))[0], status.get(s_, 0))
                                       for s_ in list(STATUSES) + sorted(set(status) - set(STATUSES))], font),
              Spacer(1, 4 * mm),
              bar_chart("各月新增项目数（项）", [f"{m}月" for m in range(1, 13)], data.by_month(), font,
                        color=PALETTE[1])]

    ranked = sorted((p for p in data.projects if p.measured_benefit), key=lambda p: -(p.measured_benefit or 0))[:10]
    story.append(heading("四、经济效益前十的项目"))
    head = [cell(x, st.head) for x in ("序号", "编号", "项目名称", "类别", "年经济效益")]
    if ranked:
        body = [[cell(i + 1, st.cell_center), cell(p.number), cell(p.title),
                 cell(CATEGORIES.get(p.category, (p.category,))[0], st.cell_center),
                 cell(money(p.measured_benefit), st.cell_center)] for i, p in enumerate(ranked)]
        story.append(_grid([head] + body, [6, 25, 41, 12, 16], tpl))
    else:
        story.append(Para("（本年度暂无实测经济效益）", st.empty))

    story.append(heading("五、项目清单"))
    if data.projects:
        head = [cell(x, st.head) for x in ("序号", "编号", "项目名称", "类别", "状态", "年经济效益")]
        body = [[cell(i + 1, st.cell_center), cell(p.number), cell(p.title),
                 cell(CATEGORIES.get(p.category, (p.category,))[0], st.cell_center),
                 cell(STATUSES.get(p.status, (p.status,))[0], st.cell_center),
                 cell(money(p.measured_benefit) or "—", st.cell_center)] for i, p in enumerate(data.projects)]
        story.append(_grid([head] + body, [6, 25, 32, 12, 10, 15], tpl))
    else:
        story.append(Para("（无）", st.empty))
    story.append(Spacer(1, 6 * mm))
    stamp = datetime.now(timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M")
    story.append(Para(f"统计口径：{'按项目创建时间落在该年度' if data.year else '全部年度'}；"
                           f"已合并的重复项目不计。生成时间：{stamp}。", st.note))

    buffer = io.BytesIO()
    meta = DocMeta(title=f"{one_line(data.studio, 100)} {year_label}创新工作报告",
                   author=one_line(data.studio, 100), subject="工作室年度创新报告", keywords="")
    doc = DossierDocTemplate(buffer, meta, font)
    doc.pageTemplates.insert(0, doc.pageTemplates.pop(1))  # no cover page: start on a body page
    doc.build(story, canvasmaker=canvas_class(tpl, font))
    _write(target, buffer.getvalue())
    return doc.page


def _grid(rows: list[list[Paragraph]], widths: Sequence[float], tpl: DossierTemplate) -> Table:
    total = sum(widths)
    return Table(rows, colWidths=[w * CONTENT_W / total for w in widths], repeatRows=1, splitInRow=1,
                 style=_style([("GRID", (0, 0), (-1, -1), 0.5, RULE), ("BOX", (0, 0), (-1, -1), 0.9, tpl.accent),
                               ("BACKGROUND", (0, 0), (-1, 0), tpl.accent_light),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
