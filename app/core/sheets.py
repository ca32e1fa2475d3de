"""Reading tables that people keep in office suites (.csv, .xlsx): the core's public reading API.

    columns = [Column("employee_no", "工号", "Employee number", "code", required=True),
               Column("name", "姓名", "Name", required=True), Column("joined", "入职日期", "Joined", "date")]
    sheet = read_sheet(path, columns)        # ValidationError: file, size or header problems
    for row in sheet.rows:                   # SheetRow(number, values, problems)
        row.values.get("employee_no")        # "0012": text, whatever the cell type
        for key, message in row.problems.items():
            print(row.number, sheet.label(key), message)   # 第 3 行 工号（A 列）：...

Rules, the same for every table the app reads (projects, the people workbook, ...):
- headers: a column's Chinese name, its English name or its key, in any case, spaces, "_", "-"
  and a trailing "*" ignored; unknown, duplicated and missing required columns are refused at once;
- cells are read as the suite stores them (.xlsx: saved values of formulas, never their text;
  a formula without a saved value, an error value such as #N/A, or a value of the wrong kind is a
  row problem naming the cell), then converted by the column's kind:
    text        the text the cell displays (numbers without a trailing ".0", dates as formatted);
    code        employee numbers, phone numbers, project numbers: text, whatever the cell type;
    lines       a list of texts, one per line in the cell (a JSON array is read as that array);
    code_lines  a list of codes, one per line (a single number cell is one code);
    number      a number cell as a number, a text as typed (the caller parses "1.2万");
    json        a JSON value in the cell;
    bool        是/否, true/false, yes/no, 1/0 or a TRUE/FALSE cell;
    date        2024-05-01, 2023/11/20, 2023.11.20, 2024年3月15日 or a date cell -> datetime.date;
    datetime    the same with an optional time (2024-05-01 09:30, ISO 8601 with offset); no offset
                means UTC -> an aware datetime;
- the core's text rules (fields.text_problem/clean_text): NUL and invalid Unicode are row problems,
  terminal control sequences and control characters other than newline and tab are removed;
- a leading apostrophe that guards a would-be formula (' before = + - @ ' tab or CR, as the app's
  CSV export writes it) is removed;
- blank rows are skipped; a value under a column without a header is a row problem.
.xlsx files are checked before they are parsed (sheets_xlsx.Limits: uncompressed size, cells,
no DTD), so a zip bomb is refused in milliseconds.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.errors import ValidationError
from app.core.fields import clean_text, text_problem
from app.core.i18n import language, t
from app.core.sheets_xlsx import Cell, Limits, column_letter, read_xlsx

KINDS = ("text", "code", "lines", "code_lines", "number", "json", "bool", "date", "datetime")
MAX_FILE_BYTES = 512 * 1024 * 1024
MAX_CELL = 1_000_000  # characters in one CSV cell
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what a suite may run as a formula
GUARDED = FORMULA_START + ("'",)  # what a guarding apostrophe may precede
TRUE_WORDS = frozenset({"true", "t", "yes", "y", "1", "是", "对"})
FALSE_WORDS = frozenset({"false", "f", "no", "n", "0", "否", "错"})


@dataclass(frozen=True)
class Column:
    key: str
    zh: str
    en: str
    kind: str = "text"
    required: bool = False
    aliases: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")

    @property
    def name(self) -> str:
        return t(self.zh, self.en)


@dataclass
class SheetRow:
    number: int                     # the row number the suite shows (header = 1); JSON: position from 1
    values: dict[str, Any]          # key -> converted value; only the columns the sheet has
    problems: dict[str, str] = field(default_factory=dict)  # key ("" = the row) -> message


@dataclass
class Sheet:
    path: Path
    rows: list[SheetRow]
    columns: dict[str, Column]
    headers: dict[str, tuple[str, int]] = field(default_factory=dict)  # key -> (header as written, index from 1)

    def label(self, key: str) -> str:
        """The column as the sheet names it, with its letter: 合作者工号（W 列）; the Column's name
        for JSON or a column the sheet does not have; the key itself for an unknown key."""
        if key in self.headers:
            text, index = self.headers[key]
            return t("{h}（{c} 列）", "{h} (column {c})", h=text, c=column_letter(index))
        column = self.columns.get(key)
        return column.name if column else key


def unguard(text: str) -> str:
    """Remove the apostrophe that guards a would-be formula ('=1+1 -> =1+1, ''a -> 'a)."""
    return text[1:] if len(text) > 1 and text[0] == "'" and text[1] in GUARDED else text


def guard_csv(text: str) -> str:
    """The CSV export's escape: a value that a suite would run as a formula, or whose leading
    apostrophe unguard() would remove, gets one apostrophe in front."""
    return "'" + text if text.startswith(FORMULA_START) or unguard(text) != text else text


def guard_xlsx(text: str) -> str:
    """In .xlsx a text cell never runs as a formula: only an apostrophe unguard() would remove is doubled."""
    return "'" + text if unguard(text) != text else text


# -- the public entry point -----------------------------------------------------------------------

def read_sheet(path: Path | str, columns: Sequence[Column], *, max_rows: int | None = None,
               limits: Limits | None = None, sheet: str | None = None) -> Sheet:
    """The rows of a .csv or .xlsx table (the first worksheet, or the one named `sheet`; see
    sheets_xlsx.sheet_names), converted by the columns' kinds.

    Raises ValidationError (one clear line, details listing each problem) for a missing, empty, too
    large, damaged or unsupported file, wrong headers or more than max_rows rows. Cell problems do not
    raise: each row carries them, so a caller reports every problem of the file at once."""
    path = Path(path)
    kind = check_file(path, (".csv", ".xlsx"))
    records: Iterable[tuple[int, list[tuple[int, Any]]]]
    if kind == ".csv":
        records = _csv_records(path)
    else:
        records = read_xlsx(path, limits or Limits(), sheet)
    return _sheet(path, columns, records, max_rows)


def check_file(path: Path, formats: Sequence[str]) -> str:
    """The file's suffix, after checking that it exists, is a file, and has a readable size."""
    suffix = path.suffix.lower()
    if suffix not in formats:
        raise ValidationError(t("不支持的文件类型“{s}”：请使用 {f}。", "Unsupported file type '{s}': use {f}.",
                                s=path.suffix or path.name, f=t("、", ", ").join(formats)))
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
    return suffix


