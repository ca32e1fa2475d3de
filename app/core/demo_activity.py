"""Demo data beyond the projects: the maker alliance, teams of every kind with members and activity
logs, the studios' ledgers (study sessions, activities, rewards), open calls with applications, and incubation requests at every stage with milestones, so that
the teams, calls, incubation and warnings pages have something to show on first start.

Everything is dated relative to the end of the demo period (today): some calls are still open, some
past their deadline with applications unanswered, some requests wait for an answer, some milestones
are overdue: the warnings board fills from the data itself, nothing is faked.

One function per record kind (`fill_alliance`, `fill_teams`, ...), run in the order of FILLERS: a
later one may use what an earlier one made (`Demo.teams`, `Demo.alliance`). Each adds rows with
`Demo.add` and their history with `Demo.log`; `fill` writes all of it in one transaction (numbered
in the change sequence like any write) and chains the history into the audit log. To fill a new
record kind, write a `fill_<kind>(d: Demo)` and list it in FILLERS.

The projects these records build on come from `RecentProjects`, fed with the project rows as
`demo.generate` writes them: the newest of each status, never a secret one (the boards list their
records to everyone).
"""
from __future__ import annotations

import datetime as dt
import random
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select

from app.core import audit
from app.core import demo_words as W
from app.core.actor import Actor
from app.core.bank import Bank
from app.core.incubation import SERVICES
from db.base import fact_id
from db.models import (
    AllianceMember,
    AuditLog,
    CallApplication,
    IncubationRequest,
    Milestone,
    MilestoneUpdate,
    OpenCall,
    Setting,
    StudioRecord,
    Team,
    TeamActivity,
    TeamMember,
    TeamPartner,
    TeamProject,
)

# The demo site's warning thresholds (alerts.py): a project is "stuck" after this many days in a
# stage. demo.py draws project statuses so that few old projects exceed them.
WARNINGS: dict[str, Any] = {"unanswered_days": 7, "milestone_grace_days": 0,
                            "stuck_days": {"submitted": 30, "under_review": 45, "adopted": 90, "in_progress": 365,
                                           "incubating": 540}}
KEPT = ("adopted", "completed", "in_progress", "incubating", "promoted")
KEEP = 3000  # newest projects kept per status: more than the busiest filler needs at 100,000 projects
WORK_HOURS = (8, 9, 10, 11, 14, 15, 16, 17)
MakeId = Callable[[dt.datetime], str]


class RecentProjects:
    """The newest project rows of the statuses teams and incubation build on, per status."""

    def __init__(self) -> None:
        self.by_status: dict[str, deque[dict[str, Any]]] = {s: deque(maxlen=KEEP) for s in KEPT}

    def take(self, rows: Iterable[dict[str, Any]]) -> None:
        for row in rows:
            kept = self.by_status.get(row["status"])
            if kept is not None and row["studio_id"] and row["confidentiality"] != "secret":
                kept.append(row)

    def newest(self, *statuses: str, key: str = "status_changed_at") -> list[dict[str, Any]]:
        rows = [r for s in statuses for r in self.by_status[s]]
        return sorted(rows, key=lambda r: (r[key], r["number"]), reverse=True)


