"""Reading and writing project tables as .json, .csv and .xlsx, safely.

Cell conventions for CSV and XLSX (also in docs/IMPORT-EXPORT.md):
- one header row with the JSON keys (COLUMNS); `title` and `category` are required;
- lists of texts (innovation_points, tags, co_authors) are one item per line inside the cell;
  a cell holding a JSON array (starting with "[") is read as that array too;
- lists of objects (patents, awards) are JSON in the cell;
- a text cell that would start with = + - @ (or a tab / carriage return) is written with a leading
  apostrophe so Excel and LibreOffice never run it as a formula (CSV/formula injection); a leading
  apostrophe is written doubled, and on reading one leading apostrophe is removed, so values
  round-trip exactly.
- CSV is UTF-8 with a byte-order mark (Excel then opens Chinese correctly); reading also accepts
  GB18030, which is what Excel in China saves by default.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from app.core.errors import ValidationError
from app.core.i18n import t

FORMATS = (".json", ".csv", ".xlsx")
COLUMNS = ["id", "number", "title", "category", "status", "background", "solution", "innovation_points",
           "implementation", "indicators", "promotion", "expected_benefit", "measured_benefit", "benefit_basis",
           "investment", "social_benefit", "tags", "patents", "awards", "confidentiality", "studio", "proposer",
           "co_authors", "kiosk", "created_at", "updated_at", "submitted_at", "decided_at", "completed_at"]
TEXT_LISTS = ("innovation_points", "tags", "co_authors")
OBJECT_LISTS = ("patents", "awards")
MAX_FILE_BYTES = 512 * 1024 * 1024
MAX_CELL = 1_000_000  # far above any field's limit, so an over-long field gets a per-row message first
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def file_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ValidationError(t("不支持的文件类型“{s}”：请使用 .json、.csv 或 .xlsx。",
                                "Unsupported file type '{s}': use .json, .csv or .xlsx.", s=path.suffix or path.name))
    return suffix


# -- cells ---------------------------------------------------------------------------------------

def safe_text(value: str) -> str:
    """Neutralise a would-be formula (see the module docstring)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def unsafe_text(value: str) -> str:
    return value[1:] if value.startswith("'") else value


def to_cell(key: str, value: Any) -> Any:
    """A project_json value as a CSV/XLSX cell (str, or a number for XLSX)."""
    if value is None:
        return ""
    if key in TEXT_LISTS:
        return safe_text("\n".join(str(v) for v in value))
    if key in OBJECT_LISTS:
        return safe_text(json.dumps(value, ensure_ascii=False)) if value else ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    if isinstance(value, int):
        return value
    return safe_text(str(value))


