"""A merit competition's certificate list (立功竞赛表彰名单) as a PDF: the campaign, its period, and
the top people, teams, units and studios with their ranks, points and certificate numbers.

    certificate_list(bank, actor, "2025年迎峰度夏立功竞赛", "名单.pdf", top=10)

Laid out like the studio annual report (report.py): the embedded CJK font, every user value
through text.para (escaped), reportlab checked by rl_compat. The boards name people, teams, units
and studios only, never a project, and count what the exporter may see (campaign_points.py).
"""
from __future__ import annotations

import dataclasses
import io
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, NextPageTemplate, Paragraph, Spacer, Table

from app.core import campaign_points as CP
from app.core import campaigns
from app.core.actor import Actor
from app.core.bank import Bank
from app.core.permissions import check
from app.dossier import rl_compat
from app.dossier.fonts import find_cjk_font
from app.dossier.layout import CONTENT_W, DocMeta, DossierDocTemplate, Heading, Para, canvas_class
from app.dossier.render import _style, _write
from app.dossier.report import _grid
from app.dossier.styles import RULE, make_styles
from app.dossier.templates import TEMPLATES
from app.dossier.text import one_line, para

SECTIONS = (("people", "一、先进个人"), ("teams", "二、优秀团队"), ("units", "三、先进单位"), ("studios", "四、优秀工作室"))
LETTERS = {"people": "G", "teams": "T", "units": "D", "studios": "S"}  # 个人 团队 单位 工作室


def certificate_number(start_year: int, board: str, position: int) -> str:
    """LG-2025-G001: the campaign's year, the board, the place in the list (tied ranks get numbers of their own)."""
    return f"LG-{start_year}-{LETTERS[board]}{position:03d}"


def certificate_list(bank: Bank, actor: Actor, campaign: str, target: str | Path | BinaryIO, *, top: int = 10,
                     date_from: Any = None, date_to: Any = None) -> int:
    """Write the list (the first `top` places of each board, ties included); returns its page count."""
    check(actor, "campaign.export")
    info = campaigns.show(bank, actor, campaign)
    boards = {b: CP.leaderboard(bank, actor, campaign, b, date_from=date_from, date_to=date_to) for b, _ in SECTIONS}
    return render(info, boards, target, top=top)


def render(info: dict[str, Any], boards: dict[str, dict[str, Any]], target: str | Path | BinaryIO, *,
           top: int = 10) -> int:
    rl_compat.check()
    font = find_cjk_font().name
    tpl = dataclasses.replace(TEMPLATES["company_archive"], doc_title=f"{one_line(info['name'], 40)} · 表彰名单")
    st = make_styles(font, tpl)
    period = boards["people"]
    year = int(info["starts_on"][:4])

    def cell(value: object, style: ParagraphStyle | None = None) -> Paragraph:
        return Para(para(value), style or st.cell)

    story: list[Flowable] = [NextPageTemplate("body"), Para(para(info["name"]), st.title_center),
                             Para("表彰名单", st.cover_big), Spacer(1, 4 * mm)]
    facts = [("竞赛主题", info["theme"] or "—"), ("竞赛时间", f"{info['starts_on']} 至 {info['ends_on']}"),
             ("统计时段", f"{period['from']} 至 {period['to']}"),
             ("参赛单位", "、".join(info["units"]) or "全部单位")]
    story.append(Table([[cell(a, st.label), cell(b)] for a, b in facts], colWidths=[CONTENT_W * 0.2, CONTENT_W * 0.8],
                       style=_style([("GRID", (0, 0), (-1, -1), 0.5, RULE), ("BOX", (0, 0), (-1, -1), 0.9, tpl.accent),
                                     ("BACKGROUND", (0, 0), (0, -1), tpl.accent_light),
                                     ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])))
    for key, (board, title) in enumerate(SECTIONS):
        rows = [r for r in boards[board]["rows"] if r["rank"] <= top and r["points"] > 0]
        story.append(Heading(title, st.h1, toc_text=title, level=0, key=f"c{key}", accent=tpl.accent, bar=True))
        if not rows:
            story.append(Para("（无）", st.empty))
            continue
        if board == "people":
            head = ["名次", "姓名", "工号", "单位", "积分", "证书编号"]
            body = [[cell(r["rank"], st.cell_center), cell(r["name"]), cell(r["employee_no"], st.cell_center),
                     cell(r["unit"] or "—"), cell(r["points"], st.cell_center),
                     cell(certificate_number(year, board, i), st.cell_center)]
                    for i, r in enumerate(rows, start=1)]
            widths = [8, 16, 14, 30, 10, 22]
        else:
            head = ["名次", "名称", "积分", "项目数", "证书编号"]
            body = [[cell(r["rank"], st.cell_center), cell(r["name"]), cell(r["points"], st.cell_center),
                     cell(r["projects"], st.cell_center), cell(certificate_number(year, board, i),
                                                               st.cell_center)]
                    for i, r in enumerate(rows, start=1)]
            widths = [8, 44, 12, 12, 24]
        story.append(_grid([[cell(h, st.head) for h in head]] + body, widths, tpl))
    rules = info["rules"]
    bands = "，".join(f"实测年效益≥{a:,} 元 {p} 分" for a, p in rules["benefit_bands"]) or "无"
    stamp = datetime.now(timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M")
    story += [Spacer(1, 6 * mm), Para(
        f"积分口径：提出 {rules['proposed']} 分，采纳 {rules['adopted']} 分，完成 {rules['completed']} 分；{bands}；"
        f"专利与获奖按类别计分；竞赛期间内达到的节点计分，"
        f"{'每位作者各得项目全部积分' if rules['share'] == 'each' else '项目积分由作者平分'}。生成时间：{stamp}。", st.note)]
    buffer = io.BytesIO()
    meta = DocMeta(title=f"{one_line(info['name'], 100)} 表彰名单", author=one_line(info["name"], 100),
                   subject="立功竞赛表彰名单", keywords="")
    doc = DossierDocTemplate(buffer, meta, font)
    doc.pageTemplates.insert(0, doc.pageTemplates.pop(1))  # no cover page: start on a body page
    doc.build(story, canvasmaker=canvas_class(tpl, font))
    _write(target, buffer.getvalue())
    return doc.page


__all__ = ["certificate_list", "certificate_number", "render"]
