"""Three sites and a hub (a real PostgreSQL), plus an air-gapped site that trades exchange packages
with site 0, make random offline edits — fields, comments, votes, status changes, team members,
deletions — and synchronise in random orders: syncs killed midway and resumed, packages imported
late, out of order, twice. Once everyone has synchronised:

- every site holds the same bank as the hub;
- no comment or vote is lost, and no field edit unless a later edit that knew it replaced it;
- every pair of concurrent edits of one field with different values left a conflict record;
- an edit the deletion did not know keeps its project;
- no project has an illegal status.

`make test` runs a short version; `make soak` (pytest -m soak) a long one.
"""
from __future__ import annotations

import itertools
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import select

from app.core import discussion, projects, teams
from app.core import people as P
from app.core.bank import Bank
from app.core.errors import IdeaBankError
from app.core.fields import submission_problems
from app.core.vocab import STATUSES
from app.sync import changeset, hub
from db.models import Comment, Project, ProjectMember, Setting, SyncConflict, TeamMember, Vote
from tests.conftest import FakeClock

pytestmark = pytest.mark.postgres

SITES = 3  # on the hub
AIR = SITES  # the air-gapped site's index; it trades packages with site 0
ALL = SITES + 1
DRAFT = {"category": "小革新", "background": "现场问题。", "solution": "改进方案。", "innovation_points": ["创新点"]}
FIELDS = {"title": st.sampled_from(["甲", "乙", "丙", "丁"]).map(lambda x: f"标题{x}"),
          "background": st.sampled_from(["背景一", "背景二", "背景三"]),
          "expected_benefit": st.sampled_from([1000.0, 2000.0, 5000.0]),
          "tags": st.sampled_from([["巡检"], ["变压器"], ["巡检", "变压器"]])}
ACTIONS = ["start_review", "adopt", "not_adopt", "revise", "submit", "start_work", "complete"]
PEOPLE = ["W001", "W002", "L001"]


@dataclass
class Edit:
    id: int
    site: int
    project: str
    field: str
    value: object
    knew: frozenset[int]  # events the site had seen when it made this one


@dataclass
class Model:
    """What each site has seen (event ids), to know which edits were concurrent."""

    known: list[set[int]] = field(default_factory=lambda: [set() for _ in range(ALL)])
    hub: set[int] = field(default_factory=set)
    edits: list[Edit] = field(default_factory=list)
    deletes: list[tuple[str, frozenset[int]]] = field(default_factory=list)
    comments: dict[str, str] = field(default_factory=dict)  # comment id -> project id
    counter: itertools.count = field(default_factory=lambda: itertools.count(1))

    def event(self, site: int) -> tuple[int, frozenset[int]]:
        knew = frozenset(self.known[site])
        n = next(self.counter)
        self.known[site].add(n)
        return n, knew

    def synced(self, site: int) -> None:
        self.hub |= self.known[site]
        self.known[site] |= self.hub


class World:
    """The hub and the sites, made once per test from migrated templates (a fresh copy each run)."""

    def __init__(self, root: Path, server) -> None:  # type: ignore[no-untyped-def]
        self.root, self.server = root, server
        self.runs = itertools.count()
        template = Bank.open(root / "template", clock=FakeClock())
        admin = template.actor()
        P.add_unit(template, admin, "变电运维车间", "workshop")
        P.add_user(template, admin, "L001", "王建国", role="leader", unit="变电运维车间")
        P.add_studio(template, admin, "王建国劳模创新工作室", "provincial", unit="变电运维车间", leader="L001")
        P.add_user(template, admin, "W001", "张三", unit="变电运维车间", studio="王建国劳模创新工作室")
        P.add_user(template, admin, "W002", "李四", unit="变电运维车间")
        teams.create_team(template, admin, "攻关队", leader="L001")
        template.close()
        with server.admin() as conn:
            conn.execute("CREATE DATABASE sm_hub_template")
        hub_bank = Bank.open(root / "hub-template", server.url("sm_hub_template"))
        hub_bank.close()

    def fresh(self) -> tuple[str, list[Bank]]:
        n = next(self.runs)
        name = f"sm_hub_{n}"
        with self.server.admin() as conn:
            conn.execute(f"CREATE DATABASE {name} TEMPLATE sm_hub_template")
        sites = []
        for i in range(ALL):
            folder = self.root / f"run{n}" / f"site{i}"
            shutil.copytree(self.root / "template", folder)
            bank = Bank.open(folder, clock=FakeClock())
            with bank.write(stamp=False) as s:  # a copy that took a new id, as `site join` would
                from app.sync.join import new_site_id
                s.get(Setting, "site_id").value = new_site_id(set())
            bank.forget_site_id()
            sites.append(bank)
        from app.sync import trust
        for src, dst in ((sites[0], sites[AIR]), (sites[AIR], sites[0])):
            key = self.root / f"run{n}" / f"{src.site_id}.ibkey"
            trust.export_key(src, key)
            trust.trust(dst, dst.actor(), key)
        return self.server.url(name), sites


