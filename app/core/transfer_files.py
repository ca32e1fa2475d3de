"""Project tables as .json, .csv and .xlsx: the columns, and writing them safely.

Reading goes through the core's sheet reader (app/core/sheets.py: office cells, dates, formulas,
the checks before an .xlsx is parsed); this module names the project columns and their kinds, and
writes exports. Cell conventions (also in docs/IMPORT-EXPORT.md):
- one header row; CSV and .xlsx exports write the Chinese column names, import also takes the
  English names and the JSON keys;
- lists of texts (innovation_points, tags, co_authors) one item per line inside the cell;
  patents and awards as JSON; employee numbers and project numbers as text cells;
- CSV only: a text that a suite would run as a formula (= + - @, tab, CR) gets a leading
  apostrophe (sheets.guard_csv); in .xlsx such a value is a text cell, which never runs, written
  with the suite's "quote prefix" so that editing the cell keeps it text;
- CSV is UTF-8 with a byte-order mark (Excel then opens Chinese correctly); reading also accepts
  GB18030, which is what Excel in China saves by default.
"""
from __future__ import annotations

import csv
import json
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.errors import ValidationError
from app.core.fields import FIELD_NAMES
from app.core.i18n import t
from app.core.sheets import Column, Sheet, check_file, guard_csv, guard_xlsx, json_rows, read_sheet

if TYPE_CHECKING:  # openpyxl loads only when a workbook is written
    from openpyxl.cell import Cell
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

FORMATS = (".json", ".csv", ".xlsx")

_KINDS = {
    "id": "code", "number": "code", "innovation_points": "lines", "tags": "lines", "co_authors": "code_lines",
    "expected_benefit": "number", "measured_benefit": "number", "investment": "number", "patents": "json",
    "awards": "json", "proposer": "code", "kiosk": "bool", "created_at": "datetime", "updated_at": "datetime",
    "submitted_at": "datetime", "decided_at": "datetime", "completed_at": "datetime",
}
_ALIASES = {"proposer": ("提出人",), "co_authors": ("合作者", "co-author numbers"), "studio": ("studio_id",)}
KEYS = ["id", "number", "title", "category", "status", "background", "solution", "innovation_points",
        "implementation", "indicators", "promotion", "expected_benefit", "measured_benefit", "benefit_basis",
        "investment", "social_benefit", "tags", "patents", "awards", "confidentiality", "studio", "proposer",
        "co_authors", "kiosk", "created_at", "updated_at", "submitted_at", "decided_at", "completed_at"]
COLUMNS = [Column(k, *FIELD_NAMES[k], kind=_KINDS.get(k, "text"), required=k in ("title", "category"),
                  aliases=_ALIASES.get(k, ())) for k in KEYS]
CODE_KEYS = frozenset(k for k in KEYS if _KINDS.get(k) in ("code", "code_lines"))
TEXT_LISTS = ("innovation_points", "tags", "co_authors")
OBJECT_LISTS = ("patents", "awards")
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ESCAPE_LIKE = re.compile(r"_x[0-9A-Fa-f]{4}_")


def file_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ValidationError(t("不支持的文件类型“{s}”：请使用 .json、.csv 或 .xlsx。",
                                "Unsupported file type '{s}': use .json, .csv or .xlsx.", s=path.suffix or path.name))
    return suffix


# -- reading -------------------------------------------------------------------------------------

