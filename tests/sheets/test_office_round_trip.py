"""The app's exports opened and saved in an office suite import again (issue 16 item 1).

Kept fixtures (made by LibreOffice 7.4 from the app's exports of PROJECTS): app_export.csv saved as
app_export_csv_saved.xlsx, and app_export.xlsx opened and saved as app_export_xlsx_saved.xlsx. Where
LibreOffice is installed the same files are made afresh from the current code's export.
"""
from __future__ import annotations

import json

import pytest

from app.core import people as P
from app.core import transfer
from app.core.bank import Bank
from app.core.transfer import ImportFailed
from tests.sheets.office import FIXTURES, SOFFICE, convert

NASTY = "=HYPERLINK(\"http://x\",\"点我\")"
BASE = {"category": "小发明", "background": "现场问题", "solution": "改进方案", "innovation_points": ["一", "二"],
        "studio": "配电创新工作室", "proposer": "3100001"}
PROJECTS = [
    BASE | {"id": "0190a6f0-0000-7000-8000-000000000001", "number": "CX-2024-TEST-000001", "title": "故障指示器改造",
            "status": "adopted", "co_authors": ["3100002"], "expected_benefit": 12000, "kiosk": True,
            "created_at": "2024-03-15T02:00:00+00:00", "tags": ["配电", "GIS"], "confidentiality": "public"},
    BASE | {"id": "0190a6f0-0000-7000-8000-000000000002", "number": "CX-2024-TEST-000002", "title": NASTY,
            "status": "completed", "co_authors": ["3100002", "3100003"], "measured_benefit": 1.5,
            "created_at": "2024-05-01T00:00:00+00:00", "decided_at": "2024-06-01T08:30:00+00:00",
            "benefit_basis": "1/2 的工时", "patents": [{"name": "一种指示器", "no": "ZL2024"}]},
    BASE | {"id": "0190a6f0-0000-7000-8000-000000000003", "number": "CX-2024-TEST-000003", "title": "'单引号开头",
            "status": "draft", "co_authors": [], "investment": 800, "created_at": "2023-11-20T00:00:00+00:00",
            "indicators": "TRUE", "promotion": "2024-05-01", "social_benefit": "-减少停电"},
]
# Exports are made by the projects' proposer (the studio's leader): a draft is private to its authors.
AUTHOR = "3100001"
LEADING_ZERO = BASE | {"id": "0190a6f0-0000-7000-8000-000000000004", "number": "CX-2024-TEST-000004",
                       "title": "工号以 0 开头的合作者", "status": "draft", "co_authors": ["0012345"],
                       "created_at": "2024-01-02T00:00:00+00:00"}


def _bank(path, clock):
    bank = Bank.open(path, clock=clock)
    admin = bank.actor()
    P.add_unit(bank, admin, "示范供电公司", "company")
    for no, name in (("3100001", "王建国"), ("3100002", "张三"), ("3100003", "李四"), ("0012345", "赵六")):
        P.add_user(bank, admin, no, name, unit="示范供电公司")
    P.add_studio(bank, admin, "配电创新工作室", "company", unit="示范供电公司", leader="3100001")
    return bank


def _exported(bank, path):
    transfer.export_projects(bank, bank.actor(AUTHOR), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    for item in data:
        del item["vote_count"], item["comment_count"]
    return data


def _source(tmp_path, clock, rows):
    bank = _bank(tmp_path / "source", clock)
    (tmp_path / "in.json").write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    transfer.import_projects(bank, bank.actor(), tmp_path / "in.json")
    return bank


def _import_and_compare(tmp_path, clock, workbook, expected):
    target = _bank(tmp_path / f"target-{workbook.stem}-{workbook.parent.name}", clock)
    try:
        assert transfer.import_projects(target, target.actor(), workbook).imported == len(expected)
        assert _exported(target, tmp_path / "target.json") == expected
    finally:
        target.close()


def test_the_kept_csv_is_the_export_of_these_projects(tmp_path, clock):
    """The fixture below still is what the app exports (else it tests something else)."""
    source = _source(tmp_path, clock, PROJECTS)
    try:
        transfer.export_projects(source, source.actor(AUTHOR), tmp_path / "app_export.csv")
        assert (tmp_path / "app_export.csv").read_bytes() == (FIXTURES / "app_export.csv").read_bytes()
    finally:
        source.close()


def _saved(tmp_path, source, fresh: bool, suffix: str, kept: str):
    """The export as the suite saved it: made now with LibreOffice, or the kept fixture."""
    if not fresh:
        return FIXTURES / kept
    if not SOFFICE:
        pytest.skip("LibreOffice is not installed (the kept fixture covers this)")
    transfer.export_projects(source, source.actor(AUTHOR), tmp_path / f"app_export{suffix}")
    return convert(tmp_path / f"app_export{suffix}", tmp_path / "saved")


@pytest.mark.parametrize("fresh", [False, True], ids=["kept", "made-now"])
def test_an_xlsx_export_opened_and_saved_in_a_suite_imports_unchanged(tmp_path, clock, fresh):
    source = _source(tmp_path, clock, PROJECTS + [LEADING_ZERO])
    try:
        expected = _exported(source, tmp_path / "source.json")
        saved = _saved(tmp_path, source, fresh, ".xlsx", "app_export_xlsx_saved.xlsx")
    finally:
        source.close()
    # Leading zeros, formula-like text, dates written as text and booleans all come back.
    _import_and_compare(tmp_path, clock, saved, expected)


@pytest.mark.parametrize("fresh", [False, True], ids=["kept", "made-now"])
def test_a_csv_export_opened_and_saved_as_xlsx_imports_unchanged(tmp_path, clock, fresh):
    """The case of the issue: a one-person co-author cell became a number and was refused."""
    source = _source(tmp_path, clock, PROJECTS)
    try:
        expected = _exported(source, tmp_path / "source.json")
        saved = _saved(tmp_path, source, fresh, ".csv", "app_export_csv_saved.xlsx")
    finally:
        source.close()
    _import_and_compare(tmp_path, clock, saved, expected)


@pytest.mark.parametrize("fresh", [False, True], ids=["kept", "made-now"])
def test_a_leading_zero_lost_by_the_suite_is_refused_saying_why(tmp_path, clock, fresh):
    """A suite that opens a CSV turns 0012345 into the number 12345 (why the docs recommend .xlsx)."""
    source = _source(tmp_path, clock, [LEADING_ZERO])
    try:
        saved = _saved(tmp_path, source, fresh, ".csv", "leading_zero_csv_saved.xlsx")
    finally:
        source.close()
    target = _bank(tmp_path / "target", clock)
    try:
        with pytest.raises(ImportFailed) as caught:
            transfer.import_projects(target, target.actor(), saved)
        assert [str(e) for e in caught.value.errors] == [
            "第 2 行 合作者工号（W 列）：没有工号为 12345 的人员。若工号以 0 开头，请把此列设为“文本”格式后重新填写，"
            "或改用 .xlsx 文件。"]
    finally:
        target.close()
