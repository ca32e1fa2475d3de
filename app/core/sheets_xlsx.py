"""The first worksheet of an .xlsx file as the office suite saved it, checked before it is parsed.

Why not openpyxl's reader: it returns either a formula's text or its saved value, never both in
one pass, so a formula that has no saved value (a file written by a program and never opened in a
suite) cannot be told from an empty cell; and its read-only mode pads every row to the width the
file claims (up to 16,384 columns). This module streams the sheet with ElementTree instead, and
uses openpyxl's public helpers for what they do well (number formats, Excel's date serials).

Before anything is parsed the archive is checked (`Limits`): its uncompressed size, the number of
parts and of cells (counted in a byte scan of the worksheets), and no part may carry a DTD (entity
expansion). A 1.5 MB file that unpacks to 1.5 GiB is refused in milliseconds.
"""
from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import Element, ParseError, iterparse

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel, from_ISO8601

from app.core.errors import ValidationError
from app.core.i18n import t

CHUNK = 4 * 1024 * 1024


@dataclass(frozen=True)
class Limits:
    uncompressed: int = 512 * 1024 * 1024   # all parts together, as for a CSV file
    cells: int = 6_000_000                  # 200,000 rows of 30 columns
    parts: int = 10_000


@dataclass(frozen=True)
class Cell:
    ref: str                    # "C5"
    value: Any                  # str, int, float, bool, datetime, date or time; None when empty
    display: str = ""           # the text the suite shows for it
    problem: str | None = None  # a formula without a saved value, an error value such as #N/A

    @property
    def blank(self) -> bool:
        return self.problem is None and (self.value is None or (isinstance(self.value, str) and not self.value.strip()))


def read_xlsx(path: Path, limits: Limits, sheet: str | None = None) -> Iterator[tuple[int, list[tuple[int, Cell]]]]:
    """(row number, [(column index from 0, Cell), ...]) for each row of the first worksheet (or the
    one named `sheet`) that has cells. Raises ValidationError for a damaged, oversized or unsafe file."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise _not_xlsx(path, exc) from None
    with archive:
        try:
            check_archive(path, archive, limits)
            book = _Book(archive, sheet)
            yield from _rows(archive, book)
        except (zipfile.BadZipFile, zlib.error, ParseError, KeyError, ValueError, IndexError, OSError, EOFError,
                NotImplementedError, RuntimeError) as exc:  # RuntimeError: an encrypted part
            raise ValidationError(t("{p} 已损坏，无法读取（{e}）。请在表格软件中打开并另存为 .xlsx 后重试。",
                                    "{p} is damaged and cannot be read ({e}). Open it in a spreadsheet program and "
                                    "save it as .xlsx again.", p=path, e=str(exc)[:200] or type(exc).__name__)) from None


def _not_xlsx(path: Path, exc: Exception) -> ValidationError:
    return ValidationError(t("{p} 不是有效的 Excel (.xlsx) 文件（{e}）。旧的 .xls 或 WPS 的 .et 文件请先另存为 .xlsx。",
                             "{p} is not a valid Excel (.xlsx) file ({e}). Save an old .xls or a WPS .et file as "
                             ".xlsx first.", p=path, e=str(exc) or type(exc).__name__))


# -- the check before parsing -------------------------------------------------------------------

_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.I)


def check_archive(path: Path, archive: zipfile.ZipFile, limits: Limits) -> None:
    infos = archive.infolist()
    if len(infos) > limits.parts:
        raise _too_big(path, t("{n} 个部件", "{n} parts", n=len(infos)))
    total = sum(i.file_size for i in infos)
    if total > limits.uncompressed:
        raise _too_big(path, t("解压后 {n} MB，最多 {m} MB", "{n} MB unpacked, at most {m} MB",
                               n=total // 2**20, m=limits.uncompressed // 2**20))
    cells = 0
    for info in infos:
        name = info.filename.lower()
        if not name.endswith((".xml", ".rels")):
            continue
        sheet = name.startswith("xl/worksheets/")
        with archive.open(info) as part:  # reads at most file_size bytes; a lying size fails its CRC
            tail = b""
            head = True
            while True:
                chunk = part.read(CHUNK)
                if not chunk:
                    break
                if head and _DTD.search(chunk[:65536]):
                    raise ValidationError(t("{p} 含有 XML 文档类型声明（DTD），为安全起见拒绝读取。",
                                            "{p} contains an XML document type declaration (DTD); refused for safety.",
                                            p=path))
                head = False
                if not sheet:
                    continue
                buffer = tail + chunk
                # Count matches that end in the new chunk: those wholly in the tail were counted before.
                cells += sum(1 for m in _CELL_TAG.finditer(buffer) if m.end() > len(tail))
                if cells > limits.cells:
                    raise _too_big(path, t("超过 {m} 个单元格", "more than {m} cells", m=limits.cells))
                tail = buffer[-64:]


def _too_big(path: Path, what: str) -> ValidationError:
    return ValidationError(t("{p} 太大（{w}），拒绝读取。请把数据分成几个文件。",
                             "{p} is too large ({w}); refused. Split the data into several files.", p=path, w=what))


# -- workbook, shared strings, styles -----------------------------------------------------------

def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attr(el: Element, name: str) -> str | None:
    """An attribute by its local name (r:id and the like carry a namespace)."""
    for key, value in el.attrib.items():
        if _local(key) == name:
            return value
    return None


def _tree(archive: zipfile.ZipFile, name: str) -> Element | None:
    try:
        with archive.open(name) as fh:
            root = None
            for _, el in iterparse(fh, events=("end",)):
                root = el
            return root
    except KeyError:
        return None


_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _text(el: Element) -> str:
    """The text of a string item: its <t>, or its runs' <t>; phonetic hints (<rPh>) left out."""
    parts = []
    for child in el:
        tag = _local(child.tag)
        if tag == "t":
            parts.append(child.text or "")
        elif tag == "r":
            parts.extend(g.text or "" for g in child if _local(g.tag) == "t")
    # Excel writes control characters as _xHHHH_ (and a literal "_x" as _x005F_x).
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), "".join(parts))