def json_rows(path: Path, records: list[Any], columns: Sequence[Column], *,
              ignored: frozenset[str] = frozenset()) -> Sheet:
    """JSON objects (keys = column keys) held to the same kinds, strictly: texts must be strings,
    booleans true/false, lists lists. Keys in `ignored` are dropped; other unknown keys are problems."""
    by_key = {c.key: c for c in columns}
    rows = []
    for position, record in enumerate(records, start=1):
        row = SheetRow(position, {})
        rows.append(row)
        if not isinstance(record, dict):
            row.problems[""] = t("应为一个对象（{{...}}）。", "must be an object ({{...}}).")
            continue
        for key, value in record.items():
            column = by_key.get(key)
            if column is None:
                if key not in ignored:
                    row.problems[key] = t("无法识别的字段。", "unknown field.")
                continue
            try:
                row.values[key] = _from_json(column.kind, value)
            except _Bad as bad:
                row.problems[key] = bad.message
    return Sheet(path, rows, by_key)


# -- headers and rows -----------------------------------------------------------------------------

def _norm(header: str) -> str:
    return re.sub(r"[\s_\-*]+", "", unicodedata.normalize("NFKC", header)).casefold()


def _match_headers(path: Path, header: list[Any], columns: Sequence[Column]) -> list[Column | None]:
    names: dict[str, Column] = {}
    for c in columns:
        for name in (c.key, c.zh, c.en, *c.aliases):
            names[_norm(name)] = c
    texts = [("" if h is None else str(h)).strip() for h in header]
    if not any(texts):
        raise ValidationError(t("{p} 第一行应为列名（如 {e}）。", "The first row of {p} must name the columns ({e}, ...).",
                                p=path, e=t("、", ", ").join(c.name for c in columns[:3])))
    matched: list[Column | None] = []
    seen: dict[str, list[str]] = {}
    unknown = []
    for text in texts:
        column = names.get(_norm(text)) if text else None
        if text and column is None:
            unknown.append(text)
        if column is not None:
            seen.setdefault(column.key, []).append(text)
        matched.append(column)
    sep = t("、", ", ")
    problems = []
    missing = [c.name for c in columns if c.required and c.key not in seen]
    if missing:
        problems.append(t("缺少必需的列：{c}", "required columns missing: {c}", c=sep.join(missing)))
    if unknown:
        problems.append(t("无法识别的列：{c}", "unknown columns: {c}", c=sep.join(unknown)))
    duplicated = [" = ".join(texts) for texts in seen.values() if len(texts) > 1]
    if duplicated:
        problems.append(t("重复的列：{c}", "duplicated columns: {c}", c=sep.join(duplicated)))
    if problems:
        known = sep.join(c.name for c in columns)
        raise ValidationError(t("{p} 的列不正确（{d}）。可用的列：{all}", "{p} has wrong columns ({d}). Known columns: {all}",
                                p=path, d="；".join(problems) if language() != "en" else "; ".join(problems), all=known),
                              details=problems)
    return matched


