"""The people workbook's template: `ideabank people template -o FILE.xlsx` and the window's "Save template…".

Three sheets to fill (单位, 工作室, 人员 — English names in the English interface), headers with the
required ones marked *, drop-down lists for the closed vocabularies, the text format on employee
numbers (so 0012001 stays 0012001), and a sheet of notes with a worked example. The sheets to fill
start empty, so nothing made up can be imported by mistake.
"""
from __future__ import annotations

import os
from pathlib import Path

from app.core.errors import ValidationError
from app.core.i18n import t
from app.core.org_import import SHEETS
from app.core.sheets import Column
from app.core.vocab import ROLES, SKILL_GRADES, STUDIO_LEVELS, UNIT_KINDS

ROWS = 2000  # rows that carry the drop-down lists and the text format
CHOICES = {  # (sheet, column) -> the words a drop-down offers
    ("units", "kind"): lambda: [t(zh, en) for zh, en in UNIT_KINDS.values()],
    ("studios", "level"): lambda: [t(zh, en) for zh, en in STUDIO_LEVELS.values()],
    ("people", "role"): lambda: [t(zh, en) for zh, en in ROLES.values()],
    ("people", "skill_grade"): lambda: list(SKILL_GRADES),
    ("people", "active"): lambda: [t("是", "yes"), t("否", "no")],
}
NOTES = [
    ("单位表：每行一个单位。上级单位填名称，可以是库中已有的单位，也可以是本表中的单位（顺序不限）。类型：公司、分公司、车间、班组。",
     "Units: one unit per row. The parent is a unit's name, already in the bank or in this sheet (any order). "
     "Kind: company, branch, workshop, crew."),
    ("工作室表：每行一个工作室。级别：国家级、省级、公司级、单位级；领衔人填工号；成立日期如 2019-03-01；经费为元/年，可写“5万”。",
     "Studios: one studio per row. Level: national, provincial, company, unit; the leader by employee number; "
     "founded as 2019-03-01; funds in yuan per year (\"5万\" works)."),
    ("人员表：每行一人，按工号对应：库中已有的人员会被更新，没有的会新建。荣誉每条一行（单元格内换行：Alt+Enter）。"
     "在职填“否”即停用账号（项目、评审和积分保留）。",
     "People: one person per row, matched by employee number: people already in the bank are updated, others "
     "created. Honours one per line in the cell (Alt+Enter). Active \"no\" deactivates the account (projects, "
     "reviews and points stay)."),
    ("空白单元格表示“保持不变”，所以同一文件再导入一次不会改变任何数据。工作室的领衔人自动获得领衔人角色。",
     "An empty cell means \"leave as it is\", so importing the same file again changes nothing. A studio's leader "
     "gets the leader role."),
    ("全部成功或全部不导入：任何一行有问题，都不会写入任何数据，并逐行列出问题。密码不在表中：新人员首次登录时自己设置，或由管理员设置。",
     "All or nothing: if any row has a problem nothing is written, and every problem is listed by row. Passwords "
     "are not in the workbook: new people choose theirs at first sign-in, or an administrator sets one."),
]
EXAMPLE = {
    "units": [["示范供电公司", "", "公司", "GS"], ["变电运维车间", "示范供电公司", "车间", "GS01"],
              ["变电运维一班", "变电运维车间", "班组", "GS0101"]],
    "studios": [["王建国劳模创新工作室", "省级", "变电运维车间", "0012001", "2019-03-01", "变电运维车间二楼", "5万"]],
    "people": [["0012001", "王建国", "变电运维车间", "王建国劳模创新工作室", "工作室领衔人", "高级技师", "继电保护",
                "全国劳动模范", "是"],
               ["0012002", "张三", "变电运维一班", "王建国劳模创新工作室", "职工", "技师", "变电检修", "", "是"]],
}


def sheet_title(key: str) -> str:
    zh, en, _columns = SHEETS[key]
    return t(zh, en)


def header(column: Column) -> str:
    return t(column.zh, column.en) + ("*" if column.required else "")


def write_template(path: Path | str) -> Path:
    """Write the template to `path` (.xlsx), atomically."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ValidationError(t("模板是 .xlsx 文件：请用 .xlsx 结尾的文件名。",
                                "The template is an .xlsx file: give a file name ending in .xlsx."))
    wb = Workbook()
    wb.remove(wb.worksheets[0])  # the sheet a new workbook opens on (`active`, typed as possibly none)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for key, (_zh, _en, columns) in SHEETS.items():
        ws = wb.create_sheet(sheet_title(key))
        for i, column in enumerate(columns, start=1):
            cell = ws.cell(row=1, column=i, value=header(column))
            cell.font, cell.fill = bold, fill
            letter = get_column_letter(i)
            ws.column_dimensions[letter].width = 24 if column.key in ("name", "premises", "honours", "unit") else 14
            if column.kind == "code":
                for row in range(2, ROWS + 2):
                    ws.cell(row=row, column=i).number_format = "@"
            choices = CHOICES.get((key, column.key))
            if choices:
                words = ",".join(choices())
                dv = DataValidation(type="list", formula1=f'"{words}"', allow_blank=True, showErrorMessage=True,
                                    errorTitle=t("请从列表中选择", "Choose from the list"),
                                    error=t("请从下拉列表中选择：", "Choose one of: ") + words)
                dv.add(f"{letter}2:{letter}{ROWS + 1}")
                ws.add_data_validation(dv)
        ws.freeze_panes = "A2"
    notes = wb.create_sheet(t("填写说明", "Notes"))
    notes.column_dimensions["A"].width = 120
    notes.cell(row=1, column=1, value=t("创新智慧库 组织与人员导入模板", "Idea Bank: organisation and people workbook")).font = bold
    row = 2
    for zh, en in NOTES:
        notes.cell(row=row, column=1, value=t(zh, en)).alignment = Alignment(wrap_text=True, vertical="top")
        row += 1
    row += 1
    notes.cell(row=row, column=1, value=t("示例（请在上面三张表中填写，本页不会被导入）：",
                                          "An example (fill in the three sheets above; this sheet is not imported):")).font = bold
    for key, (_zh, _en, columns) in SHEETS.items():
        row += 1
        notes.cell(row=row, column=1, value=sheet_title(key)).font = bold
        row += 1
        notes.cell(row=row, column=1, value=" | ".join(header(c) for c in columns))
        for example in EXAMPLE[key]:
            row += 1
            notes.cell(row=row, column=1, value=" | ".join(example))
    tmp = path.with_name(path.name + ".part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        wb.save(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ValidationError(t("无法写入 {p}：{e}", "Cannot write {p}: {e}", p=path, e=exc.strerror or exc)) from None
    return path