def sheet_names(path: Path, limits: Limits) -> list[str]:
    """The names of the workbook's worksheets, in their order (a workbook holding several tables)."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise _not_xlsx(path, exc) from None
    with archive:
        try:
            check_archive(path, archive, limits)
            return [name for name, _ in _Book(archive).sheets]
        except (zipfile.BadZipFile, zlib.error, ParseError, KeyError, ValueError, IndexError, OSError, EOFError,
                NotImplementedError, RuntimeError) as exc:
            raise ValidationError(t("{p} 已损坏，无法读取（{e}）。请在表格软件中打开并另存为 .xlsx 后重试。",
                                    "{p} is damaged and cannot be read ({e}). Open it in a spreadsheet program and "
                                    "save it as .xlsx again.", p=path, e=str(exc)[:200] or type(exc).__name__)) from None


class _Book:
    def __init__(self, archive: zipfile.ZipFile, sheet: str | None = None) -> None:
        book_name = "xl/workbook.xml"
        root_rels = _tree(archive, "_rels/.rels")
        for rel in root_rels if root_rels is not None else ():
            if (_attr(rel, "Type") or "").endswith("/officeDocument"):
                book_name = (_attr(rel, "Target") or book_name).lstrip("/")
        book = _tree(archive, book_name)
        if book is None:
            raise KeyError(book_name)
        base = posixpath.dirname(book_name)
        rels = _tree(archive, posixpath.join(base, "_rels", posixpath.basename(book_name) + ".rels"))
        targets = {}
        for rel in rels if rels is not None else ():
            if (_attr(rel, "Type") or "").endswith("/worksheet"):
                target = _attr(rel, "Target") or ""
                targets[_attr(rel, "Id")] = target.lstrip("/") if target.startswith("/") else \
                    posixpath.normpath(posixpath.join(base, target))
        self.epoch = WINDOWS_EPOCH
        self.sheets: list[tuple[str, str]] = []  # (name, part) of each worksheet, in order
        for el in book.iter():
            tag = _local(el.tag)
            if tag == "workbookPr" and (_attr(el, "date1904") or "").lower() in ("1", "true"):
                self.epoch = MAC_EPOCH
            elif tag == "sheet" and _attr(el, "id") in targets:
                self.sheets.append((_attr(el, "name") or "", targets[_attr(el, "id")]))
        if not self.sheets:
            raise ValidationError(t("文件中没有工作表。", "The file has no worksheet."))
        chosen = self.sheets[0][1] if sheet is None else next((part for name, part in self.sheets if name == sheet),
                                                              None)
        if chosen is None:
            raise ValidationError(t("文件中没有名为“{s}”的工作表。", "The file has no worksheet named '{s}'.", s=sheet))
        self.sheet: str = chosen
        self.strings = self._strings(archive, base)
        self.formats = self._formats(archive, base)

    @staticmethod
    def _strings(archive: zipfile.ZipFile, base: str) -> list[str]:
        name = posixpath.join(base, "sharedStrings.xml")
        if name not in archive.namelist():
            return []
        out = []
        with archive.open(name) as fh:
            for _, el in iterparse(fh, events=("end",)):
                if _local(el.tag) == "si":
                    out.append(_text(el))
                    el.clear()
        return out

    @staticmethod
    def _formats(archive: zipfile.ZipFile, base: str) -> list[str]:
        """The number format of each cell style (the s="..." of a cell)."""
        styles = _tree(archive, posixpath.join(base, "styles.xml"))
        if styles is None:
            return []
        custom = {}
        formats = []
        for el in styles:
            if _local(el.tag) == "numFmts":
                for fmt in el:
                    custom[int(_attr(fmt, "numFmtId") or 0)] = _attr(fmt, "formatCode") or "General"
            elif _local(el.tag) == "cellXfs":
                for xf in el:
                    number = int(_attr(xf, "numFmtId") or 0)
                    formats.append(custom.get(number) or BUILTIN_FORMATS.get(number, "General"))
        return formats


# -- the sheet ------------------------------------------------------------------------------------

_REF = re.compile(r"([A-Z]{1,3})(\d+)")


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index - 1


def _rows(archive: zipfile.ZipFile, book: _Book) -> Iterator[tuple[int, list[tuple[int, Cell]]]]:
    with archive.open(book.sheet) as fh:
        yield from _parse_sheet(fh, book)


def _parse_sheet(fh: IO[bytes], book: _Book) -> Iterator[tuple[int, list[tuple[int, Cell]]]]:
    row_no = 0
    cells: list[tuple[int, Cell]] = []
    column = -1
    parent: Element | None = None
    for event, el in iterparse(fh, events=("start", "end")):
        tag = _local(el.tag)
        if event == "start":
            if tag == "sheetData":
                parent = el
            elif tag == "row":
                r = _attr(el, "r")
                row_no = int(r) if r else row_no + 1
                cells, column = [], -1
            continue
        if tag == "c":
            ref = _attr(el, "r")
            match = _REF.fullmatch(ref or "")
            column = _column_index(match.group(1)) if match else column + 1
            cell = _cell(el, ref or f"{column_letter(column + 1)}{row_no}", book)
            if cell is not None:
                cells.append((column, cell))
        elif tag == "row":
            if cells:
                yield row_no, cells
            el.clear()
            if parent is not None:
                parent.remove(el)  # keep memory flat however long the sheet is


def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell(el: Element, ref: str, book: _Book) -> Cell | None:
    kind = _attr(el, "t") or "n"
    style = int(_attr(el, "s") or 0)
    formula = raw = None
    inline = None
    for child in el:
        tag = _local(child.tag)
        if tag == "f":
            formula = child.text or ""
        elif tag == "v":
            raw = child.text
        elif tag == "is":
            inline = _text(child)
    el.clear()
    if kind == "inlineStr":
        return Cell(ref, inline, inline or "")
    if raw is None:
        if formula is None:
            return None
        return Cell(ref, None, problem=t(
            "单元格 {ref} 是公式 {f}，但文件里没有保存它的计算结果（文件由程序生成，未在表格软件中保存过）。"
            "请用 WPS、Excel 或 LibreOffice 打开并保存后再导入。",
            "cell {ref} is a formula {f} without a saved result (the file was written by a program and never saved "
            "in a spreadsheet program). Open it in WPS, Excel or LibreOffice, save it, and import again.",
            ref=ref, f="=" + formula[:60] if formula else ""))
    if kind == "s":
        text = book.strings[int(raw)]
        return Cell(ref, text, text)
    if kind in ("str", "inlineStr"):
        return Cell(ref, raw, raw)
    if kind == "b":
        value = raw.strip() in ("1", "true")
        return Cell(ref, value, "TRUE" if value else "FALSE")
    if kind == "e":
        return Cell(ref, None, raw, problem=t("单元格 {ref} 是错误值 {v}，请先在表格软件中改正。",
                                             "cell {ref} holds the error value {v}; correct it in the spreadsheet first.",
                                             ref=ref, v=raw))
    if kind == "d":
        value = from_ISO8601(raw)  # type: ignore[no-untyped-call]  # types-openpyxl leaves from_ISO8601 unannotated
        return Cell(ref, value, _date_text(value, ""))
    real = float(raw)
    number: int | float = int(real) if real.is_integer() and abs(real) < 2**53 else real
    fmt = book.formats[style] if style < len(book.formats) else "General"
    if is_date_format(fmt) and not is_timedelta_format(fmt):
        try:
            moment = from_excel(number, book.epoch)
        except (OverflowError, ValueError):
            return Cell(ref, number, _number_text(number, fmt))
        return Cell(ref, moment, _date_text(moment, fmt))
    return Cell(ref, number, _number_text(number, fmt))


# -- what the suite shows -----------------------------------------------------------------------

_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def _number_text(value: int | float, fmt: str) -> str:
    """Numbers as a person reads them: 12000 (not 12000.0); zero-padded codes (format 000000) keep
    their zeros; percentages as percentages."""
    section = _QUOTED.sub("", fmt.split(";")[0]).strip()
    if section and set(section) == {"0"} and float(value).is_integer() and value >= 0:
        return str(int(value)).zfill(len(section))
    if section.endswith("%"):
        return f"{value * 100:.15g}%"
    if isinstance(value, int) or (value.is_integer() and abs(value) < 1e15):
        return str(int(value))
    return f"{value:.15g}"


_TOKENS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am/pm|a/p|.', re.I)


def _date_text(value: dt.datetime | dt.date | dt.time, fmt: str) -> str:
    """A date or time as its number format shows it (yyyy/m/d, yyyy"年"m"月"d"日", ...); ISO 8601
    where the format says nothing usable."""
    if isinstance(value, dt.time):
        value = dt.datetime.combine(dt.date(1899, 12, 30), value)
    elif not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time())
    section = fmt.split(";")[0]
    tokens = _TOKENS.findall(section)
    if not any(tok.lower()[0] in "ymdhs" for tok in tokens if not tok.startswith(('"', "\\", "["))):
        text = value.date().isoformat()
        return text + value.strftime(" %H:%M:%S") if value.time() != dt.time() else text
    fields = [i for i, tok in enumerate(tokens) if tok.lower()[0] in "ymdhs" and not tok.startswith(('"', "\\"))]
    twelve = any(tok.lower() in ("am/pm", "a/p") for tok in tokens)
    out = []
    for i, tok in enumerate(tokens):
        low = tok.lower()
        if tok.startswith('"'):
            out.append(tok[1:-1])
        elif tok.startswith("\\"):
            out.append(tok[1:])
        elif tok.startswith("["):
            continue  # locale, colour, [DBNum1] and the like
        elif low in ("yyyy", "yy"):
            out.append(str(value.year) if low == "yyyy" else f"{value.year % 100:02d}")
        elif low in ("mm", "m"):
            # m is the minute right after an hour or right before a second, the month otherwise.
            at = fields.index(i)
            before = tokens[fields[at - 1]].lower() if at > 0 else ""
            after = tokens[fields[at + 1]].lower() if at + 1 < len(fields) else ""
            number = value.minute if before.startswith("h") or after.startswith("s") else value.month
            out.append(f"{number:02d}" if low == "mm" else str(number))
        elif low in ("mmmm", "mmm"):
            out.append(value.strftime("%B" if low == "mmmm" else "%b"))
        elif low in ("dd", "d"):
            out.append(f"{value.day:02d}" if low == "dd" else str(value.day))
        elif low in ("dddd", "ddd"):
            out.append(value.strftime("%A" if low == "dddd" else "%a"))
        elif low in ("hh", "h"):
            hour = value.hour % 12 or 12 if twelve else value.hour
            out.append(f"{hour:02d}" if low == "hh" else str(hour))
        elif low in ("ss", "s"):
            out.append(f"{value.second:02d}" if low == "ss" else str(value.second))
        elif low == "am/pm":
            out.append("AM" if value.hour < 12 else "PM")
        elif low == "a/p":
            out.append("A" if value.hour < 12 else "P")
        else:
            out.append(tok)
    return "".join(out)
