"""Any input to the json/csv/xlsx readers gives rows or one clear line (issue 14 item 11).

A short run here; `make soak` runs the same properties with many more examples.
"""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.errors import ValidationError
from app.core.transfer_files import read_rows
from tests.sheets.test_reading import _book

SHORT = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
LONG = settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

HEADERS = st.sampled_from(["标题", "title", "分类", "category", "合作者工号", "自助终端提交", "创建时间", "预期经济效益",
                           "专利", "", "x", "标题*"])
CELLS = st.one_of(st.text(max_size=30), st.sampled_from(["=1+1", "'=x", "2024年3月15日", "2023/11/20", "TRUE", "是",
                                                         "0012", "1/2", "[1, 2]", "[{\"a\": 1}]", "#N/A", "\x00",
                                                         "\ud800", "1.2万"]))
JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(
                        ["title", "category", "kiosk", "co_authors", "created_at", "patents", "x"]), inner, max_size=5),
                    max_leaves=20)


def _read(path: Path) -> None:
    try:
        sheet = read_rows(path)
    except ValidationError as exc:
        assert exc.message and "\n" not in exc.message and "Traceback" not in exc.message
        return
    for row in sheet.rows:
        assert isinstance(row.number, int) and isinstance(row.values, dict)
        assert all(isinstance(m, str) and m for m in row.problems.values())
        for key in row.problems:
            assert sheet.label(key) is not None


def _check_bytes(tmp_path: Path, suffix: str, data: bytes) -> None:
    path = tmp_path / f"in{suffix}"
    path.write_bytes(data)
    _read(path)


def _check_csv(tmp_path, header, rows, encoding):
    out = io.StringIO()
    import csv
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    errors = "surrogatepass" if encoding.startswith("utf-8") else "replace"
    _check_bytes(tmp_path, ".csv", out.getvalue().encode(encoding, errors))


def _check_sheet_xml(tmp_path, cells):
    body = "".join(f'<row r="{r}">' + "".join(
        f'<c r="{chr(65 + i)}{r}"{f" t={kind!r}" if kind else ""}{f" s={style!r}" if style else ""}>'
        + (f"<f>{formula}</f>" if formula else "") + (f"<v>{value}</v>" if value is not None else "") + "</c>"
        for i, (kind, style, formula, value) in enumerate(row)) + "</row>" for r, row in enumerate(cells, start=1))
    sheet = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             + body + "</sheetData></worksheet>").encode("utf-8", "surrogatepass")
    _read(_book(tmp_path / "f.xlsx", sheet))


XML_CELL = st.tuples(st.sampled_from([None, "s", "str", "b", "e", "n", "d", "inlineStr", "bogus"]),
                     st.sampled_from([None, "0", "1", "99", "-1", "x"]),
                     st.sampled_from([None, "", "1+1", "A1&amp;B1"]),
                     st.one_of(st.none(), st.sampled_from(["0", "1", "1.5", "45000", "-3", "1e308", "#N/A", "abc",
                                                           "2024-05-01T00:00:00", "&lt;b&gt;"])))


def _mutations(tmp_path: Path):
    """A real workbook, the app's export, to flip bytes in and cut short."""
    from app.core.transfer_files import write_rows
    path = tmp_path / "base.xlsx"
    write_rows(path, [{"title": "灯", "category": "invention", "co_authors": ["3100002"], "kiosk": True}])
    return path.read_bytes()


def _run_all(tmp_path, budget):
    @budget
    @given(st.binary(max_size=400), st.sampled_from([".json", ".csv", ".xlsx"]))
    def raw_bytes(data, suffix):
        _check_bytes(tmp_path, suffix, data)

    @budget
    @given(JSON)
    def json_values(value):
        _check_bytes(tmp_path, ".json", json.dumps(value).encode())

    @budget
    @given(st.lists(HEADERS, min_size=1, max_size=6), st.lists(st.lists(CELLS, max_size=7), max_size=4),
           st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
    def csv_tables(header, rows, encoding):
        _check_csv(tmp_path, header, rows, encoding)

    @budget
    @given(st.lists(st.lists(XML_CELL, min_size=1, max_size=4), min_size=1, max_size=4))
    def xlsx_cells(cells):
        _check_sheet_xml(tmp_path, cells)

    base = _mutations(tmp_path)

    @budget
    @given(st.lists(st.tuples(st.integers(0, len(base) - 1), st.integers(0, 255)), max_size=8),
           st.integers(1, len(base)))
    def xlsx_damaged(flips, keep):
        data = bytearray(base)
        for at, value in flips:
            data[at] = value
        _check_bytes(tmp_path, ".xlsx", bytes(data[:keep]))

    for prop in (raw_bytes, json_values, csv_tables, xlsx_cells, xlsx_damaged):
        prop()


def test_readers_give_rows_or_one_line(tmp_path):
    _run_all(tmp_path, SHORT)


@pytest.mark.soak
def test_readers_give_rows_or_one_line_soak(tmp_path):
    _run_all(tmp_path, LONG)


def test_the_base_workbook_is_valid(tmp_path):
    with zipfile.ZipFile(io.BytesIO(_mutations(tmp_path))) as z:
        assert "xl/worksheets/sheet1.xml" in z.namelist()
