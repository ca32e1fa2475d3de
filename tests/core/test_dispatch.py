"""One-click dispatch (一键下达): a task from sending to closed, with a returned report and an
overdue unit; notices; reminders; who may do what; bad input changes nothing."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from app.core import dispatch, inbox
from app.core import people as P
from app.core.errors import InvalidTransition, NotFound, PermissionDenied, ValidationError
from db.models import AuditLog, DispatchReport, DispatchTask, Notification

SH = dt.timezone(dt.timedelta(hours=8))


@pytest.fixture
def org(bank, people):
    """Three crews below the transmission workshop, each with a person responsible."""
    admin = people["admin"]
    for crew, no, name in (("带电作业班", "W010", "周一"), ("线路一班", "W011", "吴二"), ("线路二班", "W012", "郑三")):
        P.add_unit(bank, admin, crew, "crew", parent="输电运检车间")
        P.add_user(bank, admin, no, name, unit=crew)
    return {**people, **{no: bank.actor(no) for no in ("W010", "W011", "W012")}}


def _units(task):
    return {tg["unit"]: (tg["state"], tg["overdue"]) for tg in task["targets"]}


def _target(bank, actor, number, unit=None):
    return dispatch.my_target(bank, actor, number, unit)


def test_a_task_from_sending_to_closed(bank, org, clock, tmp_path):
    """Sent on 1 March, due 10 March (Shanghai days); one unit reports late, one summary is returned
    and sent again; the task closes when the sender has accepted every unit's summary."""
    plan = tmp_path / "方案.txt"
    plan.write_text("迎峰度夏隐患排查方案", encoding="utf-8")
    leader = org["L002"]
    below = dispatch.units_below(bank, "输电运检车间")
    assert len(below) == 3
    tid = dispatch.send(bank, leader, "迎峰度夏隐患排查", "2025-03-10",
                        [(u, no) for u, no in zip(below, ("W010", "W011", "W012"))],
                        body="各班组于 3 月 10 日前完成排查并反馈。", files=[plan]).value
    task = dispatch.detail(bank, leader, tid)
    assert task["number"].startswith("XD-2025-") and task["status"] == "open"
    assert task["attachments"][0]["name"] == "方案.txt"
    assert _units(task) == {"带电作业班": ("pending", False), "线路一班": ("pending", False),
                            "线路二班": ("pending", False)}
    # each responsible person finds it in their inbox
    for no in ("W010", "W011", "W012"):
        (note,) = inbox.notices(bank, org[no])
        assert note.kind == "task" and "迎峰度夏隐患排查" in note.message and "2025-03-10" in note.message
    # progress, then summaries with an attachment
    number = task["number"]
    dispatch.report(bank, org["W010"], _target(bank, org["W010"], number), progress=50, note="已排查一半")
    clock.advance(days=2)
    report = tmp_path / "总结.txt"
    report.write_text("排查隐患 12 处，已整改 10 处", encoding="utf-8")
    dispatch.report(bank, org["W010"], _target(bank, org["W010"], number), note="排查完毕", summary=True,
                    files=[report])
    dispatch.report(bank, org["W011"], _target(bank, org["W011"], number), note="无隐患", summary=True)
    task = dispatch.detail(bank, leader, tid)
    assert _units(task)["带电作业班"] == ("reported", False)
    assert [r["kind"] for r in task["targets"][0]["reports"]] == ["progress", "summary"]
    assert task["targets"][0]["reports"][1]["attachments"][0]["name"] == "总结.txt"
    # the sender returns one summary with a reason; the unit owes its report again
    dispatch.return_report(bank, leader, _target(bank, leader, number, "线路一班"), "请附排查记录表")
    assert "请附排查记录表" in inbox.notices(bank, org["W011"])[0].message
    dispatch.accept(bank, leader, _target(bank, leader, number, "带电作业班"))
    # 10 March 23:30 in Shanghai is still the due day; 11 March 00:30 there is the day after
    clock.now = dt.datetime(2025, 3, 10, 23, 30, tzinfo=SH)
    assert not any(o for _, o in _units(dispatch.detail(bank, leader, tid)).values())
    clock.now = dt.datetime(2025, 3, 11, 0, 30, tzinfo=SH)  # 10 March 16:30 UTC
    task = dispatch.detail(bank, leader, tid)
    assert _units(task) == {"带电作业班": ("accepted", False), "线路一班": ("returned", True),
                            "线路二班": ("pending", True)}
    assert task["overdue"] == 2
    assert {b["unit"] for b in dispatch.behind(bank)} == {"线路一班", "线路二班"}
    # a reminder reaches the two units that still owe a report, not the settled one
    assert dispatch.remind(bank, leader, number).value == 2
    assert "催办" in inbox.notices(bank, org["W012"])[0].message
    assert len(inbox.notices(bank, org["W010"])) == 2  # the task and the acceptance: no reminder
    # late reports close the loop
    dispatch.report(bank, org["W011"], _target(bank, org["W011"], number), note="已附记录表", summary=True)
    dispatch.report(bank, org["W012"], _target(bank, org["W012"], number), note="完成", summary=True)
    dispatch.accept(bank, leader, _target(bank, leader, number, "线路一班"))
    assert dispatch.detail(bank, leader, tid)["status"] == "open"
    dispatch.accept(bank, leader, _target(bank, leader, number, "线路二班"))
    task = dispatch.detail(bank, leader, tid)
    assert task["status"] == "closed" and task["closed_at"] and task["overdue"] == 0
    assert not any("任务关闭" in n.message for n in inbox.notices(bank, leader))  # they closed it themselves
    # the audit trail tells the whole story
    with bank.session() as s:
        actions = list(s.scalars(select(AuditLog.action).where(AuditLog.entity == "dispatch",
                                                               AuditLog.entity_id == tid).order_by(AuditLog.chain_seq)))
    assert actions[0] == "send" and actions.count("accept") == 3 and actions.count("return") == 1
    assert actions[-1] == "close"
    # nothing more to do on a closed task
    with pytest.raises((InvalidTransition, PermissionDenied)):
        dispatch.report(bank, org["W010"], _target(bank, org["W010"], number), note="补充")
    with pytest.raises(InvalidTransition):
        dispatch.remind(bank, leader, number)


