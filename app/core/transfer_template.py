"""The project import template: an .xlsx a person fills in WPS, Excel or LibreOffice.

`ideabank import --template -o FILE.xlsx` and the window's "Save template…" write it: Chinese headers
(required ones marked *), one example row, drop-down lists for category, status and
confidentiality, the text format on the number columns (so 0012 stays 0012), and a notes sheet. The
example row is recognised on import and refused, so it never becomes a project by accident.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.errors import ValidationError
from app.core.i18n import t
from app.core.sheets import Column
from app.core.transfer_files import CODE_KEYS, COLUMNS
from app.core.vocab import CATEGORIES, CONFIDENTIALITY, STATUSES

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

# The columns a person fills, in the order they think of them (id, JSON lists and the times a
# migration of old records needs are left to exports; import accepts them all the same).
KEYS = ["title", "category", "status", "background", "solution", "innovation_points", "implementation",
        "indicators", "promotion", "expected_benefit", "measured_benefit", "benefit_basis", "investment",
        "social_benefit", "tags", "confidentiality", "studio", "proposer", "co_authors", "number", "created_at"]
EXAMPLE: dict[str, str | int | None] = {
    "title": "示例：绝缘杆式带电清扫工具（导入前请删除本行）", "category": "小发明", "status": "草稿",
    "background": "雨季前绝缘子积污严重，停电清扫影响供电。", "solution": "在绝缘操作杆端部加装可旋转毛刷，带电清扫。",
    "innovation_points": "端部可旋转\n毛刷可快速更换", "implementation": "", "indicators": "", "promotion": "",
    "expected_benefit": 12000, "measured_benefit": None, "benefit_basis": "每年少停电 4 次，每次节约 3000 元",
    "investment": 800, "social_benefit": "", "tags": "带电作业\n绝缘子", "confidentiality": "内部",
    "studio": "", "proposer": "0012345", "co_authors": "3100002\n3100005", "number": "", "created_at": "2024/5/1",
}
NOTES = {
    "title": ("一行，最多 200 字。", "One line, at most 200 characters."),
    "category": ("从下拉列表选择。", "Choose from the drop-down list."),
    "status": ("从下拉列表选择；不填为草稿。非草稿须填写背景、解决方案和至少 1 条创新点。",
               "Choose from the list; empty means draft. Other statuses need background, solution and an innovation "
               "point."),
    "innovation_points": ("每条一行（单元格内换行：Alt+Enter），最多 3 条。",
                          "One per line in the cell (Alt+Enter), at most 3."),
    "expected_benefit": ("元/年：12000、12,000 或 1.2万。", "Yuan per year: 12000, 12,000 or 1.2万."),
    "measured_benefit": ("元/年，同上。", "Yuan per year, as above."),
    "investment": ("元，同上。", "Yuan, as above."),
    "tags": ("每个一行，最多 20 个。", "One per line, at most 20."),
    "confidentiality": ("从下拉列表选择；不填为内部。", "Choose from the list; empty means internal."),
    "studio": ("工作室全称；不填为提出人所在工作室。", "The studio's full name; empty: the proposer's studio."),
    "proposer": ("工号；不填为导入人。此列为文本格式，开头的 0 会保留。",
                 "Employee number; empty: the person importing. A text column: leading zeros stay."),
    "co_authors": ("工号，每个一行，按贡献排序。", "Employee numbers, one per line, by contribution."),
    "number": ("历史项目的编号；不填则自动编号。", "The number of a historical project; empty: numbered automatically."),
    "created_at": ("日期：2024/5/1、2024-05-01 或 2024年5月1日；不填为导入时间。",
                   "A date: 2024/5/1, 2024-05-01 or 2024年5月1日; empty: the time of the import."),
}
ROWS = 2000  # rows that carry the drop-down lists and the text format


def _columns() -> list[Column]:
    by_key = {c.key: c for c in COLUMNS}
    return [by_key[k] for k in KEYS]


def is_example(values: dict[str, Any]) -> bool:
    """Whether an imported row is the template's example row, left in by mistake."""
    return values.get("title") == EXAMPLE["title"]


