"""The permission table, cell by cell: every use case × every kind of person × every state.

For each cell the test states what is expected (EXPECT below, written from the user guide, not
read from permissions.TABLE), asks the core what it would answer (the Verdicts the window and the
CLI show), and then runs the use case itself: an allowed cell must succeed, a refused one must be
refused with an IdeaBankError and change nothing the test looks at. A use case added to the table
without a line here fails `test_every_use_case_is_expected`.
"""
from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import update

from app.core import (
    alerts,
    attachments,
    auth,
    campaigns,
    demo,
    discussion,
    dispatch,
    incubation,
    integrity,
    ledger,
    permissions,
    projects,
    queries,
    reviews,
    studio_settings,
    teams,
    transfer,
)
from app.core import org as O_
from app.core import people as P
from app.core.campaign_export import export_xlsx
from app.core.errors import IdeaBankError, PermissionDenied
from app.core.lifecycle import CALL_STATES, REQUEST_STATUSES, STEPS, TASK_STATES, TASK_STEPS, TRANSITIONS
from app.core.vocab import STATUSES
from app.dossier.export import BatchFilter, batch_ids
from app.dossier.gather import gather
from app.sync import hub, package, trust
from db.models import DispatchTarget, DispatchTask, IncubationRequest, OpenCall, Project, ProjectMember, User

A, B, L, OL, O, M, W = "admin", "base", "leader", "other_leader", "owner", "member", "worker"  # noqa: E741 - O: owner
PROFILES = (A, B, L, OL, O, M, W)
NO = {A: "admin", B: "B001", L: "L001", OL: "L002", O: "W001", M: "W003", W: "W002"}
ANY = None  # in every state
EDITABLE = {"draft", "not_adopted"}
STAFF = {A: ANY, L: ANY}  # the leader of the record's studio (L) and administrators

