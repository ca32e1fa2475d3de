"""Warnings that reach people: delivered once to whoever must act, at chosen dates, counted in the
site's time zone; a daily digest for leaders; units below their target; two workstations of one
hub delivering at once still tell each person once."""
from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import func, select

from app.core import alerts, dispatch, inbox, projects, sitetime, warning_delivery
from app.core import people as P
from app.core.bank import Bank
from app.core.errors import PermissionDenied, ValidationError
from db.models import Notification
from tests.conftest import FakeClock

SH = dt.timezone(dt.timedelta(hours=8))


def at(y, m, d, hh=9, mm=0, tz=SH):
    return dt.datetime(y, m, d, hh, mm, tzinfo=tz)


def notices(bank, actor, kind=None):
    return [n for n in inbox.notices(bank, actor) if kind is None or n.kind == kind]


def deliver(bank, clock, when):
    clock.now = when
    return warning_delivery.deliver(bank).value


def test_a_unit_behind_is_warned_once_before_and_once_after_the_due_day(bank, crews, clock):
    """Due 10 March (Shanghai); warned two days before (task_warn_days) and from the day after it,
    each once however often delivery runs; the unit that reported is never warned."""
    leader = crews["L002"]
    tid = dispatch.send(bank, leader, "迎峰度夏隐患排查", "2025-03-10", [("线路一班", "W011"), ("线路二班", "W012")]).value
    dispatch.report(bank, crews["W012"], dispatch.my_target(bank, crews["W012"], tid), note="完成", summary=True)
    assert deliver(bank, clock, at(2025, 3, 7, 23, 59)).delivered == 0  # three days before: quiet
    first = deliver(bank, clock, at(2025, 3, 8, 0, 1))  # 7 March 16:01 UTC: already the 8th in Shanghai
    assert first.delivered == 1 and first.digests == 2  # the unit's responsible person; digests: sender, admin
    (note,) = notices(bank, crews["W011"], "warning")
    assert "将于 2 天后到期" in note.message and "线路一班" in note.message
    from app.core import i18n
    i18n.set_language("en")  # stored as both languages: an English reader reads English
    assert "is due in 2 day(s)" in notices(bank, crews["W011"], "warning")[0].message
    assert "Warnings on 2025-03-08" in notices(bank, crews["admin"], "digest")[0].message
    i18n.set_language("zh_CN")
    for when in (at(2025, 3, 8, 15), at(2025, 3, 9, 9), at(2025, 3, 10, 23, 59)):
        assert deliver(bank, clock, when).delivered == 0  # the same warning: not again
    assert notices(bank, crews["W012"], "warning") == []  # reported: nothing to warn about
    after = deliver(bank, clock, at(2025, 3, 11, 0, 30))  # 10 March 16:30 UTC, the day after in Shanghai
    assert after.delivered == 1
    assert "已逾期 1 天" in notices(bank, crews["W011"], "warning")[0].message
    assert deliver(bank, clock, at(2025, 3, 20)).delivered == 0
    assert len(notices(bank, crews["W011"], "warning")) == 2


def test_the_site_time_zone_is_a_setting(bank, crews, clock):
    dispatch.send(bank, crews["L002"], "核查", "2025-03-10", [("线路一班", "W011")])
    clock.now = dt.datetime(2025, 3, 10, 20, 0, tzinfo=dt.timezone.utc)  # 11 March 04:00 in Shanghai
    assert sitetime.today(bank) == dt.date(2025, 3, 11)
    assert [w.kind for w in alerts.compute(bank, kinds=alerts.TASK_KINDS)] == ["task_overdue"]
    sitetime.set_zone(bank, crews["admin"], "UTC")
    assert sitetime.today(bank) == dt.date(2025, 3, 10)
    assert [w.kind for w in alerts.compute(bank, kinds=alerts.TASK_KINDS)] == ["task_due_soon"]
    with pytest.raises(ValidationError, match="Mars/Olympus"):
        sitetime.set_zone(bank, crews["admin"], "Mars/Olympus")
    with pytest.raises(PermissionDenied):
        sitetime.set_zone(bank, crews["L001"], "Asia/Shanghai")


def test_leaders_get_one_digest_a_day(bank, crews, clock, draft_data):
    pid = projects.propose(bank, crews["W001"], draft_data, submit=True).value  # in 王建国劳模创新工作室
    first = deliver(bank, clock, clock.now + dt.timedelta(days=40))  # stuck in submitted for 40 days
    assert first.delivered == 2  # the studio's leader (who must review it) and its proposer
    (stuck,) = notices(bank, crews["L001"], "warning")
    assert stuck.project_id == pid and "停留在" in stuck.message
    (digest,) = notices(bank, crews["L001"], "digest")
    assert "项目停滞 1" in digest.message
    assert notices(bank, crews["L002"], "digest") == []  # nothing of another studio's
    assert len(notices(bank, crews["admin"], "digest")) == 1
    assert notices(bank, crews["W001"], "digest") == []  # digests are for leaders and administrators
    assert deliver(bank, clock, clock.now + dt.timedelta(hours=5)).digests == 0
    assert deliver(bank, clock, clock.now + dt.timedelta(days=1)).digests == 2  # the next day: L001, admin
    assert len(notices(bank, crews["L001"], "warning")) == 1