def write_template(path: Path | str) -> Path:
    """Write the template to `path` (.xlsx), atomically."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ValidationError(t("模板是 .xlsx 文件：请用 .xlsx 结尾的文件名。",
                                "The template is an .xlsx file: give a file name ending in .xlsx."))
    columns = _columns()
    wb = Workbook()
    ws = wb.worksheets[0]  # the sheet a new workbook opens on (`active`, typed as possibly none)
    ws.title = "项目"
    bold, head_fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    example_font = Font(italic=True, color="808080")
    for i, column in enumerate(columns, start=1):
        letter = get_column_letter(i)
        cell = ws.cell(row=1, column=i, value=column.zh + ("*" if column.required else ""))
        cell.font, cell.fill = bold, head_fill
        note = NOTES.get(column.key)
        if note:
            cell.comment = Comment(note[0], "创新智慧库")
        value = EXAMPLE[column.key]
        example = ws.cell(row=2, column=i, value=value if value not in ("", None) else None)
        example.font = example_font
        example.alignment = Alignment(wrap_text=True, vertical="top")
        if column.key in CODE_KEYS:
            example.number_format = "@"
            for row in range(3, ROWS + 2):
                ws.cell(row=row, column=i).number_format = "@"
        width = 36 if column.key in ("title", "background", "solution", "innovation_points") else 14
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "B2"
    for key, vocab in (("category", CATEGORIES), ("status", STATUSES), ("confidentiality", CONFIDENTIALITY)):
        letter = get_column_letter(KEYS.index(key) + 1)
        names = ",".join(zh for zh, _ in vocab.values())
        dv = DataValidation(type="list", formula1=f'"{names}"', allow_blank=True, showErrorMessage=True,
                            errorTitle="请从列表中选择", error="请从下拉列表中选择：" + names.replace(",", "、"))
        dv.add(f"{letter}2:{letter}{ROWS + 1}")
        ws.add_data_validation(dv)
    _notes_sheet(wb.create_sheet("填写说明"), columns)
    tmp = path.with_name(path.name + ".part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        wb.save(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ValidationError(t("无法写入 {p}：{e}", "Cannot write {p}: {e}", p=path, e=exc.strerror or exc)) from None
    return path


def _notes_sheet(ws: Worksheet, columns: list[Column]) -> None:
    from openpyxl.styles import Alignment, Font
    lines = [
        ["创新智慧库 项目导入模板 填写说明"],
        ["1. 在“项目”表中每行填写一个项目；第 2 行是示例，导入前请删除或改写。带 * 的列必须填写。"],
        ["2. 分类、状态、密级请从下拉列表中选择；工号、编号列已设为文本格式，开头的 0 会保留。"],
        ["3. 单元格内换行（创新点、标签、合作者）：Excel/WPS 按 Alt+Enter，LibreOffice 按 Ctrl+Enter。"],
        ["4. 请保存为 .xlsx（不要另存为 CSV：表格软件会把 0012 变成 12、把 1/2 变成日期）。"],
        ["5. 导入：窗口中“工具 → 导入项目…”，或命令 ideabank import 文件.xlsx（先加 --dry-run 只检查）。"
         "全部正确才导入，否则逐行列出问题，不写入任何数据。"],
        [],
        ["列名", "必填", "说明", "English"],
    ]
    for column in columns:
        zh, en = NOTES.get(column.key, ("", ""))
        lines.append([column.zh, "是" if column.required else "", zh, f"{column.en} ({column.key}). {en}".strip()])
    for line in lines:
        ws.append(line)
    ws["A1"].font = Font(bold=True, size=14)
    for cell in ws[8]:
        cell.font = Font(bold=True)
    widths = {"A": 16, "B": 6, "C": 60, "D": 60}
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width
    for number, row in enumerate(ws.iter_rows(min_row=9), start=9):
        tall = 1
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if cell.value:
                tall = max(tall, -(-_display_width(str(cell.value)) // widths[cell.column_letter]))
        # Suites do not grow a row to its wrapped text when they open a file: say how tall it is.
        ws.row_dimensions[number].height = 15 * tall


def _display_width(text: str) -> int:
    """Column-width units of a text: a Chinese character takes two."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