def test_a_notice_settles_each_unit_when_it_is_read(bank, org):
    tid = dispatch.send(bank, org["admin"], "安全生产月通知", dt.date(2025, 3, 5),
                        [("线路一班", "W011"), ("线路二班", "W012")], kind="notice").value
    number = dispatch.detail(bank, org["admin"], tid)["number"]
    dispatch.report(bank, org["W011"], dispatch.my_target(bank, org["W011"], number))
    task = dispatch.detail(bank, org["admin"], tid)
    assert _units(task)["线路一班"] == ("accepted", False) and task["status"] == "open"
    dispatch.report(bank, org["W012"], dispatch.my_target(bank, org["W012"], number), note="已传达")
    assert dispatch.detail(bank, org["admin"], tid)["status"] == "closed"
    assert "任务关闭" in inbox.notices(bank, org["admin"])[0].message  # the sender hears the loop closed


def test_who_may_do_what(bank, org):
    tid = dispatch.send(bank, org["L002"], "设备台账核查", "2025-03-20", [("线路一班", "W011")]).value
    number = dispatch.detail(bank, org["L002"], tid)["number"]
    target = dispatch.my_target(bank, org["W011"], number)
    with pytest.raises(PermissionDenied):  # workers do not dispatch
        dispatch.send(bank, org["W001"], "x", "2025-03-20", [("线路一班", "W011")])
    with pytest.raises(PermissionDenied):  # only the responsible person reports
        dispatch.report(bank, org["W012"], target, note="不是我的")
    with pytest.raises(PermissionDenied):  # another leader is neither sender nor responsible
        dispatch.detail(bank, org["L001"], tid)
    assert dispatch.list_tasks(bank, org["L001"]) == []
    assert [t["number"] for t in dispatch.list_tasks(bank, org["W011"], box="mine")] == [number]
    assert dispatch.list_tasks(bank, org["W011"], box="sent") == []
    with pytest.raises(InvalidTransition):  # nothing to accept yet
        dispatch.accept(bank, org["L002"], target)
    dispatch.report(bank, org["W011"], target, note="已核查", summary=True)
    with pytest.raises(PermissionDenied):  # the responsible person cannot accept their own report
        dispatch.accept(bank, org["W011"], target)
    verdicts = dispatch.verdicts(bank, org["L002"], target)
    assert verdicts.may("accept") and verdicts.may("return") and not verdicts.may("remind")
    dispatch.accept(bank, org["admin"], target)  # administrators may act for the sender


def test_bad_input_changes_nothing(bank, org, clock):
    leader = org["L002"]
    cases = [
        (dict(title="", due_on="2025-03-10", targets=[("线路一班", "W011")]), "标题"),
        (dict(title="x", due_on="2025-02-28", targets=[("线路一班", "W011")]), "已经过去"),
        (dict(title="x", due_on="三月十日", targets=[("线路一班", "W011")]), "年-月-日"),
        (dict(title="x", due_on="2025-03-10", targets=[]), "至少选择一个单位"),
        (dict(title="x", due_on="2025-03-10", targets=[("不存在的班", "W011")]), "不存在的班"),
        (dict(title="x", due_on="2025-03-10", targets=[("线路一班", "NOBODY")]), "NOBODY"),
        (dict(title="x", due_on="2025-03-10", targets=[("线路一班", None)]), "线路一班"),  # no one named before
    ]
    for kwargs, words in cases:
        with pytest.raises(ValidationError, match=words):
            dispatch.send(bank, leader, kwargs["title"], kwargs["due_on"], kwargs["targets"])
    with bank.session() as s:
        assert s.scalar(select(func.count()).select_from(DispatchTask)) == 0
        assert s.scalar(select(func.count()).select_from(Notification)) == 0
    tid = dispatch.send(bank, leader, "核查", "2025-03-10", [("线路一班", "W011")]).value
    target = dispatch.my_target(bank, org["W011"], tid)
    for kwargs, words in ((dict(progress=150), "0 到 100"), (dict(progress="半"), "0 到 100"), (dict(), "进度"),
                          (dict(summary=True), "总结")):
        with pytest.raises(ValidationError, match=words):
            dispatch.report(bank, org["W011"], target, **kwargs)
    with pytest.raises(ValidationError, match="退回理由"):
        dispatch.report(bank, org["W011"], target, note="完成", summary=True)
        dispatch.return_report(bank, leader, target, "  ")
    with bank.session() as s:
        assert s.scalar(select(func.count()).select_from(DispatchReport)) == 1  # the summary only
    with pytest.raises(NotFound):
        dispatch.detail(bank, leader, "XD-2025-0000-9999")


def test_the_person_last_responsible_for_a_unit_is_the_default(bank, org):
    dispatch.send(bank, org["L002"], "第一次", "2025-03-10", [("线路一班", "W011")])
    tid = dispatch.send(bank, org["L002"], "第二次", "2025-03-10", [("线路一班", None)]).value
    assert dispatch.detail(bank, org["L002"], tid)["targets"][0]["responsible"] == "W011"