# What the user guide promises. "owner" is the record's proposer, team leader, poster or requester;
# "member" a co-author, a team member or (for calls) the leader of the call's team; "leader" the
# leader of the record's studio, "other_leader" the leader of another studio.
EXPECT: dict[str, dict[str, set[str] | None]] = {
    "project.propose": dict.fromkeys(PROFILES),
    "project.view_secret": {A: ANY, L: ANY, O: ANY, M: ANY},
    "project.view_draft": {O: ANY, M: ANY},
    "project.edit": {**STAFF, O: EDITABLE, M: EDITABLE},
    "project.delete": {A: ANY, O: {"draft"}},
    "project.merge": STAFF,
    "project.undo_merge": STAFF,
    "project.review": STAFF,
    "project.read_private_notes": STAFF,
    "project.confirm_kiosk": STAFF,
    "project.attach": {**STAFF, O: ANY, M: ANY},
    "project.comment": dict.fromkeys(PROFILES),
    "project.ask_to_join": {p: ANY for p in PROFILES if p not in (O, M)},
    "project.add_co_author": {**STAFF, O: ANY},
    "project.vote": dict.fromkeys(PROFILES),
    "project.export_dossier": {**STAFF, B: ANY, O: ANY, M: ANY},
    "project.request_incubation": {p: {"adopted", "completed"} for p in (A, L, O, M)},
    "project.enter_campaign": {**STAFF, O: ANY, M: ANY},
    "project.submit": {**STAFF, O: ANY, M: ANY},
    "project.withdraw": {A: ANY, O: ANY, M: ANY},
    "project.start_review": STAFF,
    "project.adopt": STAFF,
    "project.not_adopt": STAFF,
    "project.revise": {**STAFF, O: ANY, M: ANY},
    "project.start_work": {**STAFF, O: ANY, M: ANY},
    "project.complete": STAFF,
    "project.incubate": {**STAFF, B: ANY},
    "project.promote": {A: ANY, B: ANY},
    "studio.create_team": STAFF,
    "studio.export_batch": {**STAFF, B: ANY},
    "studio.import": STAFF,
    "studio.configure_warnings": STAFF,
    "studio.edit_profile": STAFF,
    "studio.configure": STAFF,
    "studio.manage_members": STAFF,
    "studio.edit_people": STAFF,
    "studio.keep_ledger": STAFF,
    "studio.export_ledger": {A: ANY, B: ANY, L: ANY, OL: ANY},
    "team.manage": {**STAFF, O: ANY},
    "team.log_activity": {**STAFF, O: ANY, M: ANY},
    "team.post_call": {**STAFF, O: ANY},
    "call.post": {A: ANY, L: ANY, OL: ANY},
    "call.apply": {p: {"open"} for p in PROFILES if p != O},
    "call.decide": {**STAFF, O: ANY, M: ANY},
    "call.close": {A: {"open", "expired"}, O: {"open", "expired"}},
    "alliance.join": dict.fromkeys(PROFILES),
    "alliance.enrol": {A: ANY, L: ANY, OL: ANY},
    "incubation.edit": {A: {"draft"}, L: {"draft"}, O: {"draft"}},
    "incubation.submit": {**STAFF, O: ANY},
    "incubation.withdraw": {**STAFF, O: ANY},
    "incubation.revise": {**STAFF, O: ANY},
    "incubation.accept": {A: ANY, B: ANY},
    "incubation.decline": {A: ANY, B: ANY},
    "incubation.start": {A: ANY, B: ANY},
    "incubation.deliver": {A: ANY, B: ANY},
    "incubation.confirm_delivery": {A: {"in_progress"}, L: {"in_progress"}},
    "incubation.close": {A: ANY, B: ANY},
    "incubation.report_progress": {p: {"accepted", "in_progress"} for p in (A, B, L, O)},
    "warning.view": {A: ANY, B: ANY, L: ANY, O: ANY, M: ANY},
    # a task the leader (L) dispatched, with the owner (O) responsible for its unit
    "task.send": {A: ANY, L: ANY, OL: ANY},
    "campaign.manage": {A: ANY},
    "campaign.export": {A: ANY, L: ANY, OL: ANY},
    "task.view": {A: ANY, L: ANY, O: ANY},
    "task.report": {O: ANY},
    "task.remind": STAFF,
    "task.accept": STAFF,
    "task.return": STAFF,
    "user.manage": {A: ANY},
    "studio.manage": {A: ANY},
    "unit.manage": {A: ANY},
    "site.settings": {A: ANY},
    "data.import": {A: ANY, L: ANY, OL: ANY},
    "data.export": {A: ANY, L: ANY, OL: ANY, B: ANY},
    "data.backup": {A: ANY},
    "data.demo": {A: ANY},
    "sync.hub": dict.fromkeys(PROFILES),
    "sync.resolve": {A: ANY, L: ANY, OL: ANY},  # per conflict: the leader of its project's studio (tests/sync)
    "sync.package": {A: ANY},
    "site.manage": {A: ANY},
}
MACHINE = {f"project.{a}": tr.sources for a, tr in TRANSITIONS.items()} | \
          {f"incubation.{a}": st.sources for a, st in STEPS.items()} | \
          {f"task.{a}": st.sources for a, st in TASK_STEPS.items()}


def expected(use_case: str, profile: str, state: str | None) -> bool:
    rule = EXPECT[use_case]
    if state == "draft" and use_case.startswith("project.") and use_case != "project.propose" and profile not in (O, M):
        return False  # a draft is private to its authors: nobody else sees or acts on it
    if profile not in rule:
        return False
    if use_case in MACHINE and state is not None and state not in MACHINE[use_case]:
        return False
    states = rule[profile]
    return states is None or state in states


def test_every_use_case_is_expected():
    assert set(EXPECT) == set(permissions.TABLE)


