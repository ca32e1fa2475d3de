"""Import and export: round trips in every format, all-or-nothing with a row report, safe cells."""
from __future__ import annotations

import csv
import json

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from app.core import demo, projects, transfer
from app.core.bank import Bank
from app.core.errors import PermissionDenied, ValidationError
from app.core.integrity import check_bank
from app.core.transfer import ImportFailed
from db.models import AuditLog, Project


# The source bank holds 66 projects; its admin exports those it may see: other people's drafts are
# private (how many of the demo's projects are drafts depends on the demo's draw: counted, not assumed).
def _visible(bank):
    with bank.session() as s:
        admin_id = bank.actor().id
        return s.scalar(select(func.count()).select_from(Project).where(
            (Project.status != "draft") | (Project.proposer_id == admin_id)))

NASTY = "=cmd|' /C calc'!A0"


def _count(bank):
    with bank.session() as s:
        return s.scalar(select(func.count()).select_from(Project))


@pytest.fixture
def source(tmp_path, clock):
    """A bank with demo projects (every status) and a few hand-made awkward ones."""
    b = Bank.open(tmp_path / "source", clock=clock)
    admin = b.actor()
    demo.generate(b, admin, 60, seed=9)
    for title in (NASTY, "+1 这不是公式", "-减号开头", "@提及开头", "'单引号开头", "普通\t标题"):
        projects.propose(b, admin, {"title": title, "category": "小建议", "background": "=1+1",
                                    "solution": "方案，含逗号, and commas", "innovation_points": ["一，二", "=SUM(A1)"],
                                    "tags": ["带,逗号", "GIS"], "expected_benefit": "1.5万", "co_authors": ["3100002"]})
    yield b
    b.close()


def _fresh(tmp_path, clock, name):
    b = Bank.open(tmp_path / name, clock=clock)
    demo.generate(b, b.actor(), 0, seed=9)  # the same organisation, no projects
    return b