class Convergence(RuleBasedStateMachine):
    world: World  # set by the test

    def __init__(self) -> None:
        super().__init__()
        self.url, self.sites = self.world.fresh()
        self.model = Model()
        self.projects: list[str] = []
        self.packages: list[tuple[Path, int, frozenset[int]]] = []

    # -- helpers ----------------------------------------------------------------------------------

    def _has(self, site: int, pid: str) -> bool:
        with self.sites[site].session() as s:
            return s.get(Project, pid) is not None

    def _tick(self, site: int) -> None:
        self.sites[site].clock.advance(seconds=1 + site)

    # -- rules ------------------------------------------------------------------------------------

    @initialize()
    def seed(self) -> None:
        bank = self.sites[0]
        pid = projects.propose(bank, bank.actor("W001"), DRAFT | {"title": "起点"}, submit=True).value
        self.projects.append(pid)
        self.model.event(0)
        hub.sync(bank, bank.actor(), self.url)
        self.model.synced(0)

    @rule(site=st.integers(0, ALL - 1))
    def propose(self, site: int) -> None:
        bank = self.sites[site]
        self._tick(site)
        pid = projects.propose(bank, bank.actor("W001"), DRAFT | {"title": f"新想法{len(self.projects)}"},
                               submit=True).value
        self.projects.append(pid)
        self.model.event(site)

    @rule(site=st.integers(0, ALL - 1), which=st.integers(0, 50), data=st.data())
    def edit(self, site: int, which: int, data) -> None:  # type: ignore[no-untyped-def]
        pid = self.projects[which % len(self.projects)]
        if not self._has(site, pid):
            return
        name = data.draw(st.sampled_from(sorted(FIELDS)))
        value = data.draw(FIELDS[name])
        bank = self.sites[site]
        self._tick(site)
        with bank.session() as s:
            if getattr(s.get(Project, pid), name) == value:
                return  # not a change
        projects.edit(bank, bank.actor("L001"), pid, {name: value})
        n, knew = self.model.event(site)
        self.model.edits.append(Edit(n, site, pid, name, value, knew))

    @rule(site=st.integers(0, ALL - 1), which=st.integers(0, 50), who=st.sampled_from(PEOPLE))
    def comment(self, site: int, which: int, who: str) -> None:
        pid = self.projects[which % len(self.projects)]
        if not self._has(site, pid):
            return
        bank = self.sites[site]
        self._tick(site)
        cid = discussion.comment(bank, bank.actor(who), pid, f"{who} 的意见").value
        self.model.comments[cid] = pid
        self.model.event(site)

    @rule(site=st.integers(0, ALL - 1), which=st.integers(0, 50), who=st.sampled_from(PEOPLE))
    def vote(self, site: int, which: int, who: str) -> None:
        pid = self.projects[which % len(self.projects)]
        if not self._has(site, pid):
            return
        bank = self.sites[site]
        self._tick(site)
        try:
            discussion.vote(bank, bank.actor(who), pid)
        except IdeaBankError:
            discussion.unvote(bank, bank.actor(who), pid)
        self.model.event(site)

    @rule(site=st.integers(0, ALL - 1), which=st.integers(0, 50), action=st.sampled_from(ACTIONS))
    def move(self, site: int, which: int, action: str) -> None:
        pid = self.projects[which % len(self.projects)]
        if not self._has(site, pid):
            return
        bank = self.sites[site]
        self._tick(site)
        reason = "理由" if action == "not_adopt" else None
        try:
            projects.move(bank, bank.actor("L001"), pid, action, reason)
        except IdeaBankError:
            return
        n, knew = self.model.event(site)
        with bank.session() as s:
            status = s.get(Project, pid).status
        self.model.edits.append(Edit(n, site, pid, "status", status, knew))

    @rule(site=st.integers(0, ALL - 1), who=st.sampled_from(["W001", "W002"]), join=st.booleans())
    def team(self, site: int, who: str, join: bool) -> None:
        bank = self.sites[site]
        self._tick(site)
        try:
            if join:
                teams.add_member(bank, bank.actor(), "攻关队", who)
            else:
                teams.remove_member(bank, bank.actor(), "攻关队", who)
        except IdeaBankError:
            return
        self.model.event(site)

    @precondition(lambda self: len(self.projects) > 2)
    @rule(site=st.integers(0, ALL - 1), which=st.integers(0, 50))
    def delete(self, site: int, which: int) -> None:
        pid = self.projects[which % len(self.projects)]
        if not self._has(site, pid) or pid == self.projects[0]:
            return
        bank = self.sites[site]
        self._tick(site)
        projects.delete_project(bank, bank.actor(), pid)
        n, knew = self.model.event(site)
        self.model.deletes.append((pid, knew | {n}))

    @rule(site=st.integers(0, SITES - 1))
    def sync(self, site: int) -> None:
        self._tick(site)
        hub.sync(self.sites[site], self.sites[site].actor(), self.url)
        self.model.synced(site)

    @rule(site=st.integers(0, SITES - 1), after=st.integers(1, 3))
    def sync_killed_midway(self, site: int, after: int) -> None:
        """The connection drops after a few batches; the next sync continues."""
        real, calls = changeset.apply, []

        def dying(bank, changes, **kw):  # type: ignore[no-untyped-def]
            calls.append(1)
            if len(calls) > after:
                raise hub.OperationalError("COMMIT", {}, Exception("connection lost"))
            return real(bank, changes, **kw)

        self._tick(site)
        changeset.apply = dying
        try:
            hub.sync(self.sites[site], self.sites[site].actor(), self.url, limit=4)
        except IdeaBankError:
            pass
        finally:
            changeset.apply = real
        hub.sync(self.sites[site], self.sites[site].actor(), self.url, limit=4)
        self.model.synced(site)

    @rule(to_air=st.booleans())
    def package_out(self, to_air: bool) -> None:
        """Site 0 and the air-gapped site write a package for each other (onto a USB stick)."""
        from app.sync import package

        src, dst = (0, AIR) if to_air else (AIR, 0)
        bank = self.sites[src]
        self._tick(src)
        path = self.sites[src].data_dir.parent / f"p{len(self.packages)}.ibpkg"
        package.export_package(bank, bank.actor(), path, to=self.sites[dst].site_id)
        self.packages.append((path, dst, frozenset(self.model.known[src])))

    @precondition(lambda self: self.packages)
    @rule(which=st.integers(0, 50))
    def package_in(self, which: int) -> None:
        """Any package written so far: late, out of order, or again (refused as a duplicate)."""
        from app.sync import package
        from app.sync.refusal import PackageRefused

        path, dst, knew = self.packages[which % len(self.packages)]
        bank = self.sites[dst]
        self._tick(dst)
        try:
            package.import_package(bank, bank.actor(), path)
        except PackageRefused:
            return  # already imported: nothing changes
        self.model.known[dst] |= knew

    @invariant()
    def statuses_are_legal(self) -> None:
        for bank in self.sites:
            with bank.session() as s:
                for p in s.scalars(select(Project)):
                    assert p.status in STATUSES
                    assert p.status == "draft" or not submission_problems(
                        {"background": p.background, "solution": p.solution,
                         "innovation_points": p.innovation_points}), p.status

    # -- the end ----------------------------------------------------------------------------------

    def teardown(self) -> None:
        try:
            for _ in range(3):  # the last round carries what the previous ones resurrected
                for i in range(SITES):
                    self._tick(i)
                    hub.sync(self.sites[i], self.sites[i].actor(), self.url)
                    self.model.synced(i)
                for to_air in (True, False):
                    self.package_out(to_air)
                    self.package_in(len(self.packages) - 1)
            self._check()
        finally:
            for bank in self.sites:
                bank.close()

    def _check(self) -> None:
        hub_bank = Bank.open(self.sites[0].data_dir / "hub-cache", self.url)
        try:
            states = [contents(b) for b in [hub_bank, *self.sites]]
            for i, other in enumerate(states[1:]):
                assert other == states[0], f"site {i} differs from the hub" + (" (the air-gapped one)" if i == AIR else "")
            final = states[0]
        finally:
            hub_bank.close()
        present = {pid for pid, *_ in final["projects"]}
        values = {pid: dict(zip(PROJECT_FIELDS, rest)) for pid, *rest in final["projects"]}
        conflicts = final["conflicts"]
        losers = {(c[1], c[2], repr(c[3])) for c in conflicts}
        # an edit the deletion did not know keeps the project
        for pid, knew in self.model.deletes:
            if any(e.project == pid and e.id not in knew for e in self.model.edits):
                assert pid in present, "an edit made without knowing of the deletion was dropped with it"
        # comments live as long as their project; counters match the rows
        kept = {c[0] for c in final["comments"]}
        for cid, pid in self.model.comments.items():
            assert cid in kept or pid not in present, "a comment was lost"
        for pid, *rest in final["projects"]:
            row = dict(zip(PROJECT_FIELDS, rest))
            assert row["vote_count"] == sum(1 for v in final["votes"] if v[0] == pid)
            assert row["comment_count"] == sum(1 for c in final["comments"] if c[1] == pid)
        def replaced(e: Edit) -> bool:  # by a later edit of the same field that knew it
            return any(o.project == e.project and o.field == e.field and e.id in o.knew for o in self.model.edits)
        # no field edit lost, unless replaced, or it lost a collision (a conflict keeps it)
        for e in self.model.edits:
            if e.project not in present or repr(values[e.project][e.field]) == repr(e.value) or replaced(e):
                continue
            assert (e.project, e.field, repr(e.value)) in losers, f"edit lost without a conflict: {e}"
        # every pair of concurrent same-field edits with different values left a conflict (an edit
        # replaced before anyone saw it collided with nothing)
        by_field: dict[tuple[str, str], list[Edit]] = {}
        for e in self.model.edits:
            if not replaced(e):
                by_field.setdefault((e.project, e.field), []).append(e)
        for (pid, name), edits in by_field.items():
            if pid not in present:
                continue
            for a, b in itertools.combinations(edits, 2):
                if a.site != b.site and a.id not in b.knew and b.id not in a.knew and repr(a.value) != repr(b.value):
                    assert any(c[1] == pid and c[2] == name for c in conflicts), f"no conflict for {a} / {b}"


