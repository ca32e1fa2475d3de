"""Per-unit targets of proposals per head (issue 11 item 3): the table a studio (or the site) sets
them in, with each unit's people and proposals this year, saved through the function the CLI uses
(alerts.set_thresholds): checked, audited, 0 removes, unknown units refused, nothing kept of a refusal."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from app.core import alerts, projects, unit_targets
from app.core import people as P
from app.core.errors import PermissionDenied, ValidationError
from db.models import AuditLog, Studio

SH = dt.timezone(dt.timedelta(hours=8))


def rows(view):
    return {r.name: r for r in view.rows}


def audit_rows(bank):
    with bank.session() as s:
        return s.scalar(select(func.count()).select_from(AuditLog))


def studio_warnings(bank):
    with bank.session() as s:
        settings = s.scalar(select(Studio.settings).where(Studio.name == "输电工作室"))
    return dict((settings or {}).get("warnings") or {})


def test_the_table_holds_the_studios_units_with_their_people_and_proposals_this_year(bank, crews, clock, draft_data):
    projects.propose(bank, crews["W011"], draft_data, submit=True)
    projects.propose(bank, crews["W011"], draft_data | {"confidentiality": "secret"}, submit=True)  # nobody counts it
    projects.propose(bank, crews["W002"], draft_data)  # a draft: not proposed yet
    clock.now = dt.datetime(2024, 12, 31, 12, tzinfo=SH)
    projects.propose(bank, crews["W012"], draft_data, submit=True)  # last year
    clock.now = dt.datetime(2025, 3, 1, 9, tzinfo=SH)
    view = unit_targets.view(bank, crews["L002"], "输电工作室")
    assert [(r.path, r.depth) for r in view.rows] == [("国网示范供电公司/输电运检车间", 0),
                                                      ("国网示范供电公司/输电运检车间/线路一班", 1),
                                                      ("国网示范供电公司/输电运检车间/线路二班", 1)]
    by = rows(view)
    assert (by["输电运检车间"].heads, by["输电运检车间"].proposals) == (4, 1)  # W002, L002, W011, W012
    assert (by["线路一班"].heads, by["线路一班"].proposals, by["线路一班"].per_head) == (1, 1, 1.0)
    assert by["线路二班"].proposals == 0 and all(r.own == 0 for r in view.rows)
    assert view.may_edit and view.reason == ""
    # the site's table: every unit; the secret one is not counted even for an administrator (as the warning)
    site = unit_targets.view(bank, crews["admin"], None)
    assert [r.name for r in site.rows] == ["国网示范供电公司", "变电运维车间", "输电运检车间", "线路一班", "线路二班"]
    assert rows(site)["国网示范供电公司"].proposals == 1 and site.may_edit


def test_targets_saved_through_the_clis_function_are_audited_and_0_removes_one(bank, crews, clock):
    leader = crews["L002"]
    crew = rows(unit_targets.view(bank, leader, "输电工作室"))["线路一班"]
    before = audit_rows(bank)
    alerts.set_thresholds(bank, leader, "输电工作室", {"proposals_per_head": 2, "unit_targets": {crew.unit_id: "12"}})
    assert audit_rows(bank) == before + 1
    with bank.session() as s:
        entry = s.scalars(select(AuditLog).order_by(AuditLog.at.desc(), AuditLog.chain_seq.desc())).first()
    assert (entry.field, entry.actor_id) == ("settings.warnings", leader.id) and "12" in entry.new_value
    view = unit_targets.view(bank, leader, "输电工作室")
    by = rows(view)
    assert (view.default, by["线路一班"].own, by["线路二班"].own) == (2.0, 12.0, 0.0)
    in_force = view.in_force(view.default, {r.unit_id: r.own for r in view.rows})
    assert in_force == {by["线路一班"].unit_id: 12.0, by["线路二班"].unit_id: 2.0}  # a crew's default; workshop none
    assert view.in_force(3, {}) == {by["线路一班"].unit_id: 3.0, by["线路二班"].unit_id: 3.0}
    assert view.expected(by["线路一班"], 12) == 1  # 1 March: 60 of 365 days, one person
    # the warning goes by the same figures
    (w,) = alerts.compute(bank, kinds=["unit_below_target"])
    assert (w.title, w.threshold, w.days) == ("线路一班", 1, 1)
    # by name (as the CLI gives them) or by id (as the window does); 0 and empty remove a target
    alerts.set_thresholds(bank, leader, "输电工作室", {"unit_targets": {"线路一班": 0, by["线路二班"].unit_id: ""}})
    assert studio_warnings(bank)["unit_targets"] == {}
    assert rows(unit_targets.view(bank, leader, "输电工作室"))["线路一班"].own == 0


@pytest.mark.parametrize("typed", ["abc", "-1", "1001", "nan", "inf", "1,5"])
def test_bad_targets_are_refused_with_the_units_name_and_change_nothing(bank, crews, typed):
    leader = crews["L002"]
    alerts.set_thresholds(bank, leader, "输电工作室", {"unit_targets": {"线路二班": 4}})
    kept, before = studio_warnings(bank), audit_rows(bank)
    with pytest.raises(ValidationError) as refused:
        alerts.set_thresholds(bank, leader, "输电工作室", {"proposals_per_head": 3,
                                                        "unit_targets": {"线路二班": 5, "线路一班": typed}})
    assert "“线路一班”的人均年度目标应为 0 到 1000 之间的数字" in refused.value.message and typed in refused.value.message
    assert studio_warnings(bank) == kept and audit_rows(bank) == before


def test_unknown_units_and_units_outside_the_studio_are_refused(bank, crews):
    leader = crews["L002"]
    with pytest.raises(ValidationError, match="没有名为“不存在的班组”的单位"):
        alerts.set_thresholds(bank, leader, "输电工作室", {"unit_targets": {"不存在的班组": 1}})
    with pytest.raises(ValidationError, match="不在本工作室"):
        alerts.set_thresholds(bank, leader, "输电工作室", {"unit_targets": {"变电运维车间": 1}})
    assert studio_warnings(bank) == {}


def test_who_may_change_them_is_the_permission_tables_answer(bank, crews):
    other = unit_targets.view(bank, crews["L001"], "输电工作室")  # another studio's leader
    assert not other.may_edit and "只有管理员或所属工作室的领衔人可以修改预警设置" in other.reason
    assert [r.name for r in other.rows] == ["输电运检车间", "线路一班", "线路二班"]  # they may look
    assert not unit_targets.view(bank, crews["W011"], None).may_edit
    assert unit_targets.view(bank, crews["admin"], "输电工作室").may_edit
    with pytest.raises(PermissionDenied):
        alerts.set_thresholds(bank, crews["L001"], "输电工作室", {"unit_targets": {"线路一班": 1}})
    P.add_studio(bank, crews["admin"], "无单位工作室", "unit")
    lone = unit_targets.view(bank, crews["admin"], "无单位工作室")
    assert lone.rows == [] and not lone.may_edit and "没有所属单位" in lone.reason
    with pytest.raises(ValidationError, match="没有名为“不存在”的工作室"):
        unit_targets.view(bank, crews["admin"], "不存在")


def test_the_cli_sets_the_same_targets_and_refuses_bad_ones_in_one_line(bank, crews, tmp_path, capsys):
    bank.close()
    from app.cli import main
    base = ["--data-dir", str(tmp_path / "data"), "--as", "L002", "warnings", "config", "--studio", "输电工作室"]
    assert main(base + ["--unit-target", "线路一班=abc"]) == ValidationError.exit_code
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "“线路一班”的人均年度目标应为 0 到 1000 之间的数字（收到“abc”）" in err
    assert main(base + ["--unit-target", "线路一班=12", "--json"]) == 0
    saved = json.loads(capsys.readouterr().out)["unit_targets"]
    assert list(saved.values()) == [12.0]
    from app.core.bank import Bank
    again = Bank.open(tmp_path / "data")
    try:
        assert rows(unit_targets.view(again, again.actor("L002"), "输电工作室"))["线路一班"].own == 12
    finally:
        again.close()