def run_cell(use_case: str, profile: str, state: str | None, verdicts, action, *, gate: bool = False) -> None:
    """The verdict and the core agree with the expectation for one cell. With `gate`, the use case
    needs more than this bank to succeed (a hub, a peer's key): the cell checks only that the core
    refuses with PermissionDenied exactly when it should."""
    want = expected(use_case, profile, state)
    short = use_case.partition(".")[2]
    got = verdicts.may(short) if verdicts is not None else None
    where = f"{use_case} as {profile} in state {state}"
    if got is not None:
        assert got == want, f"verdict for {where}: {got}, expected {want} ({verdicts.why(short)})"
        if not want:
            assert verdicts.why(short), f"no reason given for {where}"
    try:
        action()
    except PermissionDenied as exc:
        assert not want, f"core refused {where}: {exc.message}"
    except IdeaBankError as exc:
        assert not want or gate, f"core refused {where}: {exc.message}"
        assert not gate or want, f"core let {where} past the permission check: {exc.message}"
    else:
        assert want, f"core allowed {where}"


@pytest.fixture
def org(bank, people):
    admin = people["admin"]
    P.add_user(bank, admin, "W003", "王五", studio="王建国劳模创新工作室")
    P.add_user(bank, admin, "W004", "钱八")  # someone others enrol and add
    return {p: bank.actor(no) for p, no in NO.items()}


def _new_project(bank, org, draft_data, status: str, **values) -> str:
    pid = projects.propose(bank, org[O], draft_data | {"co_authors": ["W003"]}).value
    with bank.write() as s:
        s.execute(update(Project).where(Project.id == pid).values(status=status, **values))
    return pid


def _project_verdicts(bank, actor, pid):
    with bank.session() as s:
        return permissions.for_project(actor, projects.load(s, pid))


def test_project_use_cases(bank, org, draft_data, tmp_path):
    pid = _new_project(bank, org, draft_data, "submitted")
    reviews.review(bank, org[L], pid, scores={"creativity": 5}, private_note="内部意见")
    photo = tmp_path / "现场.txt"
    photo.write_text("x", encoding="utf-8")
    cid = campaigns.create(bank, org[A], "立功竞赛", "2025-01-01", "2025-12-31").value
    cells = {
        "project.propose": lambda a, p: projects.propose(bank, a, draft_data),
        "project.view_secret": lambda a, p: queries.project_detail(bank, a, p),
        "project.view_draft": lambda a, p: queries.project_detail(bank, a, p),
        "project.edit": lambda a, p: projects.edit(bank, a, p, {"tags": ["x", a.employee_no]}),
        "project.delete": lambda a, p: projects.delete_project(bank, a, p),
        "project.merge": lambda a, p: projects.merge(bank, a, pid, p),
        "project.undo_merge": lambda a, p: (projects.merge(bank, org[A], pid, p), projects.undo_merge(bank, a, p)),
        "project.review": lambda a, p: reviews.review(bank, a, p, scores={"creativity": 3}),
        "project.read_private_notes": lambda a, p: _private_note(bank, a, p),
        "project.confirm_kiosk": lambda a, p: auth.confirm_kiosk(bank, a, p),
        "project.attach": lambda a, p: attachments.add(bank, a, p, photo),
        "project.comment": lambda a, p: discussion.comment(bank, a, p, "好"),
        "project.ask_to_join": lambda a, p: projects.ask_to_join(bank, a, p),
        "project.add_co_author": lambda a, p: _add_and_remove(bank, a, p),
        "project.vote": lambda a, p: (discussion.vote(bank, a, p), discussion.unvote(bank, a, p)),
        "project.export_dossier": lambda a, p: gather(bank, a, p),
        "project.request_incubation": lambda a, p: incubation.create(bank, a, p, {}),
        "project.enter_campaign": lambda a, p: (campaigns.enter(bank, a, cid, p), campaigns.withdraw(bank, a, cid, p)),
    } | {f"project.{action}": (lambda a, p, action=action: projects.move(bank, a, p, action, "理由"))
         for action in TRANSITIONS}
    assert set(cells) == {u for u in permissions.TABLE if u.startswith("project.")}
    for use_case, act in cells.items():
        fresh = use_case in ("project.delete", "project.merge", "project.undo_merge")  # these consume their project
        for state, profiles in _cells(use_case, STATUSES):
            for profile in profiles:
                target = _new_project(bank, org, draft_data, state) if fresh else pid
                with bank.write() as s:
                    s.execute(update(Project).where(Project.id == target).values(
                        status=state, kiosk=True,
                        confidentiality="secret" if use_case == "project.view_secret" else "internal"))
                actor = org[profile]
                verdicts = _project_verdicts(bank, actor, target) if use_case != "project.propose" else None
                run_cell(use_case, profile, state if verdicts else None, verdicts, lambda: act(actor, target))


