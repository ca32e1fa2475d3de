"""Change sets between two sites: everything travels, applying twice changes nothing, same-field
edits become conflicts, different fields merge, deletions meet edits, votes stay one per person,
secret projects stay with the sites that may see them, records arriving early wait for their parents."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.core import discussion, projects, teams
from app.core import people as P
from app.core.errors import ValidationError
from app.sync import changeset
from db.models import Comment, Project, ProjectMember, SyncConflict, SyncPending, User, Vote

DRAFT = {"title": "变电站巡检机器人防雨罩改进", "category": "小革新", "background": "雨天巡检时机器人摄像头进水。",
         "solution": "设计可自动开合的防雨罩。", "innovation_points": ["自动开合", "排水槽"]}


def org(site):
    admin = site.actor()
    P.add_unit(site.bank, admin, "变电运维车间", "workshop")
    P.add_user(site.bank, admin, "L001", "王建国", role="leader", unit="变电运维车间")
    P.add_studio(site.bank, admin, "王建国劳模创新工作室", "provincial", unit="变电运维车间", leader="L001")
    P.add_user(site.bank, admin, "W001", "张三", unit="变电运维车间", studio="王建国劳模创新工作室")
    P.add_user(site.bank, admin, "W002", "李四", unit="变电运维车间")


def snapshot(bank):
    """What a person would compare: projects (fields, co-authors), comments, votes."""
    with bank.session() as s:
        ps = {p.id: (p.number, p.title, p.status, p.background, p.vote_count, p.comment_count, p.confidentiality)
              for p in s.scalars(select(Project))}
        members = sorted(s.execute(select(ProjectMember.project_id, ProjectMember.user_id, ProjectMember.position)).all())
        comments = sorted(s.execute(select(Comment.id, Comment.project_id, Comment.body)).all())
        votes = sorted(s.execute(select(Vote.project_id, Vote.user_id)).all())
        users = sorted(s.execute(select(User.id, User.employee_no, User.name)).all())
    return ps, members, comments, votes, users


def conflicts(bank):
    with bank.session() as s:
        return sorted((c.id, c.kind, c.field, c.value) for c in s.scalars(select(SyncConflict)))


@pytest.fixture
def pair(sites):
    a, b = sites(2)
    org(a)
    b.take(a)
    return a, b


def test_everything_travels_and_applying_twice_changes_nothing(pair):
    a, b = pair
    w = a.actor("W001")
    pid = projects.propose(a.bank, w, DRAFT | {"co_authors": ["W002"]}, submit=True).value
    discussion.comment(a.bank, a.actor("W002"), pid, "建议加装排水槽")
    discussion.vote(a.bank, a.actor("W002"), pid)
    changes = changeset.collect(a.bank, 0, for_site=b.id)
    report = changeset.apply(b.bank, changes, blob=lambda sha: None)
    assert report.applied > 0 and report.conflicts == 0 and report.parked == 0
    assert snapshot(b.bank) == snapshot(a.bank)
    before = b.bank.setting("x")  # noqa: F841
    again = changeset.apply(b.bank, changes, blob=lambda sha: None)
    assert again.applied == 0 and again.unchanged == len(changes.records)
    assert snapshot(b.bank) == snapshot(a.bank)
    # and the way back carries nothing new: what b has came from a unchanged
    back = changeset.collect(b.bank, 0, for_site=a.id)
    assert [r for r in back.records if r["table"] == "projects"] == []


def test_concurrent_edits_of_one_field_keep_the_later_and_record_the_other(pair):
    a, b = pair
    pid = projects.propose(a.bank, a.actor("W001"), DRAFT, submit=True).value
    b.take(a)
    a.bank.clock.advance(minutes=1)
    projects.edit(a.bank, a.actor(), pid, {"title": "A 改的标题", "background": "A 改的背景"})
    b.bank.clock.advance(minutes=2)  # b's edit is the later one
    projects.edit(b.bank, b.actor("L001"), pid, {"title": "B 改的标题", "solution": "B 改的方案"})
    b.take(a)
    a.take(b)
    assert snapshot(a.bank) == snapshot(b.bank)
    with a.bank.session() as s:
        p = s.get(Project, pid)
        assert (p.title, p.background, p.solution) == ("B 改的标题", "A 改的背景", "B 改的方案")
    found = conflicts(a.bank)
    assert found == conflicts(b.bank) and [(k, f, v) for _, k, f, v in found] == [("field", "title", "A 改的标题")]
    # once both have synced, nothing more travels and nothing new collides
    assert b.take(a).applied == 0 and a.take(b).applied == 0 and conflicts(a.bank) == found


def test_an_edit_made_on_top_of_the_other_sites_edit_is_no_conflict(pair):
    a, b = pair
    pid = projects.propose(a.bank, a.actor("W001"), DRAFT, submit=True).value
    b.take(a)
    projects.edit(a.bank, a.actor("L001"), pid, {"title": "第二版"})
    b.take(a)
    b.bank.clock.advance(minutes=1)
    projects.edit(b.bank, b.actor("L001"), pid, {"title": "第三版"})
    a.take(b)
    with a.bank.session() as s:
        assert s.get(Project, pid).title == "第三版"
    assert conflicts(a.bank) == [] and conflicts(b.bank) == []


def test_the_same_person_voting_on_two_sites_counts_once(pair):
    a, b = pair
    pid = projects.propose(a.bank, a.actor("W001"), DRAFT, submit=True).value
    b.take(a)
    discussion.vote(a.bank, a.actor("W002"), pid)
    discussion.vote(b.bank, b.actor("W002"), pid)
    b.take(a)
    a.take(b)
    b.take(a)
    assert snapshot(a.bank) == snapshot(b.bank)
    with a.bank.session() as s:
        assert s.scalar(select(func.count()).select_from(Vote)) == 1 and s.get(Project, pid).vote_count == 1


def test_comments_from_both_sites_are_all_kept(pair):
    a, b = pair
    pid = projects.propose(a.bank, a.actor("W001"), DRAFT, submit=True).value
    b.take(a)
    discussion.comment(a.bank, a.actor("W002"), pid, "A 的评论")
    discussion.comment(b.bank, b.actor("L001"), pid, "B 的评论")
    b.take(a)
    a.take(b)
    assert snapshot(a.bank) == snapshot(b.bank)
    with a.bank.session() as s:
        assert sorted(s.scalars(select(Comment.body))) == ["A 的评论", "B 的评论"]
        assert s.get(Project, pid).comment_count == 2


def test_a_delete_that_did_not_see_an_edit_keeps_the_record_and_flags_it(pair):
    a, b = pair
    pid = projects.propose(a.bank, a.actor("W001"), DRAFT, submit=True).value
    b.take(a)
    projects.delete_project(a.bank, a.actor(), pid)
    projects.edit(b.bank, b.actor("L001"), pid, {"title": "删不掉的修改"})
    b.take(a)  # b hears of the deletion after its edit: keeps it
    a.take(b)  # a gets the edited record back
    b.take(a)
    for site in (a, b):
        with site.bank.session() as s:
            assert s.get(Project, pid).title == "删不掉的修改"
        assert [k for _, k, _, _ in conflicts(site.bank)] == ["edit_delete"]
    assert snapshot(a.bank) == snapshot(b.bank)


def test_a_delete_that_saw_every_edit_wins(pair):
    a, b = pair
    pid = projects.propose(a.bank, a.actor("W001"), DRAFT, submit=True).value
    projects.edit(a.bank, a.actor("L001"), pid, {"title": "改过"})
    b.take(a)
    projects.delete_project(b.bank, b.actor(), pid)
    a.take(b)
    with a.bank.session() as s:
        assert s.get(Project, pid) is None
    assert conflicts(a.bank) == []


def test_secret_projects_stay_with_the_sites_whose_people_may_see_them(pair):
    a, b = pair
    secret = projects.propose(a.bank, a.actor("W001"), DRAFT | {"title": "秘密项目", "confidentiality": "secret"}, submit=True).value
    open_ = projects.propose(a.bank, a.actor("W001"), DRAFT | {"title": "公开项目"}, submit=True).value
    discussion.comment(a.bank, a.actor("W001"), secret, "秘密评论")
    worker_site = changeset.collect(a.bank, 0, for_site=b.id, people=[b.actor("W002").id])
    ids = {r["values"]["id"] for r in worker_site.records}
    assert open_ in ids and secret not in ids
    assert not any("秘密" in str(r["values"]) for r in worker_site.records)  # no comment, no audit entry
    unknown = changeset.collect(a.bank, 0, for_site=b.id)  # nobody known at b: nothing secret
    assert secret not in {r["values"]["id"] for r in unknown.records}
    leader_site = changeset.collect(a.bank, 0, for_site=b.id, people=[b.actor("L001").id])
    assert secret in {r["values"]["id"] for r in leader_site.records}


def test_a_record_that_arrives_before_its_parent_waits_for_it(pair):
    a, b = pair
    pid = projects.propose(a.bank, a.actor("W001"), DRAFT, submit=True).value
    first = changeset.collect(a.bank, b.received[a.id], for_site=b.id)
    discussion.comment(a.bank, a.actor("W002"), pid, "先到的评论")
    second = changeset.collect(a.bank, first.until, for_site=b.id)
    assert {r["table"] for r in second.records} >= {"comments"}
    second.records = [r for r in second.records if r["table"] != "projects"]  # as a package would carry it
    report = changeset.apply(b.bank, second, blob=lambda sha: None)
    with b.bank.session() as s:
        waiting = set(s.scalars(select(SyncPending.id)))
    assert report.parked == len(waiting) >= 1 and any(w.startswith("comments:") for w in waiting)
    report = changeset.apply(b.bank, first, blob=lambda sha: None)
    assert report.unparked == len(waiting)
    with b.bank.session() as s:
        assert s.scalar(select(Comment.body)) == "先到的评论" and s.get(Project, pid).comment_count == 1
        assert s.scalar(select(func.count()).select_from(SyncPending)) == 0


def test_a_malformed_change_set_changes_nothing(pair):
    a, b = pair
    projects.propose(a.bank, a.actor("W001"), DRAFT)
    changes = changeset.collect(a.bank, 0, for_site=b.id)
    changes.records.append({"t": "row", "table": "no_such_table", "values": {"id": "x"}})
    before = snapshot(b.bank)
    with pytest.raises(ValidationError, match="record|记录"):
        changeset.apply(b.bank, changes, blob=lambda sha: None)
    assert snapshot(b.bank) == before


def test_batches_cut_by_limit_add_up_to_the_whole(pair):
    a, b = pair
    for i in range(5):
        pid = projects.propose(a.bank, a.actor("W001"), DRAFT | {"title": f"项目{i}"}, submit=True).value
        discussion.comment(a.bank, a.actor("W002"), pid, f"评论{i}")
    since, batches = b.received[a.id], 0
    while True:
        changes = changeset.collect(a.bank, since, for_site=b.id, limit=4)
        changeset.apply(b.bank, changes, blob=lambda sha: None)
        batches += 1
        since = changes.until
        if changes.complete:
            break
    assert batches > 2 and snapshot(a.bank) == snapshot(b.bank)


def test_team_membership_is_a_set(pair):
    a, b = pair
    teams.create_team(a.bank, a.actor(), "防雨罩攻关队")
    b.take(a)
    teams.add_member(a.bank, a.actor(), "防雨罩攻关队", "W001")
    teams.add_member(b.bank, b.actor(), "防雨罩攻关队", "W001")
    teams.add_member(b.bank, b.actor(), "防雨罩攻关队", "W002")
    b.take(a)
    a.take(b)
    b.take(a)
    found = [sorted(m["employee_no"] for m in teams.team_detail(site.bank, "防雨罩攻关队")["members"])
             for site in (a, b)]
    assert found == [["W001", "W002", "admin"]] * 2  # the leader who made it, and one row per person


def test_a_leader_sees_both_values_and_settles_the_conflict_everywhere(pair):
    from app.sync import conflicts as C

    a, b = pair
    pid = projects.propose(a.bank, a.actor("W001"), DRAFT, submit=True).value  # submitted: others may act on it
    b.take(a)
    a.bank.clock.advance(minutes=1)
    # Once submitted, the author no longer edits: the administrator on one site, the leader on the other.
    projects.edit(a.bank, a.actor(), pid, {"title": "管理员的标题"})
    b.bank.clock.advance(minutes=2)
    projects.edit(b.bank, b.actor("L001"), pid, {"title": "王建国的标题"})
    b.take(a)
    a.take(b)
    leader = a.actor("L001")
    [c] = C.list_conflicts(a.bank, leader)
    assert (c.kind, c.field, c.current, c.current_by, c.value, c.value_by) == (
        "field", "title", "王建国的标题", "王建国", "管理员的标题", "管理员")
    assert c.value_at < c.current_at and c.actions == ("keep", "take")
    assert C.list_conflicts(a.bank, a.actor("W002")) == []  # not a leader of it, not the author of a refused change
    C.resolve(a.bank, leader, c.id, "take")
    b.take(a)
    for site in (a, b):
        with site.bank.session() as s:
            assert s.get(Project, pid).title == "管理员的标题"
        assert C.list_conflicts(site.bank, site.actor("L001")) == []
        assert [x.status for x in C.list_conflicts(site.bank, site.actor(), include_closed=True)] == ["resolved"]


def test_tombstones_are_pruned_only_below_every_cursor(pair):
    from app.sync import prune
    from app.sync.visibility import site_consumer
    from db.models import SyncCounter, Tombstone
    from db.sequence import save_cursor

    a, b = pair
    pid = projects.propose(a.bank, a.actor("W001"), DRAFT, submit=True).value
    projects.delete_project(a.bank, a.actor(), pid)
    with a.bank.session() as s:
        stone_seq = s.scalar(select(Tombstone.seq).where(Tombstone.entity_id == pid))
    with a.bank.write(stamp=False) as s:  # a reader that has not got the deletion yet
        save_cursor(s, site_consumer(b.id), stone_seq - 1)
    a.bank.clock.advance(days=100)
    assert prune.prune_tombstones(a.bank) == 0
    with a.bank.write(stamp=False) as s:
        save_cursor(s, site_consumer(b.id), stone_seq)
    assert prune.prune_tombstones(a.bank) == 1
    with a.bank.session() as s:
        assert s.get(SyncCounter, 1).pruned >= stone_seq
