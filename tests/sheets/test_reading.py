"""The sheet reader (app/core/sheets.py): cells as office suites store them, checked before parsing."""
from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from openpyxl import Workbook

from app.core.errors import ValidationError
from app.core.sheets import Limits, parse_when, read_sheet
from app.core.transfer_files import COLUMNS
from tests.sheets.office import FIXTURES, SOFFICE, convert

UTC = dt.timezone.utc


def _typed_workbooks(tmp_path):
    """typed.csv as LibreOffice saved it (kept), and made afresh where LibreOffice is installed."""
    yield FIXTURES / "typed.xlsx"
    if SOFFICE:
        yield convert(FIXTURES / "typed.csv", tmp_path)


def test_a_workbook_saved_by_an_office_suite_reads_as_the_person_typed_it(tmp_path):
    for path in _typed_workbooks(tmp_path):
        rows = read_sheet(path, COLUMNS).rows
        first, second, third = (r.values for r in rows)
        # Formulas by their saved values, never their text.
        assert first["title"] == "10kV配电线路故障指示器改造"
        assert first["expected_benefit"] == 12000
        # Employee numbers stored as numbers come back as text; a one-person list is a list.
        assert first["co_authors"] == ["3100002"] and first["proposer"] == "3100005"
        assert second["co_authors"] == ["3100002", "3100006"]
        # Dates typed in the usual Chinese forms, as date cells, into date fields.
        assert first["created_at"] == dt.datetime(2023, 11, 20, tzinfo=UTC)
        assert first["submitted_at"] == dt.datetime(2024, 3, 15, tzinfo=UTC)
        assert second["submitted_at"] == dt.datetime(2024, 5, 1, 9, 30, tzinfo=UTC)
        # A date cell and a phone-like number in text fields: the text the cell shows.
        assert first["background"] == "2024-05-01" and second["background"] == "13800138000"
        assert (first["kiosk"], second["kiosk"]) == (True, False)
        # The guard apostrophe of a would-be formula is not part of the value.
        assert third["title"] == '=HYPERLINK("x")' and third["background"] == "+1 不是公式"
        # An error value is a problem naming the cell, not a value.
        assert rows[1].problems == {"benefit_basis": "单元格 L3 是错误值 #DIV/0!，请先在表格软件中改正。"}


def test_a_formula_without_a_saved_value_is_refused_naming_the_cell(tmp_path):
    wb = Workbook()  # openpyxl writes formulas without results, as any program does
    wb.active.append(["标题", "分类", "投入"])
    wb.active.append(["灯", "小发明", "=1000*12"])
    wb.save(tmp_path / "f.xlsx")
    row = read_sheet(tmp_path / "f.xlsx", COLUMNS).rows[0]
    assert "investment" not in row.values
    assert row.problems["investment"].startswith("单元格 C2 是公式 =1000*12，但文件里没有保存它的计算结果")


def test_number_and_date_cells_of_a_program_written_workbook(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["标题", "分类", "提出人工号", "背景", "创建时间", "自助终端提交"])
    ws.append([2024, "小发明", 12345, dt.datetime(2024, 5, 1, 9, 30), dt.date(2024, 3, 15), 1])
    ws["C2"].number_format = "0000000"  # how a suite keeps the zeros of a number typed as 0012345
    ws["D2"].number_format = 'yyyy"年"m"月"d"日" hh:mm'
    ws.append(["x", "小发明", 3100002.0, 0.25, "2024-05-01T09:30:00+08:00", "是"])
    ws["D3"].number_format = "0%"
    wb.save(tmp_path / "n.xlsx")
    one, two = (r.values for r in read_sheet(tmp_path / "n.xlsx", COLUMNS).rows)
    assert one == {"title": "2024", "category": "小发明", "proposer": "0012345", "background": "2024年5月1日 09:30",
                   "created_at": dt.datetime(2024, 3, 15, tzinfo=UTC), "kiosk": True}
    assert two["proposer"] == "3100002" and two["background"] == "25%" and two["kiosk"] is True
    assert two["created_at"] == dt.datetime(2024, 5, 1, 1, 30, tzinfo=UTC)


@pytest.mark.parametrize("text, expected", [
    ("2024-05-01", dt.date(2024, 5, 1)), ("2023/11/20", dt.date(2023, 11, 20)), ("2023.1.2", dt.date(2023, 1, 2)),
    ("2024年3月15日", dt.date(2024, 3, 15)), ("２０２４年３月１５日", dt.date(2024, 3, 15)),
    (" 2024-5-1 ", dt.date(2024, 5, 1)),
])
def test_date_forms(text, expected):
    assert parse_when(text, "date") == expected
    assert parse_when(text).date() == expected