def _cells(use_case: str, all_states):
    """The states worth running each use case in, with the people to run it as: every state for a
    rule that depends on the state; a lifecycle action from its source states (every person) and
    from the others (once: the state machine refuses before anyone is asked); two states else."""
    if use_case in ("project.propose", "project.view_draft"):
        return [("draft", PROFILES)]
    if use_case in MACHINE:
        return [(st, PROFILES if st in MACHINE[use_case] else (A,)) for st in all_states]
    if any(states is not None for states in EXPECT[use_case].values()):
        return [(st, PROFILES) for st in all_states]
    return [(st, PROFILES) for st in list(all_states)[:2]]


def _add_and_remove(bank, actor, pid):
    projects.add_co_author(bank, actor, pid, "W004")
    with bank.write() as s:  # back as it was, for the next cell
        s.query(ProjectMember).filter(ProjectMember.project_id == pid, ProjectMember.user_id.in_(
            s.query(User.id).filter(User.employee_no == "W004"))).delete(synchronize_session=False)


def test_sync_conflicts_are_settled_by_their_studios_leader(bank, org, draft_data):
    from app.sync import conflicts
    from db.models import SyncConflict
    pid = _new_project(bank, org, draft_data, "submitted")  # a draft is hidden from leaders and administrators
    studio = org[L].studio_id
    for profile in PROFILES:
        with bank.write() as s:  # a title two sites changed at once, written by the worker's site
            row = SyncConflict(kind="field", entity="projects", entity_id=pid, field="title", project_id=pid,
                               studio_id=studio, value="另一个标题", value_by=org[O].id, winner=draft_data["title"])
            s.add(row)
            s.flush()
            cid = row.id
        actor = org[profile]
        want = profile in STAFF  # per conflict: its project's studio leader and administrators
        try:
            conflicts.resolve(bank, actor, cid, "keep")
        except IdeaBankError as exc:
            assert not want, f"core refused sync.resolve as {profile}: {exc.message}"
        else:
            assert want, f"core allowed sync.resolve as {profile}"
        assert permissions.allowed(actor, "sync.resolve", permissions.studio_subject(studio)) == want


def _private_note(bank, actor, pid):
    if reviews.reviews_of(bank, actor, pid)[0]["private_note"] is None:
        raise IdeaBankError("no private note")  # the cell's "refused": the note is withheld