def _comparable(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    for item in data:
        del item["vote_count"], item["comment_count"]  # votes and comments are not part of an import
    return data


@pytest.mark.parametrize("suffix", [".json", ".csv", ".xlsx"])
def test_export_import_export_round_trips(source, tmp_path, clock, suffix):
    first = tmp_path / f"first{suffix}"
    n = transfer.export_projects(source, source.actor(), first)
    visible = _visible(source)
    assert n == visible and 50 < visible < 66
    target = _fresh(tmp_path, clock, "target")
    try:
        report = transfer.import_projects(target, target.actor(), first)
        assert report.imported == visible and len(report.by_status) == 9
        second = tmp_path / f"second{suffix}"
        transfer.export_projects(target, target.actor(), second)
        if suffix == ".csv":
            assert first.read_bytes() == second.read_bytes()
        elif suffix == ".xlsx":
            rows = [list(load_workbook(p, read_only=True).worksheets[0].iter_rows(values_only=True))
                    for p in (first, second)]
            assert rows[0] == rows[1]
        # Whatever the format, every field came through.
        transfer.export_projects(source, source.actor(), tmp_path / "a.json")
        transfer.export_projects(target, target.actor(), tmp_path / "b.json")
        assert _comparable(tmp_path / "a.json") == _comparable(tmp_path / "b.json")
        assert check_bank(target) == []
    finally:
        target.close()


def test_cells_that_look_like_formulas_are_exported_as_text(source, tmp_path):
    transfer.export_projects(source, source.actor(), tmp_path / "p.csv")
    with open(tmp_path / "p.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert (tmp_path / "p.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # Excel needs the BOM for Chinese
    titles = {r["标题"] for r in rows}
    assert "'" + NASTY in titles and NASTY not in titles
    assert "'+1 这不是公式" in titles and "'-减号开头" in titles and "'@提及开头" in titles
    assert "'单引号开头" in titles  # an apostrophe before an ordinary character needs no guard
    risky = ("=", "+", "-", "@")
    assert not any(v.startswith(risky) for r in rows for v in r.values())
    # .xlsx: text cells never run, so no visible apostrophe; the quote prefix keeps an edited cell text.
    transfer.export_projects(source, source.actor(), tmp_path / "p.xlsx")
    ws = load_workbook(tmp_path / "p.xlsx").worksheets[0]
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert not any(c.data_type == "f" for c in cells)
    by_value = {c.value: c for c in cells if isinstance(c.value, str)}
    for title in (NASTY, "+1 这不是公式", "-减号开头", "@提及开头", "'单引号开头"):
        assert by_value[title].data_type == "s"
    assert all(by_value[t].quotePrefix for t in (NASTY, "+1 这不是公式", "-减号开头", "@提及开头"))
    assert not any(isinstance(c.value, str) and c.value.startswith("'=") for c in cells)


def test_export_filters_by_status(source, tmp_path):
    n = transfer.export_projects(source, source.actor(), tmp_path / "a.json", statuses=("已采纳", "completed"))
    data = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert n == len(data) > 0 and {p["status"] for p in data} == {"adopted", "completed"}
    with pytest.raises(ValidationError):
        transfer.export_projects(source, source.actor(), tmp_path / "b.json", statuses=("nonsense",))


def _write_json(path, rows):
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return path


GOOD = {"title": "绝缘子清扫工具", "category": "小发明", "background": "污闪", "solution": "加长杆",
        "innovation_points": ["可伸缩"], "tags": ["绝缘子"]}


def test_one_bad_row_imports_nothing_and_every_problem_is_reported(bank, people, tmp_path):
    rows = [GOOD | {"status": "已采纳", "proposer": "W001", "studio": "王建国劳模创新工作室"},
            GOOD | {"category": "大发明", "innovation_points": ["1", "2", "3", "4"]},
            GOOD | {"proposer": "NOBODY", "co_authors": ["W002", "GHOST"]},
            GOOD | {"status": "submitted", "solution": "", "created_at": "yesterday"},
            "not an object"]
    with pytest.raises(ImportFailed) as caught:
        transfer.import_projects(bank, people["admin"], _write_json(tmp_path / "x.json", rows))
    found = {(e.row, e.field) for e in caught.value.errors}
    assert {(2, "category"), (2, "innovation_points"), (3, "proposer"), (3, "co_authors"), (4, "solution"),
            (4, "created_at"), (5, "")} <= found
    assert (1, "title") not in found
    assert any("第 2 行" in line for line in caught.value.details)
    assert _count(bank) == 0


def test_dry_run_checks_everything_and_writes_nothing(bank, people, tmp_path):
    path = _write_json(tmp_path / "x.json", [GOOD, GOOD | {"status": "completed"}])
    report = transfer.import_projects(bank, people["admin"], path, dry_run=True)
    assert report.imported == 2 and report.dry_run
    assert _count(bank) == 0
    report = transfer.import_projects(bank, people["admin"], path)
    assert _count(bank) == 2
    with bank.session() as s:
        actions = list(s.scalars(select(AuditLog.new_value).where(AuditLog.action == "import")))
        statuses = set(s.scalars(select(Project.status)))
    assert sorted(actions) == ["completed", "draft"] and statuses == {"completed", "draft"}
    # Importing the same exported file twice is refused: the ids are already in the bank.
    transfer.export_projects(bank, people["admin"], tmp_path / "again.json")
    with pytest.raises(ImportFailed, match="2"):
        transfer.import_projects(bank, people["admin"], tmp_path / "again.json")
    assert _count(bank) == 2


def test_permissions(bank, people, tmp_path):
    path = _write_json(tmp_path / "x.json", [GOOD | {"studio": "王建国劳模创新工作室"}])
    with pytest.raises(PermissionDenied):
        transfer.import_projects(bank, people["W001"], path)
    with pytest.raises(ImportFailed) as caught:  # a leader imports into their own studio only
        transfer.import_projects(bank, people["L002"], path)
    assert [(e.row, e.field) for e in caught.value.errors] == [(1, "studio")]
    assert transfer.import_projects(bank, people["L001"], path).imported == 1


def _bad_files(tmp_path):
    def write(name, data):
        p = tmp_path / name
        p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        return p

    wb = Workbook()
    wb.active.append(["title", "category"])
    wb.active.append(["x" * 30000, "小发明"])
    wb.save(tmp_path / "long.xlsx")
    return {
        "missing": tmp_path / "nope.json",
        "empty": write("empty.csv", ""),
        "not json": write("bad.json", "{title: 1,"),
        "not a list": write("obj.json", '{"title": "x"}'),
        "wrong types": write("types.json", json.dumps([{"title": 5, "category": "小发明", "tags": 7,
                                                        "patents": "none"}])),
        "unknown key": write("key.json", json.dumps([GOOD | {"titel": "typo"}])),
        "wrong columns": write("cols.csv", "name,kind\n灯,小发明\n"),
        "corrupt xlsx": write("broken.xlsx", b"PK\x03\x04 this is not really a zip"),
        "huge csv cell": write("huge.csv", "title,category\n\"" + "长" * 1_100_000 + "\",小发明\n"),
        "long field": tmp_path / "long.xlsx",
        "other suffix": write("x.txt", "title\n"),
        "folder": tmp_path,
    }


EXPECTED = {
    "missing": "找不到文件", "empty": "是空的", "not json": "不是有效的 JSON（第 1 行第 2 列",
    "not a list": "应包含一个项目对象的列表", "wrong types": "第 1 行 标题：应为文字",
    "unknown key": "第 1 行 titel：无法识别的字段", "wrong columns": "缺少必需的列：标题、分类",
    "corrupt xlsx": "不是有效的 Excel", "huge csv cell": "第 2 行无法解析", "long field": "第 2 行 title（A 列）：标题最多 200 个字",
    "other suffix": "不支持的文件类型", "folder": "不支持的文件类型",
}


@pytest.mark.parametrize("case", list(EXPECTED))
def test_bad_files_give_a_clear_message_and_change_nothing(bank, tmp_path, case):
    path = _bad_files(tmp_path)[case]
    with pytest.raises(ValidationError) as caught:
        transfer.import_projects(bank, bank.actor(), path)
    message = caught.value.message + " " + " ".join(caught.value.details)
    assert EXPECTED[case] in message
    assert _count(bank) == 0


def test_csv_saved_by_chinese_excel_in_gb18030_is_read(bank, tmp_path):
    path = tmp_path / "gbk.csv"
    path.write_bytes("title,category,innovation_points,tags\n配电房防小动物挡板,小设计,\"可拆卸\n透明\",配电房\n"
                     .encode("gb18030"))
    transfer.import_projects(bank, bank.actor(), path)
    with bank.session() as s:
        p = s.scalar(select(Project))
    assert (p.title, p.category, p.innovation_points, p.tags) == ("配电房防小动物挡板", "design", ["可拆卸", "透明"],
                                                                  ["配电房"])


def test_demo_import_export_and_check_on_postgresql(postgres_db, tmp_path, clock):
    """The hub runs the same code: demo data, an export/import round trip and the check."""
    hub = Bank.open(tmp_path / "hub", postgres_db, clock=clock)
    try:
        demo.generate(hub, hub.actor(), 50, seed=2)
        exported = transfer.export_projects(hub, hub.actor(), tmp_path / "hub.json")
        assert 40 < exported < 50  # other people's drafts stay private
        assert check_bank(hub) == []
    finally:
        hub.close()
    target = _fresh(tmp_path, clock, "desk")
    try:
        assert transfer.import_projects(target, target.actor(), tmp_path / "hub.json").imported == exported
        transfer.export_projects(target, target.actor(), tmp_path / "desk.json")
        assert _comparable(tmp_path / "hub.json") == _comparable(tmp_path / "desk.json")
    finally:
        target.close()


def test_progress_and_cancel(source, tmp_path, clock):
    seen = []
    visible = _visible(source)
    transfer.export_projects(source, source.actor(), tmp_path / "all.json", progress=lambda d, n: seen.append((d, n)))
    assert seen[0] == (0, visible) and seen[-1] == (visible, visible)
    with pytest.raises(transfer.TransferCancelled):
        transfer.export_projects(source, source.actor(), tmp_path / "none.csv", cancel=lambda: True)
    assert not (tmp_path / "none.csv").exists() and not (tmp_path / "none.csv.part").exists()

    target = _fresh(tmp_path, clock, "target")
    try:
        seen.clear()
        calls = iter([False, True])  # cancelled after all rows were checked, before the commit
        with pytest.raises(transfer.TransferCancelled):
            transfer.import_projects(target, target.actor(), tmp_path / "all.json",
                                     progress=lambda d, n: seen.append(d), cancel=lambda: next(calls))
        assert seen == [0] and _count(target) == 0
        report = transfer.import_projects(target, target.actor(), tmp_path / "all.json")
        assert report.imported == visible
    finally:
        target.close()


@pytest.mark.parametrize("name, text, field, message", [
    ("k.json", json.dumps([GOOD | {"kiosk": "false"}]), "kiosk", "应为 true 或 false（不带引号），而不是 \"false\""),
    ("k.csv", "标题,分类,自助终端提交\n灯,小发明,maybe\n", "kiosk", "应为“是”或“否”（true/false），而不是“maybe”"),
    ("t.json", json.dumps([GOOD | {"co_authors": "W002"}]), "co_authors", "应为文字列表"),
    ("n.json", json.dumps([GOOD | {"expected_benefit": True}]), "expected_benefit", "应为数字"),
])
def test_import_types_are_strict(bank, people, tmp_path, name, text, field, message):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportFailed) as caught:
        transfer.import_projects(bank, people["admin"], path)
    assert [(e.field, message in e.message) for e in caught.value.errors] == [(field, True)]
    assert _count(bank) == 0


def test_a_sheet_in_chinese_with_typed_dates_imports_and_names_columns_as_it_does(bank, people, tmp_path):
    path = tmp_path / "zh.csv"
    path.write_text("标题,分类,状态,背景,解决方案,创新点,合作者工号,创建时间,自助终端提交\n"
                    "绝缘子清扫工具,小发明,已采纳,污闪,加长杆,可伸缩,W002,2023/11/20,是\n"
                    "配电房挡板,小设计,草稿,,,,W002,2024年3月15日,否\n", encoding="utf-8")
    report = transfer.import_projects(bank, people["admin"], path)
    assert report.imported == 2
    with bank.session() as s:
        made = {p.title: (p.status, p.created_at.date().isoformat(), p.kiosk) for p in s.scalars(select(Project))}
    assert made == {"绝缘子清扫工具": ("adopted", "2023-11-20", True), "配电房挡板": ("draft", "2024-03-15", False)}
    path.write_text("标题,分类,状态,合作者工号,创建时间\n灯,小发明,完成了,GHOST,上周\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as caught:
        transfer.import_projects(bank, people["admin"], path)
    assert sorted(caught.value.details) == [
        "第 2 行 创建时间（E 列）：“上周”不是日期，请写成 2024-05-01、2024/5/1 或 2024年5月1日，可带时间（2024-05-01 09:30）。",
        "第 2 行 合作者工号（D 列）：没有工号为 GHOST 的人员。",
        "第 2 行 状态（C 列）：未知的状态：“完成了”。可选：草稿、已提交、评审中、已采纳、未采纳、攻关中、已完成、孵化中、已推广",
    ]
