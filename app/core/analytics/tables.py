"""The analytics report as titled tables: shown by the page, printed by `ideabank stats`, saved as .xlsx.

One definition of every table (columns, their kinds, the rows) serves all three, so the window, the
terminal and the workbook always show the same figures under the same headings.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.errors import ValidationError
from app.core.i18n import t
from app.core.vocab import CATEGORIES, STATUSES, label

# Column kinds: how a value is shown and which number format it gets in a workbook.
TEXT, COUNT, MONEY, RATE, DAYS, RATIO = "text", "count", "money", "rate", "days", "ratio"
XLSX_FORMATS = {COUNT: "#,##0", MONEY: "#,##0", RATE: "0.0%", DAYS: "0.0", RATIO: "0.00"}
STAGE_LABELS = {**STATUSES, "submitted": ("提交", "Submitted")}


@dataclass
class Table:
    key: str
    title: str
    columns: list[tuple[str, str]]  # (heading, kind)
    rows: list[list[Any]] = field(default_factory=list)


def stage_label(stage: str) -> str:
    return label(STAGE_LABELS, stage)


def tables(report: dict[str, Any]) -> list[Table]:
    """Every table of a report (analytics.report), headings in the active language."""
    benefit = report["benefit"]
    return [
        Table("overview", t("概况", "Overview"),
              [(t("项目数", "Projects"), COUNT), (t("已采纳", "Adopted"), COUNT), (t("采纳率", "Adoption rate"), RATE),
               (t("参与人数", "Participants"), COUNT), (t("预期效益（元/年）", "Expected benefit (yuan/yr)"), MONEY),
               (t("实测效益（元/年）", "Measured benefit (yuan/yr)"), MONEY),
               (t("投资回报率（效益÷投入）", "ROI (benefit ÷ investment)"), RATIO),
               (t("投资回收期（月）", "Payback (months)"), DAYS)],
              [[report["count"], report["adopted"], report["adoption_rate"], report["participants"],
                benefit["expected"], benefit["measured"], benefit["roi"], benefit["payback_months"]]]),
        Table("funnel", t("阶段漏斗", "Stage funnel"),
              [(t("阶段", "Stage"), TEXT), (t("项目数", "Projects"), COUNT), (t("较上一阶段", "Of previous"), RATE),
               (t("较提交", "Of submitted"), RATE)],
              [[stage_label(f["stage"]), f["count"], f["from_previous"], f["from_first"]] for f in report["funnel"]]),
        Table("stage_times", t("各阶段用时（天）", "Time in stage (days)"),
              [(t("阶段", "Stage"), TEXT), (t("已结束的停留", "Finished stays"), COUNT), (t("平均", "Mean"), DAYS),
               (t("中位数", "Median"), DAYS)],
              [[stage_label(x["stage"]), x["count"], x["mean_days"], x["median_days"]] for x in report["stage_times"]]),
        _group_table("by_unit", t("按单位", "By unit"), t("单位", "Unit"), report["by_unit"]),
        _group_table("by_studio", t("按工作室", "By studio"), t("工作室", "Studio"), report["by_studio"]),
        Table("trend", t("按月趋势", "Trend by month"),
              [(t("月份", "Month"), TEXT), (t("提交", "Proposals"), COUNT), (t("已采纳", "Adopted"), COUNT),
               (t("预期效益", "Expected benefit"), MONEY), (t("实测效益", "Measured benefit"), MONEY)],
              [[m["month"], m["proposals"], m["adopted"], m["expected_benefit"], m["measured_benefit"]]
               for m in report["trend"]]),
        Table("benefit", t("效益与投资回报（按分类）", "Benefit and ROI by category"),
              [(t("分类", "Category"), TEXT), (t("预期效益", "Expected"), MONEY), (t("实测效益", "Measured"), MONEY),
               (t("兑现率", "Realised"), RATE), (t("投入", "Investment"), MONEY), (t("投资回报率", "ROI"), RATIO),
               (t("回收期（月）", "Payback (months)"), DAYS)],
              [[label(CATEGORIES, c), b["expected"], b["measured"], b["realisation"], b["investment"], b["roi"],
                b["payback_months"]] for c, b in benefit["by_category"].items()]),
        Table("contributors", t("贡献者排行", "Top contributors"),
              [(t("工号", "No."), TEXT), (t("姓名", "Name"), TEXT), (t("单位", "Unit"), TEXT),
               (t("项目", "Projects"), COUNT), (t("提出", "Proposed"), COUNT), (t("已采纳", "Adopted"), COUNT),
               (t("实测效益", "Measured benefit"), MONEY)],
              [[p["employee_no"], p["name"], p["unit"] or "", p["projects"], p["proposed"], p["adopted"],
                p["measured_benefit"]] for p in report["top_contributors"]]),
    ]


def _group_table(key: str, title: str, heading: str, rows: list[dict[str, Any]]) -> Table:
    return Table(key, title,
                 [(heading, TEXT), (t("提交", "Proposals"), COUNT), (t("已采纳", "Adopted"), COUNT),
                  (t("采纳率", "Adoption rate"), RATE), (t("人数", "People"), COUNT),
                  (t("参与人数", "Participants"), COUNT), (t("参与率", "Participation"), RATE),
                  (t("人均项目", "Ideas per head"), RATIO), (t("实测效益", "Measured benefit"), MONEY)],
                 [[r["name"], r["proposals"], r["adopted"], r["adoption_rate"], r["people"], r["participants"],
                   r["participation_rate"], r["ideas_per_head"], r["measured_benefit"]] for r in rows])


def _percent(value: float) -> str:
    return f"{value * 100:.1f}%"


def cell_text(value: Any, kind: str) -> str:
    """A value as the terminal shows it (the window formats numbers the locale's way instead)."""
    if value is None:
        return "—"
    if kind == RATE:
        return _percent(value)
    if kind == MONEY:
        return f"{value:,.0f}"
    if kind in (DAYS, RATIO):
        return f"{value:,.{1 if kind == DAYS else 2}f}"
    if kind == COUNT:
        return f"{value:,}"
    return str(value)


def write_xlsx(path: str | Path, chosen: list[Table]) -> Path:
    """Save tables as one workbook, a sheet per table, numbers as numbers (formatted, not text)."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ValidationError(t("表格请保存为 .xlsx 文件（收到“{p}”）。", "Save tables as an .xlsx file (got '{p}').",
                                p=path.name))
    book = Workbook()
    book.remove(book.worksheets[0])  # the sheet a new workbook opens on (`active`, typed as possibly none)
    for table in chosen:
        sheet = book.create_sheet(_sheet_name(table.title, book.sheetnames))
        sheet.append([heading for heading, _ in table.columns])
        for row in table.rows:
            sheet.append(row)
        for col, (heading, kind) in enumerate(table.columns, start=1):
            letter = get_column_letter(col)
            width = max([len(str(heading))] + [len(str(r[col - 1])) for r in table.rows if r[col - 1] is not None])
            sheet.column_dimensions[letter].width = min(40, max(10, width * 1.6 + 2))
            if kind in XLSX_FORMATS:
                for cell in sheet[letter][1:]:
                    cell.number_format = XLSX_FORMATS[kind]
        sheet.freeze_panes = "A2"
    tmp = path.with_name(path.name + ".part")
    try:
        book.save(tmp)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ValidationError(t("无法写入 {p}：{e}", "Cannot write {p}: {e}", p=str(path), e=exc.strerror or exc)) from None
    return path


def _sheet_name(title: str, taken: list[str]) -> str:
    # Excel: at most 31 characters, none of []:*?/\ , unique in the workbook.
    name = "".join(c for c in title if c not in "[]:*?/\\")[:31] or "Sheet"
    base, n = name, 2
    while name in taken:
        name = f"{base[:28]}-{n}"
        n += 1
    return name