def test_studio_and_site_use_cases(bank, org, tmp_path):
    studio = "王建国劳模创新工作室"
    rows = tmp_path / "one.json"
    rows.write_text(json.dumps([{"title": "导入", "category": "小建议", "background": "b", "solution": "s",
                                 "innovation_points": ["p"], "proposer": "W001", "studio": studio}],
                               ensure_ascii=False), encoding="utf-8")
    no_studio = tmp_path / "none.json"
    no_studio.write_text(json.dumps([{"title": "导入", "category": "小建议", "background": "b", "solution": "s",
                                      "innovation_points": ["p"], "proposer": "W002"}], ensure_ascii=False),
                         encoding="utf-8")
    with bank.session() as s:
        from app.core.people import studio_by_name
        sid = studio_by_name(s, studio).id
    studio_cells = {
        "studio.create_team": lambda a, n: teams.create_team(bank, a, f"队{n}", studio=studio),
        "studio.export_batch": lambda a, n: batch_ids(bank, a, BatchFilter(studio=studio)),
        "studio.import": lambda a, n: transfer.import_projects(bank, a, rows, dry_run=True),
        "studio.configure_warnings": lambda a, n: alerts.set_thresholds(bank, a, studio, {"stuck_days": 40}),
        "studio.edit_profile": lambda a, n: O_.edit_studio(bank, a, studio, {"premises": f"二楼 {n} 室"}),
        "studio.configure": lambda a, n: studio_settings.set_answer_templates(bank, a, studio, [f"答复{n}"]),
        "studio.manage_members": lambda a, n: (P.edit_user(bank, a, "W004", {"studio": studio}),
                                               P.edit_user(bank, a, "W004", {"studio": ""})),
        "studio.edit_people": lambda a, n: P.edit_user(bank, a, "W003", {"specialty": f"专长{n}"}),
        "studio.keep_ledger": lambda a, n: ledger.add_record(bank, a, studio, "study", f"学习{n}", "2025-05-10"),
        "studio.export_ledger": lambda a, n: ledger.export_ledger(bank, a, studio, 2025, tmp_path / f"l{n}.xlsx"),
    }
    site_cells = {
        "user.manage": lambda a, n: P.add_user(bank, a, f"N{n}", "新人"),
        "studio.manage": lambda a, n: P.add_studio(bank, a, f"工作室{n}"),
        "unit.manage": lambda a, n: P.add_unit(bank, a, f"班组{n}"),
        "site.settings": lambda a, n: auth.set_idle_minutes(bank, a, 20),
        "data.import": lambda a, n: transfer.import_projects(bank, a, no_studio, dry_run=True),
        "data.export": lambda a, n: transfer.export_projects(bank, a, tmp_path / f"out{n}.json"),
        "data.backup": lambda a, n: integrity.check_bank(bank, a, verify_files=False),
        "data.demo": lambda a, n: demo.generate(bank, a, 0, append=True),
        "project.propose": None, "call.post": None, "alliance.join": None, "alliance.enrol": None,  # elsewhere
    }
    gates = {
        "sync.hub": lambda a, n: hub.sync(bank, a, "postgresql://nobody@127.0.0.1:9/none"),
        "sync.package": lambda a, n: package.import_package(bank, a, tmp_path / "none.zip"),
        "site.manage": lambda a, n: trust.untrust(bank, a, "no-such-site"),
    }
    assert set(studio_cells) == {u for u in permissions.TABLE if u.startswith("studio.") and u != "studio.manage"}
    n = 0
    for use_case, act in studio_cells.items():
        for profile in PROFILES:
            n += 1
            actor = org[profile]
            run_cell(use_case, profile, None, permissions.for_studio(actor, sid), lambda: act(actor, n))
    # The site's own warning settings: administrators only.
    assert [p for p in PROFILES if permissions.allowed(org[p], "studio.configure_warnings",
                                                       permissions.studio_subject(None))] == [A]
    for use_case, act in site_cells.items():
        if act is None:
            continue
        for profile in PROFILES:
            n += 1
            actor = org[profile]
            assert permissions.can(actor, use_case) == expected(use_case, profile, None), (use_case, profile)
            run_cell(use_case, profile, None, None, lambda: act(actor, n))
    for use_case, act in gates.items():
        for profile in PROFILES:
            actor = org[profile]
            run_cell(use_case, profile, None, None, lambda: act(actor, 0), gate=True)