def test_times_and_offsets():
    assert parse_when("2024/5/1 9:30") == dt.datetime(2024, 5, 1, 9, 30, tzinfo=UTC)
    assert parse_when("2024年5月1日 9时30分") == dt.datetime(2024, 5, 1, 9, 30, tzinfo=UTC)
    assert parse_when("2024-05-01T09:30:00+08:00") == dt.datetime(2024, 5, 1, 1, 30, tzinfo=UTC)
    assert parse_when("2024-05-01T09:30:00Z") == dt.datetime(2024, 5, 1, 9, 30, tzinfo=UTC)


def _csv(tmp_path, text, name="t.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("value", ["2024-13-01", "2024/2/30", "昨天", "5月1日", "2024"])
def test_what_is_not_a_date_is_a_row_problem(tmp_path, value):
    row = read_sheet(_csv(tmp_path, f"标题,分类,创建时间\n灯,小发明,{value}\n"), COLUMNS).rows[0]
    assert "created_at" not in row.values and "不是日期" in row.problems["created_at"]


def test_booleans_are_strict(tmp_path):
    rows = read_sheet(_csv(tmp_path, "title,category,kiosk\na,小发明,是\nb,小发明,FALSE\nc,小发明,maybe\n"),
                      COLUMNS).rows
    assert [r.values.get("kiosk") for r in rows] == [True, False, None]
    assert rows[2].problems["kiosk"] == "应为“是”或“否”（true/false），而不是“maybe”。"


def test_headers_in_chinese_english_or_keys_and_labels_as_the_sheet_names_them(tmp_path):
    sheet = read_sheet(_csv(tmp_path, "Title ,分类＊,co_authors,Proposer,实测 经济效益\n灯,小发明,1,2,3\n"), COLUMNS)
    assert sheet.rows[0].values == {"title": "灯", "category": "小发明", "co_authors": ["1"], "proposer": "2",
                                    "measured_benefit": "3"}
    assert sheet.label("co_authors") == "co_authors（C 列）"
    assert sheet.label("category") == "分类＊（B 列）"
    assert sheet.label("status") == "状态"  # not in the sheet: the vocabulary's name


@pytest.mark.parametrize("header, message", [
    ("名称,分类", "缺少必需的列：标题；无法识别的列：名称"),
    ("标题,title,分类", "重复的列：标题 = title"),
    (",,", "第一行应为列名"),
])
def test_wrong_headers_are_refused_at_once(tmp_path, header, message):
    with pytest.raises(ValidationError) as caught:
        read_sheet(_csv(tmp_path, header + "\n灯,小发明,\n"), COLUMNS)
    assert message in caught.value.message


def test_a_value_under_no_header_is_not_dropped_silently(tmp_path):
    row = read_sheet(_csv(tmp_path, "标题,分类,,\n灯,小发明,,遗漏的内容\n"), COLUMNS).rows[0]
    assert row.problems == {"": "D 列有内容，但这一列没有列名。"}


def test_max_rows(tmp_path):
    path = _csv(tmp_path, "标题,分类\n" + "灯,小发明\n" * 5)
    assert len(read_sheet(path, COLUMNS, max_rows=5).rows) == 5
    with pytest.raises(ValidationError, match="行数超过上限 4"):
        read_sheet(path, COLUMNS, max_rows=4)


# -- the checks before an .xlsx is parsed ---------------------------------------------------------

def _zip(path, parts):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def _sheet_xml(rows: int, cols: int = 1, pad: int = 0) -> bytes:
    body = io.StringIO()
    body.write('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
    body.write('<row r="1"><c r="A1" t="inlineStr"><is><t>标题</t></is></c><c r="B1" t="inlineStr"><is><t>分类</t>'
               '</is></c></row>')
    for r in range(2, rows + 2):
        body.write(f'<row r="{r}">' + "".join(f'<c r="{chr(65 + c)}{r}"><v>1</v></c>' for c in range(cols))
                   + " " * pad + "</row>")
    body.write("</sheetData></worksheet>")
    return body.getvalue().encode()


def _book(path, sheet: bytes, extra: dict | None = None):
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    return _zip(path, {
        "[Content_Types].xml": "<Types/>",
        "_rels/.rels": f'<Relationships><Relationship Id="r1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
                       "</Relationships>",
        "xl/workbook.xml": f'<workbook {ns} xmlns:r="{rel}"><sheets><sheet name="s" sheetId="1" r:id="rId1"/>'
                           "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": f'<Relationships><Relationship Id="rId1" Type="{rel}/worksheet" '
                                      'Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet, **(extra or {})})


def test_a_hand_made_minimal_workbook_reads(tmp_path):
    rows = read_sheet(_book(tmp_path / "m.xlsx", _sheet_xml(3, 2)), COLUMNS).rows
    assert [r.values for r in rows] == [{"title": "1", "category": "1"}] * 3


def test_a_zip_bomb_is_refused_before_parsing(tmp_path):
    # 2 MB of sheet in a ~10 KB file against a 1 MB limit: the same check that refuses a 1.5 GiB sheet
    # (bench/bench_xlsx_bomb.py measures that one: time and memory).
    bomb = _book(tmp_path / "bomb.xlsx", _sheet_xml(10, pad=200_000))
    assert bomb.stat().st_size < 20_000
    with pytest.raises(ValidationError, match="太大（解压后 1 MB，最多 1 MB）"):
        read_sheet(bomb, COLUMNS, limits=Limits(uncompressed=2**20))
    assert len(read_sheet(bomb, COLUMNS).rows) == 10  # within the default limits it is an ordinary file


def test_too_many_cells_are_refused_before_parsing(tmp_path):
    path = _book(tmp_path / "cells.xlsx", _sheet_xml(600, 2))
    with pytest.raises(ValidationError, match="超过 1000 个单元格"):
        read_sheet(path, COLUMNS, limits=Limits(cells=1000))
    assert len(read_sheet(path, COLUMNS, limits=Limits(cells=1202)).rows) == 600


def test_a_part_that_lies_about_its_size_is_damaged(tmp_path):
    path = _book(tmp_path / "lie.xlsx", _sheet_xml(50))
    data = bytearray(path.read_bytes())
    # Shrink the size the central directory declares: reading stops there and the CRC check fails.
    name = b"xl/worksheets/sheet1.xml"
    pos = data.find(b"PK\x01\x02")
    while pos != -1:
        if data[pos + 46:pos + 46 + int.from_bytes(data[pos + 28:pos + 30], "little")] == name:
            data[pos + 24:pos + 28] = (100).to_bytes(4, "little")
        pos = data.find(b"PK\x01\x02", pos + 4)
    path.write_bytes(bytes(data))
    with pytest.raises(ValidationError, match="已损坏"):
        read_sheet(path, COLUMNS)


def test_a_dtd_is_refused(tmp_path):
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
              + _sheet_xml(1).replace(b"<t>\xe6\xa0\x87\xe9\xa2\x98</t>", b"<t>&lol2;</t>"))
    with pytest.raises(ValidationError, match="DTD"):
        read_sheet(_book(tmp_path / "dtd.xlsx", laughs), COLUMNS)


@pytest.mark.parametrize("data, message", [
    (b"PK\x03\x04 not really a zip", "不是有效的 Excel"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "旧的 .xls"),  # an old .xls saved as .xlsx
])
def test_not_a_workbook(tmp_path, data, message):
    (tmp_path / "x.xlsx").write_bytes(data)
    with pytest.raises(ValidationError, match=message):
        read_sheet(tmp_path / "x.xlsx", COLUMNS)


def test_a_workbook_without_its_parts_is_damaged(tmp_path):
    with pytest.raises(ValidationError, match="已损坏"):
        read_sheet(_zip(tmp_path / "e.xlsx", {"a.txt": "x"}), COLUMNS)


def test_the_core_text_rules_apply_to_every_cell(tmp_path):
    """NUL refused and terminal control sequences removed, as in forms (app/core/fields.py)."""
    path = _csv(tmp_path, "标题,分类,合作者工号\n\"坏\x00标题\",小发明,W1\n\"\x1b[31m红\x1b[0m色\",小发明,\"W2\x07\"\n")
    bad, coloured = read_sheet(path, COLUMNS).rows
    assert "title" not in bad.values and "NUL" in bad.problems["title"]
    assert coloured.values["title"] == "红色" and coloured.values["co_authors"] == ["W2"] and not coloured.problems


def test_a_broken_compressed_stream_is_one_clear_line(tmp_path):
    """Found by the fuzz test: a worksheet whose deflate data is garbage raised zlib.error."""
    good = tmp_path / "good.xlsx"
    wb = Workbook()
    wb.active.append(["标题", "分类"])
    wb.active.append(["绝缘杆改进", "小发明"])
    wb.save(good)
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    assert info.compress_type == zipfile.ZIP_DEFLATED
    # The member's data starts after its 30-byte local header, name and extra field.
    name_len = int.from_bytes(data[info.header_offset + 26:info.header_offset + 28], "little")
    extra_len = int.from_bytes(data[info.header_offset + 28:info.header_offset + 30], "little")
    start = info.header_offset + 30 + name_len + extra_len
    data[start:start + 4] = b"\xff\xff\xff\xff"  # an invalid deflate block type
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(bytes(data))
    with pytest.raises(ValidationError, match="已损坏"):
        read_sheet(bad, COLUMNS)
