"""A campaign's results as a workbook (.xlsx): the four boards and every person's ledger.

Written for the person exporting it (`campaign.export`: leaders and administrators): boards and
ledger count only the projects they may see, as on screen (campaign_points.py). Every text cell is written as text, never a formula (transfer_files.text_cell),
and the file is written beside its target and renamed into place, so a failed export leaves no
half-written workbook.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from app.core import campaign_points as CP
from app.core.actor import Actor
from app.core.bank import Bank
from app.core.errors import StorageError
from app.core.i18n import t
from app.core.permissions import check
from app.core.transfer_files import text_cell, xlsx_text

SHEETS = {"people": ("个人榜", "People"), "teams": ("团队榜", "Teams"), "units": ("单位榜", "Units"),
          "studios": ("工作室榜", "Studios")}


def _cell(ws: Any, value: Any) -> Any:
    if isinstance(value, str):
        return text_cell(ws, value) if value.startswith(("=", "+", "-", "@", "#")) else xlsx_text(value)
    return value


def export_xlsx(bank: Bank, actor: Actor, campaign: str, target: Path | str, *, date_from: Any = None,
                date_to: Any = None) -> Path:
    """Write the boards and the ledger of a campaign (or of a period of it) to `target`."""
    from openpyxl import Workbook
    check(actor, "campaign.export")
    target = Path(target)
    boards = {b: CP.leaderboard(bank, actor, campaign, b, date_from=date_from, date_to=date_to) for b in CP.BOARDS}
    lines = CP.ledgers(bank, actor, campaign, date_from=date_from, date_to=date_to)
    wb = Workbook(write_only=True)
    head = boards["people"]
    info = wb.create_sheet(t("说明", "About"))
    for row in ((t("立功竞赛", "Campaign"), head["campaign"]), (t("时段", "Period"), f"{head['from']} – {head['to']}"),
                (t("口径", "How points count"), t("积分按项目在竞赛期间（或所选时段内）达到的节点计算，只计导出人可查看的项目。",
                                               "Points for what projects reached within the campaign (or the period "
                                               "chosen), from the projects the exporter may see."))):
        info.append([_cell(info, x) for x in row])
    for board, (zh, en) in SHEETS.items():
        ws = wb.create_sheet(t(zh, en))
        if board == "people":
            ws.append([t("名次", "Rank"), t("工号", "Employee no."), t("姓名", "Name"), t("单位", "Unit"),
                       t("工作室", "Studio"), t("积分", "Points"), t("项目数", "Projects")])
            for r in boards[board]["rows"]:
                ws.append([r["rank"], text_cell(ws, r["employee_no"], code=True), _cell(ws, r["name"]),
                           _cell(ws, r["unit"] or ""), _cell(ws, r["studio"] or ""), r["points"], r["projects"]])
        else:
            ws.append([t("名次", "Rank"), t("名称", "Name"), t("积分", "Points"), t("项目数", "Projects")])
            for r in boards[board]["rows"]:
                ws.append([r["rank"], _cell(ws, r["name"]), r["points"], r["projects"]])
    ws = wb.create_sheet(t("积分明细", "Ledger"))
    ws.append([t("工号", "Employee no."), t("姓名", "Name"), t("日期", "Day"), t("项目编号", "Project number"),
               t("项目", "Project"), t("积分项", "Rule"), t("说明", "Detail"), t("积分", "Points")])
    for r in head["rows"]:
        for line in lines.get(r["id"], []):
            ws.append([text_cell(ws, r["employee_no"], code=True), _cell(ws, r["name"]), line["at"] or "",
                       _cell(ws, line["number"] or ""), _cell(ws, line["title"]), _cell(ws, line["rule_label"]),
                       _cell(ws, line["detail"]), line["points"]])
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".campaign-", suffix=".xlsx")
        os.close(fd)
        try:
            wb.save(tmp)
            os.replace(tmp, target)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError as exc:
        raise StorageError(t("无法写入 {p}：{e}", "Cannot write {p}: {e}", p=target, e=exc.strerror or exc)) from exc
    return target


__all__ = ["export_xlsx", "SHEETS"]