def test_team_call_and_alliance_use_cases(bank, org, clock):
    studio = "王建国劳模创新工作室"
    team = teams.create_team(bank, org[A], "巡检攻关队", studio=studio, leader="W001").value
    teams.add_member(bank, org[A], team, "W003")
    call_team = teams.create_team(bank, org[A], "揭榜队", studio=studio, leader="W003").value

    def team_verdicts(actor):
        with bank.session() as s:
            return permissions.for_team(actor, teams.team_ref(s, team))
    team_cells = {
        "team.manage": lambda a: (teams.add_member(bank, a, team, "W004"), teams.remove_member(bank, a, team, "W004")),
        "team.log_activity": lambda a: teams.log_activity(bank, a, team, "meeting", "例会"),
        "team.post_call": lambda a: teams.post_call(bank, a, "难题", "描述", deadline="2999-12-31", team=team),
    }
    assert set(team_cells) == {u for u in permissions.TABLE if u.startswith("team.")}
    for use_case, act in team_cells.items():
        for profile in PROFILES:
            actor = org[profile]
            run_cell(use_case, profile, None, team_verdicts(actor), lambda: act(actor))

    def new_call(state: str) -> str:
        cid = teams.post_call(bank, org[A], "揭榜", "难题", deadline="2999-12-31", team=call_team).value
        teams.apply_call(bank, org[W], cid, "我来")
        values = {"poster_id": org[O].id}
        if state == "expired":
            values["deadline"] = clock.now - dt.timedelta(days=1)
        elif state == "closed":
            values["status"] = "closed"
        with bank.write() as s:
            s.execute(update(OpenCall).where(OpenCall.id == cid).values(**values))
        return cid

    def call_verdicts(actor, cid):
        with bank.session() as s:
            row = teams.call_ref(s, cid)
            return permissions.for_call(actor, row, row.team, teams.call_state(row, bank.now()))
    call_cells = {
        "call.apply": lambda a, c: teams.apply_call(bank, a, c, "我有办法") if a.employee_no != "W002" else
        _refuse_second_application(bank, a, c),
        "call.decide": lambda a, c: teams.decide_application(bank, a, c, "W002", accept=False, reason="人已够"),
        "call.close": lambda a, c: teams.close_call(bank, a, c),
    }
    for use_case, act in call_cells.items():
        for state in CALL_STATES:
            for profile in PROFILES:
                cid = new_call(state)
                actor = org[profile]
                run_cell(use_case, profile, state, call_verdicts(actor, cid), lambda: act(actor, cid))
    for use_case, act in {"call.post": lambda a: teams.post_call(bank, a, "难题", "描述", deadline="2999-12-31"),
                          "alliance.join": lambda a: (teams.join_alliance(bank, a, "继电保护"),
                                                      teams.leave_alliance(bank, a)),
                          "alliance.enrol": lambda a: (teams.join_alliance(bank, a, "继电保护", who="W004"),
                                                       teams.leave_alliance(bank, org[A], who="W004"))}.items():
        for profile in PROFILES:
            actor = org[profile]
            assert permissions.can(actor, use_case) == expected(use_case, profile, None), (use_case, profile)
            run_cell(use_case, profile, None, None, lambda: act(actor))


def _refuse_second_application(bank, actor, cid):
    """W002 applied when the call was made: a second application is refused as a conflict, which is
    not what this cell is about; take theirs back and apply again."""
    from db.models import CallApplication
    with bank.write() as s:
        s.query(CallApplication).filter(CallApplication.call_id == cid).delete()
    teams.apply_call(bank, actor, cid, "我有办法")


REQUEST = {"services": ["试品加工"], "ip_ownership": "公司", "milestones": [{"title": "样机", "due_on": "2025-06-30"}]}