def _sheet(path: Path, columns: Sequence[Column], records: Iterable[tuple[int, list[tuple[int, Any]]]],
           max_rows: int | None) -> Sheet:
    """records: (row number, [(column index from 0, CSV text or xlsx Cell), ...]), header first."""
    it = iter(records)
    first = next(it, None)
    if first is None:
        raise ValidationError(t("文件 {p} 是空的。", "The file {p} is empty.", p=path))
    _, sparse = first
    header: list[Any] = [None] * (max((i for i, _ in sparse), default=-1) + 1)
    for i, value in sparse:
        header[i] = value.value if isinstance(value, Cell) else value
    matched = _match_headers(path, header, columns)
    headers = {c.key: (str(header[i]).strip(), i + 1) for i, c in enumerate(matched) if c is not None}
    rows: list[SheetRow] = []
    for number, cells in it:
        if all(_blank(v) for _, v in cells):
            continue  # blank lines at the end of a sheet are common
        if max_rows is not None and len(rows) >= max_rows:
            raise ValidationError(t("{p} 的行数超过上限 {m}；请拆分文件。", "{p} has more than {m} rows; split the file.",
                                    p=path, m=max_rows))
        row = SheetRow(number, {})
        for i, value in cells:
            column = matched[i] if i < len(matched) else None
            if column is None:
                if not _blank(value):
                    row.problems.setdefault("", t("{c} 列有内容，但这一列没有列名。",
                                                  "column {c} has a value but no header.", c=column_letter(i + 1)))
                continue
            try:
                converted = _convert(column.kind, value)
            except _Bad as bad:
                row.problems[column.key] = bad.message
                continue
            if converted is not None:
                row.values[column.key] = converted
        rows.append(row)
    return Sheet(path, rows, {c.key: c for c in columns}, headers)


def _blank(value: Any) -> bool:
    if isinstance(value, Cell):
        return value.blank
    return value is None or (isinstance(value, str) and not value.strip())


# -- cells ----------------------------------------------------------------------------------------

class _Bad(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _convert(kind: str, value: Any) -> Any:
    """A CSV text or an .xlsx Cell as the column's kind (None when empty)."""
    if isinstance(value, Cell):
        if value.problem:
            raise _Bad(value.problem)
        if value.blank:
            return None
        if not isinstance(value.value, str):
            return _from_typed(kind, value)
        value = value.value
    if value is None:
        return None
    text = unguard(_shared_rules(str(value)))
    if not text.strip():
        return None
    return _from_text(kind, text)


def _shared_rules(text: str) -> str:
    """The core's text rules (app/core/fields.py), for every cell of every table: NUL and invalid
    Unicode refused, terminal control sequences and control characters removed."""
    problem = text_problem(text)
    if problem:
        raise _Bad(problem)
    return clean_text(text)


def _from_text(kind: str, text: str) -> Any:
    if kind in ("text", "number"):
        return text
    if kind == "code":
        return text.strip()
    if kind in ("lines", "code_lines"):
        if text.lstrip().startswith("["):
            try:
                parsed = json.loads(text)
            except json.JSONDecodeError:
                parsed = None
            if isinstance(parsed, list):
                return [str(v).strip() for v in parsed if str(v).strip()]
        return [line.strip() for line in text.splitlines() if line.strip()]
    if kind == "json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise _Bad(t("不是有效的 JSON（第 {c} 个字符：{m}）。", "not valid JSON (character {c}: {m}).",
                         c=exc.pos + 1, m=exc.msg)) from None
    if kind == "bool":
        word = unicodedata.normalize("NFKC", text).strip().casefold()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise _Bad(t("应为“是”或“否”（true/false），而不是“{v}”。", "must be yes or no (true/false), not '{v}'.",
                     v=text.strip()[:40]))
    return parse_when(text, kind)


def _from_typed(kind: str, cell: Cell) -> Any:
    """A number, boolean or date cell of .xlsx."""
    value = cell.value
    if isinstance(value, bool):
        if kind == "bool":
            return value
        if kind in ("number", "date", "datetime"):
            raise _Bad(_wrong_cell(kind, cell))
        return _from_text(kind, cell.display)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        if kind == "datetime" and not isinstance(value, dt.time):
            moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
            return moment.replace(tzinfo=dt.timezone.utc)
        if kind == "date" and not isinstance(value, dt.time):
            return value.date() if isinstance(value, dt.datetime) else value
        if kind in ("number", "bool", "date", "datetime"):
            raise _Bad(_wrong_cell(kind, cell))
        return _from_text(kind, cell.display)
    # a number
    if kind == "number":
        return value
    if kind == "bool" and value in (0, 1):
        return bool(value)
    if kind in ("bool", "date", "datetime"):
        raise _Bad(_wrong_cell(kind, cell))
    return _from_text(kind, cell.display)