def read_rows(path: Path, *, ignored: frozenset[str] = frozenset()) -> Sheet:
    """The rows of a project file, each value converted by its column's kind (sheets.py)."""
    if file_format(path) != ".json":
        return read_sheet(path, COLUMNS)
    check_file(path, (".json",))
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ValidationError(t("{p} 不是 UTF-8 编码的 JSON 文件。", "{p} is not a UTF-8 JSON file.", p=path)) from None
    except json.JSONDecodeError as exc:
        raise ValidationError(t("{p} 不是有效的 JSON（第 {l} 行第 {c} 列：{m}）。",
                                "{p} is not valid JSON (line {l}, column {c}: {m}).",
                                p=path, l=exc.lineno, c=exc.colno, m=exc.msg)) from None
    except RecursionError:
        raise ValidationError(t("{p} 嵌套过深，无法读取。", "{p} is nested too deeply to read.", p=path)) from None
    if isinstance(data, dict) and isinstance(data.get("projects"), list):
        data = data["projects"]  # also accept the shape of `project list --json`
    if not isinstance(data, list):
        raise ValidationError(t("{p} 应包含一个项目对象的列表（[{{...}}, ...]）。",
                                "{p} must hold a list of project objects ([{{...}}, ...]).", p=path))
    return json_rows(path, data, COLUMNS, ignored=ignored)


# -- writing -------------------------------------------------------------------------------------

def to_cell(key: str, value: Any, *, xlsx: bool = False) -> Any:
    """A project_json value as a CSV cell (text) or an .xlsx cell value (text, number or boolean)."""
    if value is None:
        return ""
    if key in TEXT_LISTS:
        text = "\n".join(str(v) for v in value)
    elif key in OBJECT_LISTS:
        text = json.dumps(value, ensure_ascii=False) if value else ""
    elif isinstance(value, bool):
        if xlsx:
            return value
        text = "true" if value else "false"
    elif isinstance(value, (int, float)):
        return int(value) if isinstance(value, float) and value.is_integer() and abs(value) < 2**53 else value
    else:
        text = str(value)
    return guard_xlsx(text) if xlsx else guard_csv(text)


def write_rows(path: Path, projects: list[dict[str, Any]]) -> None:
    """Write atomically: a half-written export never carries the final name."""
    kind = file_format(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    try:
        if kind == ".json":
            with open(tmp, "w", encoding="utf-8") as fh:
                json.dump(projects, fh, ensure_ascii=False, indent=1)
                fh.write("\n")
        elif kind == ".csv":
            with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
                out = csv.writer(fh)
                out.writerow([c.zh for c in COLUMNS])
                for p in projects:
                    out.writerow([to_cell(k, p.get(k)) for k in KEYS])
        else:
            _write_xlsx(tmp, projects)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ValidationError(t("无法写入 {p}：{e}", "Cannot write {p}: {e}", p=path, e=exc.strerror or exc)) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def xlsx_text(text: str) -> str:
    """Text as .xlsx stores it: control characters as _xHHHH_ (Excel's escape, which the reader
    undoes), and a literal _xHHHH_ escaped in turn, so every value round-trips."""
    text = _ESCAPE_LIKE.sub(lambda m: "_x005F" + m.group(0), text)
    return _XML_ILLEGAL.sub(lambda m: f"_x{ord(m.group(0)):04X}_", text)


def text_cell(ws: WriteOnlyWorksheet, text: str, *, code: bool = False) -> Cell:
    """An .xlsx text cell that stays text: never a formula or an error value, not even after the
    person edits it (quote prefix), and with the text format "@" for codes (leading zeros kept)."""
    from openpyxl.cell import WriteOnlyCell
    cell = WriteOnlyCell(ws, value=xlsx_text(text))
    cell.data_type = "s"  # openpyxl would make "=..." a formula and "#N/A" an error
    if code:
        cell.number_format = "@"
    if text.startswith(("=", "+", "-", "@", "#")):
        cell.quotePrefix = True
    return cell


def _write_xlsx(path: Path, projects: list[dict[str, Any]]) -> None:
    from openpyxl import Workbook
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("projects")
    ws.append([c.zh for c in COLUMNS])
    for p in projects:
        row = []
        for k in KEYS:
            cell = to_cell(k, p.get(k), xlsx=True)
            if isinstance(cell, str) and cell and (k in CODE_KEYS or cell.startswith(("=", "+", "-", "@", "#"))):
                cell = text_cell(ws, cell, code=k in CODE_KEYS)
            elif isinstance(cell, str):
                cell = xlsx_text(cell)
            row.append(cell)
        ws.append(row)
    wb.save(path)