@dataclass
class Demo:
    """What the fillers share: the organisation, the projects, the clock, and the rows made so far."""

    rng: random.Random
    org: Any  # demo._Org, with ids filled in
    recent: RecentProjects
    site_id: str
    site_code: str
    start: dt.datetime
    end: dt.datetime
    scale: int  # projects in this run: sizes grow with it, within bounds
    new_id: MakeId
    taken_names: set[str] = field(default_factory=set)     # team names already in the bank
    in_alliance: set[str] = field(default_factory=set)     # user ids already in the alliance
    settings: dict[str, Any] = field(default_factory=dict)  # Setting rows by key: counters (jb_seq:2025), warnings
    rows: dict[Any, list[dict[str, Any]]] = field(default_factory=dict)
    history: list[dict[str, Any]] = field(default_factory=list)
    teams: list[dict[str, Any]] = field(default_factory=list)  # {id, name, studio, members: {idx: position}}
    alliance: list[int] = field(default_factory=list)          # people (indexes) in the alliance now

    def __post_init__(self) -> None:
        people = self.org.people
        self.person_of = {p.id: i for i, p in enumerate(people)}
        self.studio_of = {st.id: i for i, st in enumerate(self.org.studios)}
        self.unit_id = {u.name: u.id for u in self.org.units}
        self.workshop_of = {u.name: u.parent for u in self.org.units if u.kind == "crew"}
        self.branch_of = {u.name: u.parent for u in self.org.units if u.kind == "workshop"}
        self.base = [i for i, p in enumerate(people) if p.role == "base"]

    @property
    def today(self) -> dt.date:
        return self.end.date()

    def size(self, per: int, low: int, high: int) -> int:
        """One record per `per` projects, at least `low` (every page shows something even for a
        small demo), at most `high` (a board stays readable at 100,000 projects)."""
        return max(low, min(high, self.scale // per))

    def add(self, model: Any, at: dt.datetime, row: dict[str, Any], updated: dt.datetime | None = None) -> dict[str, Any]:
        row = {"id": self.new_id(at), "created_at": at, "updated_at": updated or at, "site_id": self.site_id, **row}
        self.rows.setdefault(model.__table__, []).append(row)
        return row

    def log(self, who: int | None, entity: str, entity_id: str, action: str, at: dt.datetime, *,
            field: str | None = None, old: str | None = None, new: str | None = None) -> None:
        """One audit entry, as the use case would have written it (app/core/audit.py)."""
        self.history.append({"id": self.new_id(at), "at": at, "entity": entity, "entity_id": entity_id,
                             "actor_id": self.org.people[who].id if who is not None else None, "action": action,
                             "field": field, "old_value": old, "new_value": new, "site_id": self.site_id})

    def serial(self, prefix: str, year: int) -> str:
        """The next number of a kind (JB-2025-7F3A-0001), as app/core/numbering.py hands them out."""
        key = f"{prefix.lower()}_seq:{year}"
        self.settings[key] = self.settings.get(key, 0) + 1
        return f"{prefix}-{year}-{self.site_code}-{self.settings[key]:04d}"

    def unique(self, name: str) -> str:
        base, n = name, 1
        while name in self.taken_names:
            n += 1
            name = f"{base}（{n}）"
        self.taken_names.add(name)
        return name

    # -- time --------------------------------------------------------------------------------------
    def at(self, day: dt.date) -> dt.datetime:
        """A moment in working hours on `day`, never after the end of the period."""
        moment = dt.datetime(day.year, day.month, day.day, self.rng.choice(WORK_HOURS), self.rng.randrange(60),
                             tzinfo=dt.timezone.utc)
        return min(moment, self.end)

    def between(self, a: dt.datetime, b: dt.datetime) -> dt.datetime:
        b = min(b, self.end)
        return a if b <= a else a + (b - a) * self.rng.random()

    def days_after(self, a: dt.datetime, lo: float, hi: float) -> dt.datetime:
        return min(a + dt.timedelta(days=self.rng.uniform(lo, hi)), self.end)

    def ago(self, lo: float, hi: float) -> dt.datetime:
        return self.end - dt.timedelta(days=self.rng.uniform(lo, hi))


def _theme(d: Demo, area: str, text: str = "") -> dict[str, str]:
    """Words for a team's or a call's texts: the equipment named in `text` when there is one."""
    c, words = d.rng.choice, W.AREA_WORDS[area]
    eq = next((e for e in words["equipment"] if e in text), None) or c(words["equipment"])
    return {"eq": eq, "site": c(words["site"]), "work": c(words["work"]), "problem": c(words["problem"]),
            "effect": c(W.EFFECTS).format(p=d.rng.randint(15, 60), n=d.rng.randint(10, 200)),
            "consequence": c(W.CONSEQUENCES), "n": str(d.rng.randint(6, 72)), "months": str(d.rng.randint(3, 9))}


# -- settings -------------------------------------------------------------------------------------

def fill_settings(d: Demo) -> None:
    """The site's warning thresholds, unless the bank has its own already."""
    if "warnings" not in d.settings:
        # Three crews with a yearly target of proposals per head that they are behind on, so the
        # warnings page shows a unit below its target at any demo size (a site-wide target would
        # flag most crews of a small demo and none of a large one).
        crews = sorted(u.id for u in d.org.units if u.kind == "crew")
        warnings = dict(WARNINGS, unit_targets={uid: 20 for uid in crews[:3]})
        d.settings["warnings"] = warnings
        d.log(None, "setting", "warnings", "edit", d.start, field="warnings", new=_json(warnings))


# -- the maker alliance ---------------------------------------------------------------------------

def fill_alliance(d: Demo) -> None:
    """Studio leaders and about one worker in nine, joined over the years; a few have left."""
    people, rng = d.org.people, d.rng
    leaders = [st.leader for st in d.org.studios]
    workers = [i for i, p in enumerate(people) if p.role == "worker"]
    span = (d.end - d.start).days
    for idx in leaders + rng.sample(workers, len(workers) // 9):
        p = people[idx]
        if p.id in d.in_alliance:
            continue
        d.in_alliance.add(p.id)
        joined = d.at((d.start + dt.timedelta(days=rng.uniform(0, span * 0.9))).date())
        left = d.days_after(joined, 200, 700) if idx not in leaders and rng.random() < 0.05 else None
        if left is not None and left >= d.end:
            left = None
        row = d.add(AllianceMember, joined, {"id": fact_id("alliance_members", p.id), "user_id": p.id,
                                             "specialty": p.specialty, "joined_on": joined.date(),
                                             "left_on": left.date() if left else None, "note": ""}, updated=left)
        d.log(idx, "alliance", row["id"], "join", joined, new=p.specialty)
        if left is not None:
            d.log(idx, "alliance", row["id"], "leave", left)
        else:
            d.alliance.append(idx)


# -- teams ----------------------------------------------------------------------------------------

def _team(d: Demo, by: int, at: dt.datetime, name: str, kind: str, leader: int, *, studio: int | None,
          host_unit: str | None, problem: str, partners: Iterable[str] = (), projects: Iterable[dict[str, Any]] = ()) -> dict[str, Any]:
    """A team and its leader as member no. 1, as teams.create_team makes them."""
    studio_id = d.org.studios[studio].id if studio is not None else None
    row = d.add(Team, at, {"name": d.unique(name), "kind": kind, "leader_id": d.org.people[leader].id,
                           "studio_id": studio_id, "host_unit_id": d.unit_id.get(host_unit) if host_unit else None,
                           "problem": problem, "status": "active"})
    d.log(by, "team", row["id"], "create", at, new=row["name"])
    for unit in partners:
        d.add(TeamPartner, at, {"id": fact_id("team_partners", row["id"], d.unit_id[unit]), "team_id": row["id"],
                                "unit_id": d.unit_id[unit]})
    for p in projects:
        d.add(TeamProject, at, {"id": fact_id("team_projects", row["id"], p["id"]), "team_id": row["id"],
                                "project_id": p["id"]})
        d.log(by, "team", row["id"], "link_project", at, field="projects", new=p["number"])
    team = {"id": row["id"], "name": row["name"], "studio": studio, "leader": leader, "members": {}, "made": at}
    d.teams.append(team)
    _enrol(d, team, by, leader, at, "队长", log=False)
    return team


def _enrol(d: Demo, team: dict[str, Any], by: int, who: int, at: dt.datetime, role: str, *,
           left: dt.datetime | None = None, log: bool = True) -> None:
    """A member with unit, specialty and grade as they were on joining (teams._new_member)."""
    p = d.org.people[who]
    position = len(team["members"]) + 1
    team["members"][who] = position
    d.add(TeamMember, at, {"id": fact_id("team_members", team["id"], p.id), "team_id": team["id"],
                                 "user_id": p.id, "unit_id": d.unit_id[p.unit], "specialty": p.specialty,
                                 "skill_grade": p.skill, "role": role, "joined_on": at.date(),
                                 "left_on": left.date() if left else None, "position": position}, updated=left)
    if log:
        d.log(by, "team", team["id"], "add_member", at, field="members", new=p.employee_no)
    if left is not None:
        d.log(by, "team", team["id"], "remove_member", left, field="members", old=p.employee_no)


def _activities(d: Demo, team: dict[str, Any], theme: dict[str, str], since: dt.datetime, count: int,
                kinds: dict[str, int]) -> None:
    """The team's log: meetings, trials and results between `since` and today, by its members."""
    rng = d.rng
    members = list(team["members"])
    until = min(d.end, since + dt.timedelta(days=420))
    moments = sorted(d.between(since, until) for _ in range(count))
    for when in moments:
        kind = rng.choices(list(kinds), list(kinds.values()))[0]
        title, body = rng.choice(W.ACTIVITIES[kind])
        author = team["leader"] if rng.random() < 0.6 else rng.choice(members)
        row = d.add(TeamActivity, when, {"team_id": team["id"], "kind": kind, "title": title.format(**theme),
                                         "body": body.format(**theme), "happened_on": when.date(),
                                         "author_id": d.org.people[author].id, "attachments": []})
        d.log(author, "team", team["id"], "log", when, field="activities", new=row["title"])


def fill_teams(d: Demo) -> None:
    """A core team per studio, tackling teams on recent projects (a third of them joint, with
    partner units and members from other branches), and think tanks of senior people."""
    rng, people, studios = d.rng, d.org.people, d.org.studios
    meeting_heavy = {"meeting": 5, "result": 2, "other": 1}
    for si, st in enumerate(studios):
        made = d.at(max(dt.datetime.combine(st.founded, dt.time(), dt.timezone.utc), d.start).date())
        team = _team(d, st.leader, made, f"{st.name}核心团队", "studio_core", st.leader, studio=si, host_unit=st.unit,
                     problem=W.CORE_TEAM_DUTY)
        others = [i for i in st.members if i != st.leader]
        for idx in rng.sample(others, min(len(others), rng.randint(4, 8))):
            joined = d.days_after(made, 0, 90)
            left = d.days_after(joined, 120, 900) if rng.random() < 0.2 else None  # moved on; the record stays
            _enrol(d, team, st.leader, idx, joined, rng.choice(W.TEAM_ROLES), left=left if left and left < d.end else None)
        _activities(d, team, _theme(d, st.area), d.ago(60, 400), rng.randint(2, 5), meeting_heavy)

    # Tackling teams take on the newest projects being worked on or just finished.
    candidates = d.recent.newest("in_progress", "completed", "incubating", "promoted", key="decided_at")
    count = d.size(700, 6, 120)
    for p in rng.sample(candidates[:count * 3], min(count, len(candidates))):
        si = d.studio_of[p["studio_id"]]
        st = studios[si]
        theme = _theme(d, st.area, p["title"])
        made = d.days_after(p["decided_at"], 2, 20)
        leader = d.person_of[p["proposer_id"]]
        partners, guests = [], []
        if rng.random() < 0.35:  # 联合攻关: makers from other branches bring their workshops in
            home = d.branch_of.get(st.unit)
            outsiders = [i for i in d.alliance if d.branch_of.get(d.workshop_of.get(people[i].unit)) != home
                         and i != leader]
            guests = rng.sample(outsiders, min(len(outsiders), rng.randint(1, 2)))
            partners = list(dict.fromkeys(d.workshop_of[people[i].unit] for i in guests))
        team = _team(d, st.leader, made, f"{theme['eq']}{theme['problem']}攻关队", "tackling", leader, studio=si,
                     host_unit=st.unit, partners=partners, projects=[p],
                     problem=f"{theme['site']}{theme['eq']}{theme['problem']}，{theme['consequence']}。")
        crew = [i for i in st.members if i != leader]
        joiners = rng.sample(crew, min(len(crew), rng.randint(2, 5))) + guests
        for idx in joiners:
            if idx in team["members"]:
                continue
            joined = d.days_after(made, 0, 60)
            left = d.days_after(joined, 60, 300) if rng.random() < 0.12 else None
            _enrol(d, team, st.leader, idx, joined, rng.choice(W.TEAM_ROLES), left=left if left and left < d.end else None)
        _activities(d, team, theme, made, rng.randint(2, 7), {"meeting": 4, "trial": 3, "result": 2, "other": 1})

    senior = [i for i, p in enumerate(people) if p.skill in ("高级技师", "首席技师") or p.honours]
    for name, duty in W.THINK_TANKS[:d.size(20000, 3, len(W.THINK_TANKS))]:
        chief = rng.choice([st.leader for st in studios])
        made = d.at((d.start + dt.timedelta(days=rng.uniform(0, 400))).date())
        team = _team(d, chief, made, name, "think_tank", chief, studio=None, host_unit=W.COMPANY, problem=duty)
        for idx in rng.sample(senior, min(len(senior), rng.randint(5, 9))):
            if idx not in team["members"]:
                _enrol(d, team, chief, idx, d.days_after(made, 0, 30), "专家")
        _activities(d, team, _theme(d, rng.choice(list(W.AREA_WORDS))), d.ago(30, 500), rng.randint(2, 4),
                    {"meeting": 1})


# -- the studios' ledgers (台账) ------------------------------------------------------------------

def fill_ledger(d: Demo) -> None:
    """Each studio's own records for every year since it was founded: study sessions, activities
    and, in most years, a reward; written by the leader, as ledger.add_record does."""
    rng = d.rng
    for st in d.org.studios:
        members = len(st.members)
        for year in range(max(st.founded.year, d.start.year), d.end.year + 1):
            first = max(dt.date(year, 1, 1), st.founded)
            last = min(dt.date(year, 12, 31), d.today - dt.timedelta(days=1))
            if last <= first:
                continue
            kinds = ["study"] * rng.randint(1, 3) + ["activity"] * rng.randint(1, 3)
            if rng.random() < 0.75 and (year < d.end.year or d.end.month == 12):
                kinds.append("reward")  # given at the year's end
            for kind in kinds:
                day = dt.date(year, 12, rng.randint(10, 28)) if kind == "reward" else \
                    first + dt.timedelta(days=rng.randrange((last - first).days + 1))
                title, body = rng.choice(W.LEDGER[kind])
                participants = rng.randint(3, 8) if kind == "reward" else rng.randint(max(3, members // 2), members + 10)
                amount = float(rng.randrange(5000, 50000, 500)) if kind == "reward" else \
                    (float(rng.randrange(500, 8000, 100)) if kind == "activity" and rng.random() < 0.5 else None)
                at = d.at(day)
                d.add(StudioRecord, at, {"studio_id": st.id, "kind": kind, "title": title.format(year=year),
                                         "happened_on": day, "body": body, "participants": participants,
                                         "amount": amount, "author_id": d.org.people[st.leader].id})
                d.log(st.leader, "studio", st.id, "record", at, field=kind, new=title.format(year=year))


# -- open calls (揭榜挂帅) --------------------------------------------------------------------------

def fill_calls(d: Demo) -> None:
    """Calls still open (some applications waiting over a week), calls past their deadline and not
    yet answered, and closed calls whose applicants were accepted or declined."""
    rng, people, studios = d.rng, d.org.people, d.org.studios
    count = d.size(2500, 8, 40)
    n_open, n_expired = max(2, round(count * 0.4)), max(2, round(count * 0.15))
    states = ["open"] * n_open + ["expired"] * n_expired + ["closed"] * (count - n_open - n_expired)
    workers = [i for i, p in enumerate(people) if p.role == "worker"]
    for state in states:
        si = rng.randrange(len(studios))
        st = studios[si]
        poster = st.leader
        theme = _theme(d, st.area)
        kind = "members" if rng.random() < 0.6 else "solutions"
        own_teams = [tm for tm in d.teams if tm["studio"] == si]
        team = rng.choice(own_teams) if kind == "members" and own_teams and rng.random() < 0.7 else None
        if state == "open":
            posted = d.ago(2, 40)
            deadline = d.today + dt.timedelta(days=rng.randint(5, 45))
        elif state == "expired":
            deadline = d.today - dt.timedelta(days=rng.randint(1, 20))
            posted = d.at(deadline - dt.timedelta(days=rng.randint(25, 50)))
        else:
            posted = d.between(d.start + dt.timedelta(days=30), d.end - dt.timedelta(days=120))
            deadline = (posted + dt.timedelta(days=rng.randint(30, 60))).date()
        closes = d.at(deadline + dt.timedelta(days=rng.randint(1, 15))) if state == "closed" else None
        title = rng.choice(W.CALL_TITLES[kind]).format(**theme)
        call = d.add(OpenCall, posted, {
            "number": d.serial("JB", posted.year), "title": title, "problem": W.CALL_PROBLEM.format(**theme),
            "kind": kind, "poster_id": people[poster].id, "team_id": team["id"] if team else None,
            "studio_id": st.id, "deadline": dt.datetime.combine(deadline, dt.time(23, 59, 59), dt.timezone.utc),
            "status": "closed" if state == "closed" else "open"}, updated=closes)
        d.log(poster, "call", call["id"], "post", posted, new=title)
        last = min(d.end, call["deadline"])
        pool = [i for i in (d.alliance if rng.random() < 0.7 else workers) if i != poster]
        applicants = rng.sample(pool, min(len(pool), rng.randint(2, 6) if state == "closed" else rng.randint(1, 5)))
        accepted = rng.randint(1, 2) if state == "closed" else 0
        for n, idx in enumerate(applicants):
            applied = d.between(posted, last)
            decided = d.between(applied, closes) if closes is not None else None
            status = "pending" if decided is None else ("accepted" if n < accepted else "declined")
            reason = rng.choice(W.CALL_DECLINE) if status == "declined" else ""
            p = people[idx]
            d.add(CallApplication, applied, {
                "id": fact_id("call_applications", call["id"], p.id), "call_id": call["id"], "applicant_id": p.id,
                "statement": rng.choice(W.CALL_STATEMENTS).format(spec=p.specialty), "status": status,
                "reason": reason, "decided_by": people[poster].id if decided else None, "decided_at": decided},
                updated=decided)
            d.log(idx, "call", call["id"], "apply", applied, field="applications", new=p.employee_no)
            if decided is not None:
                d.log(poster, "call", call["id"], "accept" if status == "accepted" else "decline", decided,
                      field="applications", old="pending", new=f"{p.employee_no}:{status}")
                if status == "accepted" and team is not None and idx not in team["members"] and decided > team["made"]:
                    _enrol(d, team, poster, idx, decided, "揭榜成员")
        if closes is not None:
            d.log(poster, "call", call["id"], "close", closes, field="status", old="open", new="closed")


# -- incubation -----------------------------------------------------------------------------------

# Requests per stage, as shares of all requests: the board's columns are all populated.
STAGES = {"draft": 0.08, "submitted": 0.14, "declined": 0.12, "accepted": 0.07, "in_progress": 0.28,
          "delivered": 0.10, "closed": 0.06, "promoted": 0.15}


def _plan(d: Demo, first: dt.date, last: dt.date, k: int) -> list[dt.date]:
    """k due dates spread from `first` to `last` (at the latest), in order."""
    first = min(first, last)
    span = (last - first).days
    return sorted(first + dt.timedelta(days=round(span * (i + d.rng.uniform(0.6, 1.0)) / k)) for i in range(k))


def _request_fields(d: Demo, p: dict[str, Any], branches: list[str]) -> dict[str, Any]:
    rng = d.rng
    services = list(SERVICES)
    chosen = ["prototype"] + [s for s in rng.sample(services[1:], rng.randint(0, 2))]
    budget = [{"item": item, "amount": float(round(rng.uniform(2000, 60000), -2))}
              for item in rng.sample(W.BUDGET_ITEMS, rng.randint(2, 3))]
    return {"title": p["title"], "project_id": p["id"], "studio_id": p["studio_id"], "services": chosen,
            "maturity": rng.choice(("prototype", "pilot", "mature", "concept")), "quantity": rng.randint(5, 200),
            "materials": rng.choice(W.MATERIALS_NEEDED), "budget_lines": budget,
            "target_units": rng.sample(branches, rng.randint(2, 3)), "market": rng.choice(W.MARKETS),
            "ip_ownership": rng.choice(W.IP_OWNERSHIP), "benefit_sharing": rng.choice(W.BENEFIT_SHARING),
            "risks": rng.choice(W.RISKS)}


def _milestones(d: Demo, req: dict[str, Any], dues: list[dt.date], done_until: dt.date | None, worker: int,
                requester: int, *, keep_open: float = 0.0) -> dt.datetime | None:
    """Milestones with their progress: those due before `done_until` are done, each with an update,
    except that each is left open (overdue, and the later ones wait behind it) with probability
    `keep_open`; returns when the last was done."""
    rng = d.rng
    titles = sorted(rng.sample(W.MILESTONES, len(dues)), key=W.MILESTONES.index)
    last_done, still_open = None, False
    for pos, (title, due) in enumerate(zip(titles, dues), start=1):
        done = done_until is not None and due <= done_until and not still_open
        if done and rng.random() < keep_open:
            done, still_open = False, True  # the rest wait behind it
        done_at = d.at(min(due + dt.timedelta(days=rng.randint(-6, 3)), d.today)) if done else None
        made = req["created_at"]
        row = d.add(Milestone, made, {"request_id": req["id"], "position": pos, "title": title, "due_on": due,
                                      "done_on": done_at.date() if done_at else None}, updated=done_at)
        if done_at is not None:
            author = worker if rng.random() < 0.7 else requester
            d.add(MilestoneUpdate, done_at, {"milestone_id": row["id"], "author_id": d.org.people[author].id,
                                             "note": rng.choice(W.MILESTONE_NOTES[:3]), "done": True, "attachments": []})
            d.log(author, "incubation", req["id"], "milestone_done", done_at, field="milestone", new=title)
            last_done = done_at
        elif done_until is not None and not still_open and rng.random() < 0.5:
            still_open = True
            when = d.between(last_done or req["created_at"], d.end)
            note = rng.choice(W.MILESTONE_NOTES[3:])
            d.add(MilestoneUpdate, when, {"milestone_id": row["id"], "author_id": d.org.people[worker].id,
                                          "note": note, "done": False, "attachments": []})
            d.log(worker, "incubation", req["id"], "milestone_update", when, field="milestone", new=f"{title}: {note}")
    return last_done


def _step(d: Demo, req: dict[str, Any], who: int, action: str, old: str, new: str, at: dt.datetime,
          reason: str = "") -> None:
    d.log(who, "incubation", req["id"], action, at, field="status", old=old, new=new)
    if reason:
        d.log(who, "incubation", req["id"], action, at, field="reason", new=reason)


def fill_incubation(d: Demo) -> None:
    """Requests at every stage. Projects already 孵化中 get accepted, running, delivered or closed
    requests (accepted when the project entered incubation); 已推广 ones closed requests with
    adopting units and the project's measured benefit as savings; adopted or completed ones drafts,
    requests waiting for the base (some for over a week) and declined ones."""
    rng, people, studios = d.rng, d.org.people, d.org.studios
    if not d.base:
        return
    branches = [u.name for u in d.org.units if u.kind == "branch"]
    total = d.size(350, 14, 300)
    wanted = {stage: max(1, round(total * share)) for stage, share in STAGES.items()}
    incubating = d.recent.newest("incubating")
    promoted = d.recent.newest("promoted")
    ready = [p for p in d.recent.newest("adopted", "completed", key="decided_at")
             if (p["completed_at"] or p["decided_at"]) < d.end - dt.timedelta(days=30)]
    # The newest incubating projects were just accepted; those accepted four months ago or more are
    # being worked on (their first milestone is due by then: see _plan), the oldest were delivered.
    def older(days: int) -> Callable[[dict[str, Any]], bool]:
        return lambda p: p["status_changed_at"] < d.end - dt.timedelta(days=days)

    plan: list[tuple[str, int, dict[str, Any]]] = []
    for stage, pool, ok in (("accepted", incubating, older(0)), ("in_progress", incubating, older(120)),
                            ("delivered", incubating, older(150)), ("closed", incubating, older(180)),
                            ("promoted", promoted, older(0)), ("submitted", ready, older(0)),
                            ("draft", ready, older(0)), ("declined", ready, older(0))):
        chosen = [p for p in pool if ok(p)][:wanted[stage]]
        for p in chosen:
            pool.remove(p)
        plan += [(stage, n, p) for n, p in enumerate(chosen)]

    for stage, n, p in plan:
        requester = studios[d.studio_of[p["studio_id"]]].leader
        worker = rng.choice(d.base)
        if stage in ("accepted", "in_progress", "delivered", "closed", "promoted"):
            accepted = (p["status_changed_at"] if stage != "promoted"
                        else p["completed_at"] + (p["status_changed_at"] - p["completed_at"]) * rng.uniform(0.15, 0.3))
            created = p["completed_at"] + (accepted - p["completed_at"]) * rng.uniform(0.3, 0.6)
        elif stage == "declined":
            created = d.days_after(p["completed_at"] or p["decided_at"], 10, 120)
            accepted = None
        else:
            # The first request of the queue has waited past the warning threshold; others may have.
            created = d.ago(1, 20) if stage == "draft" else d.ago(9, 25) if n == 0 else d.ago(2, 25)
            accepted = None
        submitted = created if stage == "draft" else d.between(created, (accepted or created + dt.timedelta(days=1)))
        req = d.add(IncubationRequest, created, {**_request_fields(d, p, branches),
                                                 "number": d.serial("FH", created.year), "status": "draft",
                                                 "requester_id": people[requester].id})
        d.log(requester, "incubation", req["id"], "create", created, new=req["title"])
        status, changed = "draft", created
        if stage != "draft":
            req["submitted_at"] = changed = submitted
            _step(d, req, requester, "submit", status, "submitted", submitted)
            status = "submitted"
        if stage == "declined":
            changed = d.days_after(submitted, 2, 10)
            reason = rng.choice(W.INCUBATION_DECLINE)
            req.update(decided_at=changed, decided_by=people[worker].id, decision_reason=reason)
            _step(d, req, worker, "decline", status, "declined", changed, reason)
            status = "declined"
        if accepted is not None:
            req.update(decided_at=accepted, decided_by=people[worker].id, decision_reason="")
            _step(d, req, worker, "accept", status, "accepted", accepted)
            status, changed = "accepted", accepted
        dues = _plan(d, accepted.date() + dt.timedelta(days=20), accepted.date() + dt.timedelta(days=300),
                     rng.randint(3, 5)) if accepted else _plan(d, d.today + dt.timedelta(days=30),
                                                               d.today + dt.timedelta(days=300), rng.randint(3, 5))
        last_done = None
        if stage in ("in_progress", "delivered", "closed", "promoted"):
            started = d.days_after(accepted, 2, 12)
            _step(d, req, worker, "start", status, "in_progress", started)
            status, changed = "in_progress", started
        if stage in ("delivered", "closed", "promoted"):
            finish = (accepted + (p["status_changed_at"] - accepted) * rng.uniform(0.6, 0.85) if stage == "promoted"
                      else d.between(started + (d.end - started) * 0.5, d.end - dt.timedelta(days=1)))
            dues = _plan(d, started.date() + dt.timedelta(days=7), finish.date() - dt.timedelta(days=3), len(dues))
            last_done = _milestones(d, req, dues, d.today, worker, requester)
            delivered = max(finish, last_done or finish)
            req["delivered_at"] = delivered
            _step(d, req, worker, "deliver", status, "delivered", delivered)
            status, changed = "delivered", delivered
        elif stage == "in_progress":
            # Some work runs late: the first running request has an overdue milestone, others may.
            last_done = _milestones(d, req, dues, d.today - dt.timedelta(days=2), worker, requester,
                                    keep_open=1.0 if n == 0 else 0.5)
        else:
            _milestones(d, req, dues, None, worker, requester)
        if stage in ("closed", "promoted"):
            closed = p["status_changed_at"] if stage == "promoted" else d.days_after(changed, 5, 30)
            adopting = rng.sample(branches, rng.randint(2, 4)) if stage == "promoted" else []
            outcome = {"units_made": req["quantity"], "adopting_units": adopting, "measured_savings": p["measured_benefit"]}
            req.update(closed_at=closed, units_made=req["quantity"], adopting_units=adopting,
                       measured_savings=p["measured_benefit"], outcome_note=rng.choice(W.OUTCOME_NOTES))
            d.log(worker, "incubation", req["id"], "close", closed, field="outcome", new=_json(outcome))
            _step(d, req, worker, "close", status, "closed", closed)
            status, changed = "closed", closed
        req.update(status=status, status_changed_at=changed, updated_at=max(changed, last_done or changed))
        for key in ("submitted_at", "decided_at", "decided_by", "delivered_at", "closed_at", "units_made",
                    "measured_savings"):
            req.setdefault(key, None)
        req.setdefault("decision_reason", "")
        req.setdefault("adopting_units", [])
        req.setdefault("outcome_note", "")


def _json(value: Any) -> str:
    import json
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


FILLERS: list[Callable[[Demo], None]] = [fill_settings, fill_alliance, fill_teams, fill_ledger, fill_calls,
                                         fill_incubation]


def fill(bank: Bank, actor: Actor, org: Any, recent: RecentProjects, *, seed: int, scale: int, start: dt.datetime,
         end: dt.datetime, new_id: MakeId) -> dict[str, int]:
    """Run every filler and write what they made in one transaction; returns counts by kind."""
    with bank.session() as s:
        taken = set(s.scalars(select(Team.name)))
        in_alliance = set(s.scalars(select(AllianceMember.user_id)))
        settings: dict[str, Any] = dict(s.execute(select(Setting.key, Setting.value).where(
            Setting.key.like("jb_seq:%") | Setting.key.like("fh_seq:%") | (Setting.key == "warnings"))).all())
    d = Demo(random.Random(f"{seed}:activity"), org, recent, bank.site_id, bank.site_code, start, end, scale, new_id,
             taken_names=taken, in_alliance=in_alliance, settings=dict(settings))
    for filler in FILLERS:
        filler(d)
    with bank.write(actor=actor) as s:
        conn = s.connection()
        for table, rows in d.rows.items():
            conn.execute(insert(table), rows)
        if d.history:
            conn.execute(insert(AuditLog.__table__), audit.chained(s, bank.site_id, d.history))
        for key, value in d.settings.items():
            if settings.get(key) != value:
                row = s.get(Setting, key)
                if row is None:
                    s.add(Setting(key=key, value=value))
                else:
                    row.value = value
    counts = {table.name: len(rows) for table, rows in d.rows.items()}
    counts["audit_log"] = len(d.history)
    return counts


__all__ = ["RecentProjects", "Demo", "FILLERS", "WARNINGS", "fill", "fill_settings", "fill_alliance", "fill_teams",
           "fill_ledger", "fill_calls", "fill_incubation"]