PROJECT_FIELDS = ("number", "title", "background", "expected_benefit", "tags", "status", "vote_count",
                  "comment_count")


def contents(bank: Bank) -> dict:
    with bank.session() as s:
        return {
            "projects": sorted((p.id, *(getattr(p, f) for f in PROJECT_FIELDS)) for p in s.scalars(select(Project))),
            "members": sorted(s.execute(select(ProjectMember.project_id, ProjectMember.user_id,
                                               ProjectMember.position)).all()),
            "comments": sorted(s.execute(select(Comment.id, Comment.project_id, Comment.body)).all()),
            "votes": sorted(s.execute(select(Vote.project_id, Vote.user_id)).all()),
            "team": sorted(s.execute(select(TeamMember.team_id, TeamMember.user_id, TeamMember.left_on)).all()),
            "conflicts": sorted(((c.id, c.entity_id, c.field, c.value) for c in s.scalars(
                select(SyncConflict).where(SyncConflict.kind.in_(("field", "status"))))), key=repr),
        }


def _run(tmp_path, postgres_server, examples: int, steps: int) -> None:
    Convergence.world = World(tmp_path, postgres_server)
    run_state_machine_as_test(Convergence, settings=settings(
        max_examples=examples, stateful_step_count=steps, deadline=None, database=None,
        suppress_health_check=list(HealthCheck)))


def test_sites_converge_through_the_hub(tmp_path, postgres_server):
    _run(tmp_path, postgres_server, examples=2, steps=20)


@pytest.mark.soak
def test_sites_converge_through_the_hub_soak(tmp_path, postgres_server):
    _run(tmp_path, postgres_server, examples=60, steps=60)

