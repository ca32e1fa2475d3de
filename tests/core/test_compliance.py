"""Studio compliance (六有) and the studio ledger (台账) on the fixed data set of analytics_data.py."""
from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from app.core import compliance, ledger
from app.core.errors import PermissionDenied, ValidationError
from tests.core import analytics_data

A, B = "王建国劳模创新工作室", "输电工作室"


@pytest.fixture
def world(bank, people, clock):
    ids = analytics_data.build(bank, people, clock)
    return bank, people, ids


def _by_studio(bank, actor, year):  # type: ignore[no-untyped-def]
    return {e["studio"]: e for e in compliance.checklist(bank, actor, year)}


def _items(entry):  # type: ignore[no-untyped-def]
    return {i["key"]: (i["ok"], i["value"]) for i in entry["items"]}


def test_the_checklist_says_what_is_missing(world):
    bank, people, _ = world
    a = _by_studio(bank, people["admin"], 2025)[A]
    items = _items(a)
    assert items["leader"] == (True, "王建国")
    assert items["team"] == (False, 2)  # L001 and W001: fewer than three people
    assert items["tackling"] == (True, 2)  # P1 and the secret P5 were in progress in 2025
    assert items["achievement"] == (True, 2)  # both completed in 2025
    assert items["premises_funds"] == (False, {"premises": None, "funds": None})
    assert items["records"] == (False, {"activity": 0, "study": 0, "tackling": 2, "transformation": 0, "reward": 0})
    assert a["missing"] == ["team", "premises_funds", "records.activity", "records.study", "records.transformation",
                            "records.reward"]
    assert not a["complete"]
    assert compliance.missing_text(a) == "缺团队、场所和经费记录；台账缺活动、学习、转化、奖励"
    b = _items(_by_studio(bank, people["admin"], 2025)[B])
    assert (b["tackling"], b["achievement"]) == ((True, 1), (True, 1))  # P3
    earlier = _items(_by_studio(bank, people["admin"], 2024)[A])
    assert earlier["tackling"] == (False, 0) and earlier["achievement"] == (False, 0)


def test_records_complete_the_checklist(world):
    bank, people, ids = world
    from app.core import incubation, org, projects
    from app.core import people as P
    leader, admin = people["L001"], people["admin"]
    for no, name in (("W003", "王五"), ("W004", "钱八")):
        P.add_user(bank, admin, no, name, unit="变电运维车间", studio=A)
    ledger.add_record(bank, leader, A, "学习", "继电保护新规程学习", "2025-05-10", participants=12)
    ledger.add_record(bank, leader, A, "activity", "创新成果交流会", "2025-06-01", body="三个班组参加")
    ledger.add_record(bank, admin, A, "reward", "年度创新奖励", "2025-12-20", amount="0.5万", participants=3)
    ledger.add_record(bank, leader, A, "study", "去年的学习", "2024-12-31")  # another year: not counted
    incubation.create(bank, leader, ids["P1"], {"services": ["试品加工"], "maturity": "样机", "quantity": 5,
                                                "materials": "铝合金", "budget_lines": [], "market": "省内",
                                                "ip_ownership": "公司所有", "benefit_sharing": "按贡献",
                                                "risks": "无", "milestones": []})
    org.edit_studio(bank, admin, A, {"premises": "变电运维车间二楼 120 平方米", "funds": "5万"})
    entry = _by_studio(bank, admin, 2025)[A]
    assert entry["complete"] and entry["missing"] == [] and compliance.missing_text(entry) == ""
    assert _items(entry)["premises_funds"] == (True, {"premises": "变电运维车间二楼 120 平方米", "funds": 50000.0})
    kept = _items(entry)["records"][1]
    assert kept == {"activity": 1, "study": 1, "tackling": 2, "transformation": 1, "reward": 1}
    projects.edit(bank, leader, ids["P1"], {"awards": [{"name": "省公司职工创新成果奖", "level": "二等奖", "year": 2025}]})
    assert _items(_by_studio(bank, admin, 2025)[A])["records"][1]["reward"] == 2


def test_only_the_studio_leader_and_admins_keep_its_ledger(world):
    bank, people, _ = world
    for who in ("W001", "L002", "B001"):
        with pytest.raises(PermissionDenied):
            ledger.add_record(bank, people[who], A, "study", "学习", "2025-05-10")
    with pytest.raises(ValidationError, match="年-月-日"):
        ledger.add_record(bank, people["L001"], A, "study", "学习", "五月十日")
    with pytest.raises(ValidationError):
        ledger.add_record(bank, people["L001"], A, "party", "聚餐", "2025-05-10")
    with pytest.raises(ValidationError):
        ledger.add_record(bank, people["L001"], A, "study", "学习", "2025-05-10", participants=-1)
    rid = ledger.add_record(bank, people["L001"], A, "study", "学习", "2025-05-10").value
    with pytest.raises(PermissionDenied):
        ledger.delete_record(bank, people["L002"], rid)
    ledger.delete_record(bank, people["L001"], rid)
    assert _items(_by_studio(bank, people["admin"], 2025)[A])["records"][1]["study"] == 0


def test_figures_and_ledger_count_only_visible_projects(world, tmp_path):
    bank, people, _ = world
    other = _items(_by_studio(bank, people["L002"], 2025)[A])
    assert other["tackling"] == (True, 1) and other["achievement"] == (True, 1)  # P1 only, not the secret P5
    with pytest.raises(PermissionDenied):
        ledger.export_ledger(bank, people["W001"], A, 2025, tmp_path / "w.xlsx")
    ledger.export_ledger(bank, people["L002"], A, 2025, tmp_path / "other.xlsx")
    ledger.export_ledger(bank, people["L001"], A, 2025, tmp_path / "own.xlsx")
    titles = lambda name, sheet: [r[1] for r in load_workbook(tmp_path / name)[sheet].iter_rows(  # noqa: E731
        min_row=2, values_only=True)]
    assert titles("other.xlsx", "攻关") == ["P1 防雨罩改进"]
    assert sorted(titles("own.xlsx", "攻关")) == ["P1 防雨罩改进", "P5 保密的继电保护装置"]
    assert load_workbook(tmp_path / "own.xlsx").sheetnames == ["基本情况", "成员", "活动", "学习", "攻关", "转化", "奖励",
                                                               "成果"]
    profile = {r[0]: r[1] for r in load_workbook(tmp_path / "own.xlsx")["基本情况"].iter_rows(values_only=True)}
    assert profile["领衔人"] == "王建国" and profile["有团队"].startswith("✗")


def test_year_bounds_follow_the_site_time_zone(bank):
    start, end = ledger.year_bounds(bank, 2025)
    assert start == dt.datetime(2024, 12, 31, 16, tzinfo=dt.timezone.utc)
    assert end == dt.datetime(2025, 12, 31, 16, tzinfo=dt.timezone.utc)
