"""Warnings at chosen dates: the FakeClock moves, thresholds come from the studio, the site or defaults."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from app.core import alerts, incubation, projects, teams
from app.core.errors import PermissionDenied, ValidationError
from tests.core.test_incubation import REQUEST, adopted_project


def kinds(bank, **kw):
    return sorted((w.kind, w.days) for w in alerts.compute(bank, **kw))


@pytest.fixture
def running_request(bank, people, draft_data, clock):
    """A request accepted on 1 March; milestone 1 due 20 March, milestone 2 due 31 May."""
    pid = adopted_project(bank, people, draft_data)
    rid = incubation.create(bank, people["L001"], pid, REQUEST).value
    incubation.submit(bank, people["L001"], rid)
    incubation.accept(bank, people["B001"], rid)
    return rid


def test_milestone_overdue_from_the_day_after_it_is_due(bank, people, running_request, clock):
    shanghai = dt.timezone(dt.timedelta(hours=8))  # days are the site's (Asia/Shanghai by default), not UTC's
    clock.now = dt.datetime(2025, 3, 20, 23, 0, tzinfo=shanghai)
    assert [k for k in kinds(bank) if k[0] == "milestone_overdue"] == []
    clock.now = dt.datetime(2025, 3, 21, 0, 30, tzinfo=shanghai)  # still 20 March in UTC
    (w,) = [w for w in alerts.compute(bank) if w.kind == "milestone_overdue"]
    assert (w.entity, w.entity_id, w.days, w.detail) == ("incubation", running_request, 1, "样机完成")
    assert "逾期 1 天" in w.message
    clock.now = dt.datetime(2025, 6, 2, 8, 0, tzinfo=dt.timezone.utc)
    overdue = sorted((w.detail, w.days) for w in alerts.compute(bank) if w.kind == "milestone_overdue")
    assert overdue == [("小批量试用", 2), ("样机完成", 74)]
    incubation.update_milestone(bank, people["B001"], running_request, 1, "完成", done=True)
    assert [w.detail for w in alerts.compute(bank) if w.kind == "milestone_overdue"] == ["小批量试用"]
    alerts.set_thresholds(bank, people["L001"], "王建国劳模创新工作室", {"milestone_grace_days": 3})
    assert [w for w in alerts.compute(bank) if w.kind == "milestone_overdue"] == []


def test_delivered_requests_raise_no_milestone_warnings(bank, people, running_request, clock):
    incubation.start(bank, people["B001"], running_request)
    incubation.confirm_delivery(bank, people["L001"], running_request)  # milestones still open
    incubation.deliver(bank, people["B001"], running_request)
    clock.advance(days=200)
    assert [w for w in alerts.compute(bank) if w.entity == "incubation"] == []


def test_request_unanswered_after_n_days_per_studio(bank, people, draft_data, clock):
    pid = adopted_project(bank, people, draft_data)
    rid = incubation.create(bank, people["L001"], pid, REQUEST).value
    incubation.submit(bank, people["L001"], rid)
    clock.advance(days=7)
    assert [w for w in alerts.compute(bank) if w.kind == "request_unanswered"] == []  # exactly 7: not yet
    clock.advance(hours=24)
    (w,) = [w for w in alerts.compute(bank) if w.kind == "request_unanswered"]
    assert (w.days, w.threshold) == (8, 7)
    alerts.set_thresholds(bank, people["L001"], "王建国劳模创新工作室", {"unanswered_days": 10})
    assert [w for w in alerts.compute(bank) if w.kind == "request_unanswered"] == []
    assert alerts.thresholds_for(bank, None)["unanswered_days"] == 7  # other studios keep the default
    incubation.accept(bank, people["B001"], rid)
    clock.advance(days=30)
    assert [w for w in alerts.compute(bank) if w.kind == "request_unanswered"] == []


def test_project_stuck_in_one_stage(bank, people, draft_data, clock):
    pid = projects.propose(bank, people["W001"], draft_data, submit=True).value
    projects.propose(bank, people["W002"], draft_data | {"title": "草稿不会停滞"})
    clock.advance(days=30)
    assert [w for w in alerts.compute(bank) if w.kind == "project_stuck"] == []
    clock.advance(days=1, minutes=1)
    (w,) = [w for w in alerts.compute(bank) if w.kind == "project_stuck"]
    assert (w.entity_id, w.days, w.threshold, w.detail) == (pid, 31, 30, "submitted")
    assert "已提交" in w.message
    projects.start_review(bank, people["L001"], pid)  # moving on restarts the clock
    assert [w for w in alerts.compute(bank) if w.kind == "project_stuck"] == []
    alerts.set_thresholds(bank, people["admin"], None, {"stuck_days": {"under_review": 5}})
    clock.advance(days=6)
    assert [(w.entity_id, w.threshold) for w in alerts.compute(bank) if w.kind == "project_stuck"] == [(pid, 5)]


def test_unanswered_applications(bank, people, clock):
    cid = teams.post_call(bank, people["L001"], "难题", "描述", deadline="2025-04-30").value
    teams.apply_call(bank, people["W002"], cid, "我来")
    clock.advance(days=8)
    (w,) = [w for w in alerts.compute(bank) if w.kind == "application_unanswered"]
    assert (w.entity, w.entity_id, w.detail) == ("call", cid, "李四")
    teams.decide_application(bank, people["L001"], cid, "W002", True)
    assert alerts.compute(bank) == []


def test_who_sees_which_warnings(bank, people, running_request, clock):
    clock.advance(days=60)
    all_ = alerts.compute(bank)
    assert all_ and all(w.studio_id for w in all_)
    seen = {who: len(alerts.for_actor(bank, people[who])) for who in ("admin", "B001", "L001", "L002", "W001", "W002")}
    assert seen["admin"] == seen["B001"] == seen["L001"] == len(all_)
    assert seen["L002"] == 0 and seen["W002"] == 0
    assert seen["W001"] == len(all_)  # the proposer: the request is on their project
    assert alerts.on_record(all_, running_request) == [w for w in all_ if w.entity_id == running_request]


def test_threshold_settings_are_checked(bank, people):
    with pytest.raises(PermissionDenied):
        alerts.set_thresholds(bank, people["L002"], "王建国劳模创新工作室", {"stuck_days": 3})
    with pytest.raises(PermissionDenied):
        alerts.set_thresholds(bank, people["L001"], None, {"stuck_days": 3})
    with pytest.raises(ValidationError):
        alerts.set_thresholds(bank, people["L001"], "王建国劳模创新工作室", {"stuck_days": -1})
    with pytest.raises(ValidationError):
        alerts.set_thresholds(bank, people["L001"], "王建国劳模创新工作室", {"sleep_days": 1})


def test_cli_warnings_json_at_a_date(bank, people, running_request, tmp_path, capsys):
    bank.close()
    from app.cli import main
    assert main(["--data-dir", str(tmp_path / "data"), "warnings", "--json", "--at", "2025-03-25"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["count"] == 1
    w = out["warnings"][0]
    assert (w["kind"], w["entity_id"], w["days"]) == ("milestone_overdue", running_request, 5)
    assert main(["--data-dir", str(tmp_path / "data"), "--as", "W002", "warnings", "--json", "--at",
                 "2025-03-25"]) == 0
    assert json.loads(capsys.readouterr().out)["count"] == 0
    assert main(["--data-dir", str(tmp_path / "data"), "warnings", "--at", "25/3"]) == ValidationError.exit_code
    assert main(["--data-dir", str(tmp_path / "data"), "warnings", "config", "--studio", "王建国劳模创新工作室",
                 "--stuck-days", "12", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["stuck_days"] == 12


def test_for_record_looks_at_one_record_only(bank, people, running_request, draft_data, clock):
    other = projects.propose(bank, people["W002"], draft_data | {"title": "另一个"}, submit=True).value
    clock.advance(days=60)
    with bank.session() as s:
        from db.models import IncubationRequest
        pid = s.get(IncubationRequest, running_request).project_id
    everything = alerts.compute(bank)
    assert {w.project_id for w in everything if w.kind == "project_stuck"} == {pid, other}
    on_project = alerts.for_record(bank, people["admin"], pid)
    assert sorted(w.kind for w in on_project) == ["milestone_overdue", "project_stuck"]
    assert [w.kind for w in alerts.for_record(bank, people["admin"], running_request)] == ["milestone_overdue"]
    assert alerts.for_record(bank, people["W002"], pid) == []  # not theirs to see
    assert [w.entity_id for w in alerts.for_record(bank, people["W002"], other)] == [other]