def test_a_secret_project_is_warned_only_to_those_who_may_see_it(bank, crews, clock, draft_data):
    projects.propose(bank, crews["W001"], draft_data | {"confidentiality": "secret"}, submit=True)
    deliver(bank, clock, clock.now + dt.timedelta(days=40))
    reached = {no for no in crews if notices(bank, crews[no], "warning")}
    assert reached == {"L001", "W001"}
    assert notices(bank, crews["L002"], "digest") == []  # not even counted for another studio's leader


def test_a_unit_below_its_target(bank, crews, clock, draft_data):
    """The transmission studio sets 线路一班 a target of 12 proposals per head a year: one person, so
    by 1 March (60 of 365 days) it should have 1; by 1 April 2. Its studio's leader hears once a month."""
    leader = crews["L002"]
    alerts.set_thresholds(bank, leader, "输电工作室", {"unit_targets": {"线路一班": 12}})
    with pytest.raises(ValidationError, match="不在本工作室"):
        alerts.set_thresholds(bank, leader, "输电工作室", {"unit_targets": {"变电运维车间": 3}})
    with pytest.raises(PermissionDenied):
        alerts.set_thresholds(bank, crews["L001"], "输电工作室", {"unit_targets": {"线路一班": 1}})
    with pytest.raises(ValidationError, match="全站"):  # would change nothing: tasks belong to no studio
        alerts.set_thresholds(bank, leader, "输电工作室", {"task_warn_days": 5})
    clock.now = at(2025, 3, 1)
    (w,) = alerts.compute(bank, kinds=["unit_below_target"])
    assert (w.title, w.threshold, w.days) == ("线路一班", 1, 1)
    assert "应有 1 条" in w.message
    assert deliver(bank, clock, at(2025, 3, 1)).people == {leader.id, crews["admin"].id}  # admin: digest only
    assert len(notices(bank, crews["admin"], "warning")) == 0
    assert len(notices(bank, leader, "warning")) == 1
    assert deliver(bank, clock, at(2025, 3, 20)).delivered == 0  # once a month at most
    projects.propose(bank, crews["W011"], draft_data, submit=True)
    projects.propose(bank, crews["W011"], draft_data | {"confidentiality": "secret"}, submit=True)
    clock.now = at(2025, 4, 1)
    assert [x.days for x in alerts.compute(bank, kinds=["unit_below_target"])] == [1]  # 2 due; the secret one not counted
    projects.propose(bank, crews["W011"], draft_data, submit=True)
    assert alerts.compute(bank, kinds=["unit_below_target"]) == []
    # the site default applies to bottom units only (the crews and the workshop with none below it),
    # not to the units above them; 线路一班 keeps its own target of 12, which it meets
    alerts.set_thresholds(bank, crews["admin"], None, {"proposals_per_head": 24})
    found = {w.title for w in alerts.compute(bank, kinds=["unit_below_target"])}
    assert found == {"线路二班", "变电运维车间"}
    alerts.set_thresholds(bank, leader, "输电工作室", {"unit_targets": {"线路一班": 0}})  # 0 removes it
    assert "线路一班" not in (alerts.thresholds_for(bank, None).get("unit_targets") or {})


def test_two_workstations_deliver_once(tmp_path, bank, crews, clock):
    """Two banks on one database (two workstations) delivering at the same moment, repeatedly."""
    dispatch.send(bank, crews["L002"], "核查", "2025-03-10", [("线路一班", "W011"), ("线路二班", "W012")])
    other = Bank.open(bank.data_dir, clock=clock)
    try:
        clock.now = at(2025, 3, 12)
        results = []
        runs = [threading.Thread(target=lambda b=b: results.append(warning_delivery.deliver(b).value))
                for b in (bank, other, bank, other)]
        for r in runs:
            r.start()
        for r in runs:
            r.join()
        assert sum(r.delivered for r in results) == 2
    finally:
        other.close()
    with bank.session() as s:
        assert s.scalar(select(func.count()).select_from(Notification).where(Notification.kind == "warning")) == 2


def test_a_hub_with_two_workstations_delivers_once(tmp_path, postgres_db):
    clock = FakeClock(at(2025, 3, 1))
    one, two = Bank.open(tmp_path / "ws1", postgres_db, clock=clock), Bank.open(tmp_path / "ws2", postgres_db, clock=clock)
    try:
        admin = one.actor()
        P.add_unit(one, admin, "线路一班", "crew")
        P.add_user(one, admin, "W011", "吴二", unit="线路一班")
        dispatch.send(one, admin, "核查", "2025-03-10", [("线路一班", "W011")])
        clock.now = at(2025, 3, 12)
        results = []
        runs = [threading.Thread(target=lambda b=b: results.append(warning_delivery.deliver(b).value))
                for b in (one, two, one, two)]
        for r in runs:
            r.start()
        for r in runs:
            r.join()
        assert sum(r.delivered for r in results) == 1 and sum(r.digests for r in results) == 1
        assert len(notices(two, two.actor("W011"), "warning")) == 1
    finally:
        one.close()
        two.close()