def _wrong_cell(kind: str, cell: Cell) -> str:
    want = {"number": t("数字", "a number"), "bool": t("“是”或“否”", "yes or no"),
            "date": t("日期", "a date"), "datetime": t("日期时间", "a date and time")}[kind]
    return t("单元格 {ref} 的值是“{v}”，应为{w}。", "cell {ref} holds '{v}', which is not {w}.",
             ref=cell.ref, v=cell.display[:40], w=want)


def _from_json(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind in ("text", "code"):
        if not isinstance(value, str):
            raise _Bad(t("应为文字。", "must be text."))
        value = _shared_rules(value)
        return value if kind == "text" else value.strip()
    if kind in ("lines", "code_lines"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise _Bad(t("应为文字列表。", "must be a list of texts."))
        return [v for v in (_shared_rules(v).strip() for v in value) if v]
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise _Bad(t("应为数字。", "must be a number."))
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            raise _Bad(t("应为 true 或 false（不带引号），而不是 {v}。", "must be true or false (no quotes), not {v}.",
                         v=json.dumps(value, ensure_ascii=False)[:40]))
        return value
    if kind in ("date", "datetime"):
        if not isinstance(value, str):
            raise _Bad(t("应为日期文字，例如 2024-05-01。", "must be a date as text, e.g. 2024-05-01."))
        return parse_when(value, kind) if value.strip() else None
    return value  # json


_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?"
                   r"(?:(?:\s+|\s*T\s*)(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(?:(\d{1,2}(?:\.\d+)?)\s*秒?)?)?)?")


def parse_when(text: str, kind: str = "datetime") -> dt.date | dt.datetime:
    """A date ("date") or an aware datetime ("datetime", UTC when no offset is given) from the forms
    people type: ISO 8601, 2023/11/20, 2023.11.20, 2024年3月15日, each with an optional time."""
    raw = unicodedata.normalize("NFKC", text).strip()
    moment: dt.datetime | None = None
    try:
        moment = dt.datetime.fromisoformat(raw.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        match = _DATE.fullmatch(raw)
        if match:
            y, mo, d, h, mi, s = match.groups()
            seconds = float(s or 0)
            try:
                moment = dt.datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(seconds),
                                     round((seconds % 1) * 1_000_000))
            except ValueError:
                moment = None
    if moment is None:
        example = t("2024-05-01、2024/5/1 或 2024年5月1日", "2024-05-01, 2024/5/1 or 2024年5月1日")
        if kind == "datetime":
            example += t("，可带时间（2024-05-01 09:30）", " with an optional time (2024-05-01 09:30)")
        raise _Bad(t("“{v}”不是日期，请写成 {e}。", "'{v}' is not a date; write {e}.", v=text.strip()[:40], e=example))
    if kind == "date":
        return moment.date()
    return moment.replace(tzinfo=dt.timezone.utc) if moment.tzinfo is None else moment.astimezone(dt.timezone.utc)


# -- CSV ------------------------------------------------------------------------------------------

def _decode(raw: bytes, path: Path) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(t("{p} 的编码无法识别：请另存为“CSV UTF-8”。",
                            "Cannot tell the encoding of {p}: save it as 'CSV UTF-8'.", p=path))


def _csv_records(path: Path) -> list[tuple[int, list[tuple[int, str]]]]:
    text = _decode(path.read_bytes(), path)
    csv.field_size_limit(MAX_CELL)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        # reader.line_num counts physical lines; a spreadsheet user thinks in records, header = row 1.
        return [(n, list(enumerate(record))) for n, record in enumerate(reader, start=1)]
    except csv.Error as exc:
        raise ValidationError(t("{p} 第 {n} 行无法解析：{e}（单元格最多 {m} 个字符）。",
                                "Cannot parse line {n} of {p}: {e} (cells hold at most {m} characters).",
                                p=path, n=reader.line_num, e=exc, m=MAX_CELL)) from None


__all__ = ["Column", "Sheet", "SheetRow", "Limits", "read_sheet", "json_rows", "check_file", "parse_when",
           "unguard", "guard_csv", "guard_xlsx", "column_letter", "KINDS"]
