"""Incubation requests: every step allowed and refused by role and by state, the flow back into the
project lifecycle, audit and notices, the CLI, and the schema on PostgreSQL."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select, update

from app.core import incubation, projects
from app.core.errors import InvalidTransition, NotFound, PermissionDenied, ValidationError
from app.core.paths import attachment_path
from app.core.queries import project_detail
from db.models import AuditLog, IncubationRequest, Notification

STATES = ["draft", "submitted", "accepted", "declined", "in_progress", "delivered", "closed"]
ACTIONS = ["submit", "withdraw", "accept", "decline", "revise", "start", "deliver", "close"]
# Who may take each step, written out by hand (not derived from the code under test). Any
# (state, action) pair not listed is refused for everyone with InvalidTransition.
ALLOWED = {
    ("draft", "submit"): {"studio_leader", "admin"},
    ("submitted", "withdraw"): {"studio_leader", "admin"},
    ("submitted", "accept"): {"base", "admin"},
    ("submitted", "decline"): {"base", "admin"},
    ("declined", "revise"): {"studio_leader", "admin"},
    ("accepted", "start"): {"base", "admin"},
    ("in_progress", "deliver"): {"base", "admin"},
    ("delivered", "close"): {"base", "admin"},
}
TARGET = {"submit": "submitted", "withdraw": "draft", "accept": "accepted", "decline": "declined", "revise": "draft",
          "start": "in_progress", "deliver": "delivered", "close": "closed"}
ACTORS = {"studio_leader": "L001", "other_leader": "L002", "proposer": "W001", "other_worker": "W002",
          "base": "B001", "admin": "admin"}

REQUEST = {
    "services": ["试品加工", "market_promotion"],
    "maturity": "样机",
    "quantity": 50,
    "materials": "ABS 外壳、不锈钢排水槽",
    "budget_lines": [{"item": "材料费", "amount": "2万"}, {"item": "加工费", "amount": 8000}],
    "target_units": ["输电运检车间"],
    "market": "省内变电站",
    "ip_ownership": "公司所有，发明人署名",
    "benefit_sharing": "节约额的 5% 奖励团队",
    "risks": "密封件老化",
    "milestones": [{"title": "样机完成", "due_on": "2025-03-20"}, {"title": "小批量试用", "due_on": "2025-05-31"}],
}


def adopted_project(bank, people, draft_data) -> str:
    pid = projects.propose(bank, people["W001"], draft_data, submit=True).value
    projects.start_review(bank, people["L001"], pid)
    projects.adopt(bank, people["L001"], pid)
    return pid


@pytest.fixture
def project_id(bank, people, draft_data):
    return adopted_project(bank, people, draft_data)


@pytest.fixture
def request_id(bank, people, project_id):
    return incubation.create(bank, people["L001"], project_id, REQUEST).value


def _force(bank, rid, status, project_status="adopted"):
    with bank.write() as s:
        req = s.get(IncubationRequest, rid)
        # the studio's leader has confirmed delivery: open milestones do not hold up the step table
        s.execute(update(IncubationRequest).where(IncubationRequest.id == rid).values(
            status=status, delivery_confirmed_at=dt.datetime(2025, 3, 1, tzinfo=dt.timezone.utc)))
        from db.models import Project
        s.execute(update(Project).where(Project.id == req.project_id).values(status=project_status))


OUTCOME = {"units_made": 10, "adopting_units": ["输电运检车间"], "measured_savings": "1万"}


def _outcome_of(bank, people, rid, who, action) -> str:
    reason = "材料不齐" if action == "decline" else None
    try:
        incubation.move(bank, people[ACTORS[who]], rid, action, reason, outcome=OUTCOME if action == "close" else None)
    except InvalidTransition:
        return "invalid"
    except PermissionDenied:
        return "denied"
    return "ok"


@pytest.mark.parametrize("state", STATES)
def test_step_table(bank, people, request_id, state):
    """state × action × role: one bank per state (fixtures cost 0.6 s), every cell checked, all
    mismatches reported together."""
    wrong = []
    for action in ACTIONS:
        allowed = ALLOWED.get((state, action))
        for who in ACTORS:
            # accept needs the project adopted; close's promote needs it incubating
            _force(bank, request_id, state, "incubating" if state == "delivered" else "adopted")
            expected = "invalid" if allowed is None else ("ok" if who in allowed else "denied")
            got = _outcome_of(bank, people, request_id, who, action)
            with bank.session() as s:
                status = s.get(IncubationRequest, request_id).status
            if got != expected or status != (TARGET[action] if got == "ok" else state):
                wrong.append((state, action, who, expected, got, status))
    assert wrong == []


def test_board_drags_map_to_steps():
    assert incubation.action_between("submitted", "accepted") == "accept"
    assert incubation.action_between("draft", "delivered") is None
    assert incubation.action_between("closed", "draft") is None


def test_full_flow_moves_the_project_and_tells_people(bank, people, project_id, request_id, tmp_path):
    L, B = people["L001"], people["B001"]
    incubation.submit(bank, L, request_id)
    with bank.session() as s:  # the base hears of new work, the proposer of every step
        assert s.scalar(select(Notification.id).where(Notification.user_id == B.id,
                                                      Notification.kind == "incubation")) is not None
    incubation.accept(bank, B, request_id)
    assert project_detail(bank, L, project_id)["status"] == "incubating"
    incubation.start(bank, B, request_id)
    photo = tmp_path / "样机.jpg"
    photo.write_bytes(b"\xff\xd8 prototype photo")
    incubation.update_milestone(bank, B, request_id, 1, "样机已完成装配", done=True, files=[photo])
    incubation.update_milestone(bank, L, request_id, "小批量试用", "试用单位已确定")
    incubation.confirm_delivery(bank, L, request_id)  # the trial is still open: the leader agrees to deliver
    incubation.deliver(bank, B, request_id)
    with pytest.raises(ValidationError, match="成果"):
        incubation.close(bank, B, request_id)
    incubation.close(bank, B, request_id, units_made=50, adopting_units=["输电运检车间", "配电运检车间"],
                     measured_savings="3.5万", note="两家单位采用")
    d = incubation.detail(bank, L, request_id)
    assert d["status"] == "closed" and d["budget_total"] == 28000.0
    assert d["outcome"] == {"units_made": 50, "adopting_units": ["输电运检车间", "配电运检车间"],
                            "measured_savings": 35000.0, "note": "两家单位采用"}
    m1 = d["milestones"][0]
    assert m1["done_on"] == "2025-03-01" and m1["updates"][0]["attachments"][0]["name"] == "样机.jpg"
    assert attachment_path(bank.data_dir, m1["updates"][0]["attachments"][0]["sha256"]).read_bytes() == photo.read_bytes()
    p = project_detail(bank, L, project_id)
    assert p["status"] == "promoted" and p["measured_benefit"] == 35000.0
    steps = [h["new"] for h in d["history"] if h["field"] == "status"]
    assert steps == ["submitted", "accepted", "in_progress", "delivered", "closed"]
    with bank.session() as s:
        proposer_notes = s.scalars(select(Notification.message).where(Notification.user_id == people["W001"].id,
                                                                      Notification.kind == "incubation")).all()
        benefit_audit = s.scalar(select(AuditLog).where(AuditLog.entity_id == project_id,
                                                        AuditLog.field == "measured_benefit"))
    assert len(proposer_notes) >= 5 and any("已结项" in m for m in proposer_notes)
    assert benefit_audit.new_value == "35000.0"


def test_closing_without_adoption_keeps_the_project_incubating(bank, people, project_id, request_id):
    incubation.submit(bank, people["L001"], request_id)
    for step in ("accept", "start"):
        incubation.move(bank, people["B001"], request_id, step)
    incubation.confirm_delivery(bank, people["L001"], request_id)
    incubation.deliver(bank, people["B001"], request_id)
    incubation.close(bank, people["B001"], request_id, units_made=3)
    assert project_detail(bank, people["L001"], project_id)["status"] == "incubating"


def test_decline_needs_a_reason_which_the_studio_sees(bank, people, request_id):
    incubation.submit(bank, people["L001"], request_id)
    with pytest.raises(ValidationError, match="理由"):
        incubation.decline(bank, people["B001"], request_id, "  ")
    incubation.decline(bank, people["B001"], request_id, "加工能力不足，建议外协")
    with bank.session() as s:
        notes = s.scalars(select(Notification.message).where(Notification.user_id == people["L001"].id)).all()
    assert any("加工能力不足" in m for m in notes)
    assert incubation.detail(bank, people["L001"], request_id)["decision_reason"] == "加工能力不足，建议外协"
    incubation.move(bank, people["L001"], request_id, "revise")
    old_ids = [m["id"] for m in incubation.detail(bank, people["L001"], request_id)["milestones"]]
    incubation.edit(bank, people["L001"], request_id, {"quantity": 20,
                                                       "milestones": [{"title": "样机", "due_on": "2025-04-30"}]})
    with bank.session() as s:
        from db.models import Tombstone
        assert sorted(s.scalars(select(Tombstone.entity_id).where(Tombstone.entity == "incubation_milestone"))) \
            == sorted(old_ids)
    incubation.submit(bank, people["L001"], request_id)


def test_only_adopted_or_completed_projects_and_own_studio(bank, people, draft_data):
    draft = projects.propose(bank, people["W001"], draft_data).value
    with pytest.raises(ValidationError, match="已采纳"):
        incubation.create(bank, people["L001"], draft, REQUEST)
    pid = adopted_project(bank, people, draft_data)
    with pytest.raises(PermissionDenied):
        incubation.create(bank, people["W002"], pid, REQUEST)  # not their project (its author may: test_practice_rules)
    with pytest.raises(PermissionDenied):
        incubation.create(bank, people["L002"], pid, REQUEST)  # another studio's leader
    rid = incubation.create(bank, people["L001"], pid, REQUEST).value
    projects.start_work(bank, people["W001"], pid)  # no longer adopted: cannot be submitted
    with pytest.raises(ValidationError, match="已采纳"):
        incubation.submit(bank, people["L001"], rid)


def test_submit_lists_every_missing_item(bank, people, project_id):
    rid = incubation.create(bank, people["L001"], project_id, {}).value
    with pytest.raises(ValidationError) as err:
        incubation.submit(bank, people["L001"], rid)
    assert len(err.value.details) == 3
    with pytest.raises(ValidationError) as err:
        incubation.create(bank, people["L001"], project_id, {"services": ["造火箭"], "quantity": -1,
                                                             "milestones": [{"title": "x", "due_on": "明天"}]})
    assert len(err.value.details) == 3


def test_milestones_only_while_accepted_or_running_and_not_by_workers(bank, people, request_id):
    with pytest.raises(InvalidTransition):
        incubation.update_milestone(bank, people["L001"], request_id, 1, "还没受理")
    _force(bank, request_id, "in_progress", "incubating")
    with pytest.raises(PermissionDenied):
        incubation.update_milestone(bank, people["W002"], request_id, 1, "路人")
    with pytest.raises(NotFound):
        incubation.update_milestone(bank, people["B001"], request_id, 9, "没有第九个")
    incubation.add_milestone(bank, people["B001"], request_id, "推广会", "2025-07-01")
    assert [m["title"] for m in incubation.detail(bank, people["B001"], request_id)["milestones"]][-1] == "推广会"


def test_available_actions_follow_the_table(bank, people, request_id):
    assert incubation.detail(bank, people["L001"], request_id)["actions"] == ["submit"]
    assert incubation.detail(bank, people["B001"], request_id)["actions"] == []
    _force(bank, request_id, "submitted")
    assert incubation.detail(bank, people["B001"], request_id)["actions"] == ["accept", "decline"]


def _cli(tmp_path, *argv):
    from app.cli import main
    return main(["--data-dir", str(tmp_path / "data"), *argv])


def test_cli_flow(bank, people, project_id, tmp_path, capsys):
    number = project_detail(bank, people["L001"], project_id)["number"]
    bank.close()  # the CLI opens the same folder itself
    assert _cli(tmp_path, "--as", "L001", "incubation", "create", number, "--service", "试品加工", "--ip", "公司",
                "--milestone", "样机@2025-04-30", "--budget", "材料费=1.5万", "--submit") == 0
    req_no = capsys.readouterr().out.strip()
    assert req_no.startswith("FH-")
    assert _cli(tmp_path, "--as", "W001", "incubation", "decide", req_no, "accept") == PermissionDenied.exit_code
    assert "没有权限" in capsys.readouterr().err
    assert _cli(tmp_path, "--as", "B001", "incubation", "decide", req_no, "decline") == ValidationError.exit_code
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "理由" in err  # one clear line
    assert _cli(tmp_path, "--as", "B001", "incubation", "decide", req_no, "accept") == 0
    assert _cli(tmp_path, "--as", "B001", "incubation", "deliver", req_no) == InvalidTransition.exit_code
    capsys.readouterr()
    assert _cli(tmp_path, "incubation", "list", "--json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["number"], r["status"], r["project_status"]) for r in rows] == [(req_no, "accepted", "incubating")]
    assert _cli(tmp_path, "incubation", "show", req_no) == 0
    assert "样机" in capsys.readouterr().out


@pytest.mark.postgres
def test_schema_and_flow_on_postgresql(postgres_db, tmp_path, clock):
    from alembic import command

    from app.core import people as P
    from app.core.bank import Bank
    from db.migrate import alembic_config

    bank = Bank.open(tmp_path / "pg", postgres_db, clock=clock)
    try:
        command.downgrade(alembic_config(bank.engine), "0001")
        command.upgrade(alembic_config(bank.engine), "head")
        admin = bank.actor()
        P.add_user(bank, admin, "L9", "领衔人", role="leader")
        P.add_studio(bank, admin, "示范工作室", leader="L9")
        P.add_user(bank, admin, "B9", "基地", role="base")
        L, B = bank.actor("L9"), bank.actor("B9")
        pid = projects.propose(bank, L, {"title": "项目", "category": "小发明", "background": "b", "solution": "s",
                                         "innovation_points": ["p"]}, submit=True).value
        projects.start_review(bank, L, pid)
        projects.adopt(bank, L, pid)
        rid = incubation.create(bank, L, pid, REQUEST).value
        incubation.submit(bank, L, rid)
        incubation.accept(bank, B, rid)
        assert incubation.list_requests(bank)[0]["project_status"] == "incubating"
        # teams, calls, the skills search and warnings run their queries on PostgreSQL too
        from app.core import alerts, teams
        teams.create_team(bank, L, "PG 攻关队", partner_units=[])
        cid = teams.post_call(bank, L, "难题", "描述", deadline="2025-03-31", team="PG 攻关队").value
        teams.apply_call(bank, B, cid, "我来")
        teams.join_alliance(bank, B, "数控加工")
        assert [r["employee_no"] for r in teams.find_people(bank, specialty="数控", project="项目")] == []
        assert [r["employee_no"] for r in teams.find_people(bank, specialty="数控")] == ["B9"]
        later = clock() + dt.timedelta(days=60)
        assert sorted(w.kind for w in alerts.compute(bank, at=later)) == [
            "application_unanswered", "milestone_overdue", "project_stuck"]
    finally:
        bank.close()


@pytest.mark.postgres
def test_concurrent_decisions_queue_on_postgresql(postgres_db, tmp_path, clock):
    """While another transaction holds the request (and changes it), a second decision waits, then
    sees the new state and is refused, instead of both passing the state check."""
    import threading

    from sqlalchemy import text

    from app.core import people as P
    from app.core.bank import Bank

    bank = Bank.open(tmp_path / "pg", postgres_db, clock=clock)
    try:
        admin = bank.actor()
        P.add_user(bank, admin, "L9", "领衔人", role="leader")
        P.add_studio(bank, admin, "示范工作室", leader="L9")
        P.add_user(bank, admin, "B9", "基地", role="base")
        L, B = bank.actor("L9"), bank.actor("B9")
        pid = projects.propose(bank, L, {"title": "项目", "category": "小发明", "background": "b", "solution": "s",
                                         "innovation_points": ["p"]}, submit=True).value
        projects.start_review(bank, L, pid)
        projects.adopt(bank, L, pid)
        rid = incubation.create(bank, L, pid, REQUEST).value
        incubation.submit(bank, L, rid)
        outcome: list[object] = []
        with bank.engine.connect() as other:
            other.execute(text("SELECT id FROM incubation_requests WHERE id = :id FOR UPDATE"), {"id": rid})
            worker = threading.Thread(target=lambda: outcome.append(_try(lambda: incubation.accept(bank, B, rid))))
            worker.start()
            worker.join(1.0)
            assert worker.is_alive()  # waiting for the lock
            other.execute(text("UPDATE incubation_requests SET status = 'declined' WHERE id = :id"), {"id": rid})
            other.commit()
        worker.join(10)
        assert isinstance(outcome[0], InvalidTransition)
        assert incubation.detail(bank, B, rid)["project_status"] == "adopted"
    finally:
        bank.close()


def _try(fn):
    try:
        return fn()
    except Exception as exc:  # noqa: BLE001 - the test inspects what the thread raised
        return exc