def from_cell(key: str, value: Any) -> Any:
    """A CSV/XLSX cell back to the JSON value import expects (None for an empty cell)."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = unsafe_text(str(value))
    if text == "":
        return None
    if key in TEXT_LISTS:
        if text.lstrip().startswith("["):
            try:
                parsed = json.loads(text)
                if isinstance(parsed, list):
                    return parsed
            except json.JSONDecodeError:
                pass
        return [line for line in text.splitlines() if line.strip()]
    if key in OBJECT_LISTS:
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            return text  # the row check reports "must be a list of objects"
    if key == "kiosk":
        return text.strip().lower() in ("true", "1", "yes", "是")
    return text


# -- reading -------------------------------------------------------------------------------------

def read_rows(path: Path) -> tuple[list[tuple[int, dict[str, Any]]], bool]:
    """[(row number, raw values)], and whether values came from cells (CSV/XLSX) or JSON."""
    kind = file_format(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ValidationError(t("找不到文件 {p}。", "File not found: {p}", p=path)) from None
    except OSError as exc:
        raise ValidationError(t("无法读取 {p}：{e}", "Cannot read {p}: {e}", p=path, e=exc.strerror or exc)) from None
    if not path.is_file():
        raise ValidationError(t("{p} 不是文件。", "{p} is not a file.", p=path))
    if size == 0:
        raise ValidationError(t("文件 {p} 是空的。", "The file {p} is empty.", p=path))
    if size > MAX_FILE_BYTES:
        raise ValidationError(t("文件 {p} 太大（{m} MB），最多 {n} MB；请分成几个文件导入。",
                                "The file {p} is too large ({m} MB; at most {n} MB). Split it and import the parts.",
                                p=path, m=size // 2**20, n=MAX_FILE_BYTES // 2**20))
    if kind == ".json":
        return _read_json(path), False
    rows = _read_csv(path) if kind == ".csv" else _read_xlsx(path)
    return rows, True


def _read_json(path: Path) -> list[tuple[int, dict[str, Any]]]:
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
    return [(i, item) for i, item in enumerate(data, start=1)]


def _decode(raw: bytes, path: Path) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(t("{p} 的编码无法识别：请另存为“CSV UTF-8”。",
                            "Cannot tell the encoding of {p}: save it as 'CSV UTF-8'.", p=path))


def _check_header(header: list[str], path: Path) -> list[str]:
    header = [str(h or "").strip() for h in header]
    if not any(header):
        raise ValidationError(t("{p} 第一行应为列名（如 title、category）。",
                                "The first row of {p} must name the columns (title, category, ...).", p=path))
    unknown = [h for h in header if h and h not in COLUMNS]
    missing = [h for h in ("title", "category") if h not in header]
    duplicated = sorted({h for h in header if h and header.count(h) > 1})
    problems = []
    if missing:
        problems.append(t("缺少必需的列：{c}", "required columns missing: {c}", c=", ".join(missing)))
    if unknown:
        problems.append(t("无法识别的列：{c}", "unknown columns: {c}", c=", ".join(unknown)))
    if duplicated:
        problems.append(t("重复的列：{c}", "duplicated columns: {c}", c=", ".join(duplicated)))
    if problems:
        raise ValidationError(t("{p} 的列不正确（{d}）。可用的列：{all}", "{p} has wrong columns ({d}). Known columns: {all}",
                                p=path, d="; ".join(problems), all=", ".join(COLUMNS)), details=problems)
    return header


def _rows_from(header: list[str], records: Iterable[tuple[int, list[Any]]]) -> list[tuple[int, dict[str, Any]]]:
    out = []
    for number, record in records:
        if all(v is None or str(v).strip() == "" for v in record):
            continue  # blank lines at the end of a sheet are common
        values = {}
        for i, key in enumerate(header):
            if key:
                values[key] = from_cell(key, record[i] if i < len(record) else None)
        if len(record) > len(header) and any(str(v or "").strip() for v in record[len(header):]):
            values["__extra__"] = True
        out.append((number, values))
    return out


def _read_csv(path: Path) -> list[tuple[int, dict[str, Any]]]:
    text = _decode(path.read_bytes(), path)
    csv.field_size_limit(MAX_CELL)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None:
            raise ValidationError(t("文件 {p} 是空的。", "The file {p} is empty.", p=path))
        header = _check_header(header, path)
        records = list(reader)
    except csv.Error as exc:
        raise ValidationError(t("{p} 第 {n} 行无法解析：{e}（单元格最多 {m} 个字符）。",
                                "Cannot parse line {n} of {p}: {e} (cells hold at most {m} characters).",
                                p=path, n=reader.line_num, e=exc, m=MAX_CELL)) from None
    # reader.line_num counts physical lines; a spreadsheet user thinks in records, header = row 1.
    return _rows_from(header, enumerate(records, start=2))


def _read_xlsx(path: Path) -> list[tuple[int, dict[str, Any]]]:
    from openpyxl import load_workbook
    try:
        wb = load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise ValidationError(t("{p} 不是有效的 Excel (.xlsx) 文件：{e}", "{p} is not a valid Excel (.xlsx) file: {e}",
                                p=path, e=str(exc) or type(exc).__name__)) from None
    except Exception as exc:  # openpyxl raises many kinds on damaged files; all mean the same to a user
        raise ValidationError(t("{p} 已损坏或不是 .xlsx 文件（{e}）。", "{p} is damaged or not an .xlsx file ({e}).",
                                p=path, e=type(exc).__name__)) from None
    try:
        ws = wb.worksheets[0] if wb.worksheets else None
        if ws is None:
            raise ValidationError(t("{p} 中没有工作表。", "{p} has no worksheet.", p=path))
        it = ws.iter_rows(values_only=True)
        header = next(it, None)
        if header is None:
            raise ValidationError(t("文件 {p} 是空的。", "The file {p} is empty.", p=path))
        header = _check_header(list(header), path)
        records = [(n, list(r)) for n, r in enumerate(it, start=2)]
    except ValidationError:
        raise
    except Exception as exc:
        raise ValidationError(t("{p} 已损坏，无法读取（{e}）。", "{p} is damaged and cannot be read ({e}).",
                                p=path, e=type(exc).__name__)) from None
    finally:
        wb.close()
    return _rows_from(header, records)


# -- writing -------------------------------------------------------------------------------------

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
                out.writerow(COLUMNS)
                for p in projects:
                    out.writerow([to_cell(k, p.get(k)) for k in COLUMNS])
        else:
            _write_xlsx(tmp, projects)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ValidationError(t("无法写入 {p}：{e}", "Cannot write {p}: {e}", p=path, e=exc.strerror or exc)) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _write_xlsx(path: Path, projects: list[dict[str, Any]]) -> None:
    from openpyxl import Workbook
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("projects")
    ws.append(COLUMNS)
    for p in projects:
        row = []
        for k in COLUMNS:
            cell = to_cell(k, p.get(k))
            # XML cannot carry most control characters; openpyxl would refuse the whole file.
            row.append(_XML_ILLEGAL.sub("", cell) if isinstance(cell, str) else cell)
        ws.append(row)
    wb.save(path)