def test_incubation_use_cases(bank, org, draft_data, clock):
    clock_now = clock.now
    pid = _new_project(bank, org, draft_data, "adopted")
    rid = incubation.create(bank, org[A], pid, REQUEST).value
    with bank.write() as s:  # a request filed by the worker who proposed the project
        s.execute(update(IncubationRequest).where(IncubationRequest.id == rid).values(requester_id=org[O].id))
    outcome = {"units_made": 3}
    cells = {
        "incubation.edit": lambda a: incubation.edit(bank, a, rid, {"quantity": 3}),
        "incubation.confirm_delivery": lambda a: incubation.confirm_delivery(bank, a, rid),
        "incubation.report_progress": lambda a: incubation.update_milestone(bank, a, rid, 1, "进展"),
    } | {f"incubation.{action}": (lambda a, action=action: incubation.move(bank, a, rid, action, "理由",
                                                                            outcome=outcome))
         for action in STEPS}
    assert set(cells) == {u for u in permissions.TABLE if u.startswith("incubation.")}
    for use_case, act in cells.items():
        for state, profiles in _cells(use_case, REQUEST_STATUSES):
            for profile in profiles:
                with bank.write() as s:
                    # confirmed, so delivering with the milestone still open is a matter of permission only
                    s.execute(update(IncubationRequest).where(IncubationRequest.id == rid).values(
                        status=state, delivery_confirmed_at=None if use_case.endswith("confirm_delivery") else clock_now))
                    s.execute(update(Project).where(Project.id == pid).values(status="adopted"))
                actor = org[profile]
                with bank.session() as s:
                    verdicts = permissions.for_request(actor, incubation.load(s, rid))
                run_cell(use_case, profile, state, verdicts, lambda: act(actor))


def test_warning_use_case(bank, org, draft_data, clock):
    pid = _new_project(bank, org, draft_data, "submitted")
    clock.advance(days=400)
    for profile in PROFILES:
        actor = org[profile]
        seen = [w for w in alerts.for_actor(bank, actor) if w.project_id == pid]
        with bank.session() as s:
            p = projects.load(s, pid)
            concerned = {m.user_id for m in p.members} | {p.proposer_id}
            verdicts = permissions.for_warning(actor, p.studio_id, concerned & {actor.id})

        def look() -> None:
            if not seen:
                raise IdeaBankError("not shown")
        run_cell("warning.view", profile, None, verdicts, look)


def test_task_use_cases(bank, org):
    tid = dispatch.send(bank, org[L], "隐患排查", "2025-03-31", [("变电运维车间", "W001")]).value
    target = dispatch.my_target(bank, org[O], tid)
    cells = {
        "task.send": lambda a: dispatch.send(bank, a, "通知", "2025-03-31", [("输电运检车间", "W002")], kind="notice"),
        "task.view": lambda a: dispatch.detail(bank, a, tid),
        "task.report": lambda a: dispatch.report(bank, a, target, note="完成", summary=True),
        "task.remind": lambda a: dispatch.remind(bank, a, tid),
        "task.accept": lambda a: dispatch.accept(bank, a, target),
        "task.return": lambda a: dispatch.return_report(bank, a, target, "材料不全"),
    }
    assert set(cells) == {u for u in permissions.TABLE if u.startswith("task.")}
    for use_case, act in cells.items():
        for state, profiles in _cells(use_case, TASK_STATES):
            for profile in profiles:
                with bank.write() as s:
                    s.execute(update(DispatchTarget).where(DispatchTarget.id == target).values(state=state))
                    s.execute(update(DispatchTask).where(DispatchTask.id == tid).values(status="open"))
                actor = org[profile]
                run_cell(use_case, profile, state, dispatch.verdicts(bank, actor, target), lambda: act(actor))


def test_campaign_use_cases(bank, org, tmp_path):
    cid = campaigns.create(bank, org[A], "立功竞赛", "2025-01-01", "2025-12-31").value
    cells = {
        "campaign.manage": lambda a, n: campaigns.edit(bank, a, cid, theme=f"主题{n}"),
        "campaign.export": lambda a, n: export_xlsx(bank, a, cid, tmp_path / f"c{n}.xlsx"),
    }
    assert set(cells) == {u for u in permissions.TABLE if u.startswith("campaign.")}
    n = 0
    for use_case, act in cells.items():
        for profile in PROFILES:
            n += 1
            actor = org[profile]
            assert permissions.can(actor, use_case) == expected(use_case, profile, None), (use_case, profile)
            run_cell(use_case, profile, None, None, lambda: act(actor, n))

