"""Demo data: a provincial power-grid company with its units, ~40 studios, ~2,000 people and as many
projects as asked for, with comments, votes and reviews, spread over the five calendar years up to
today; then teams, open calls and incubation requests on the newest of them (demo_activity.py), so
that every board has something to show and the warnings board fills by itself.

Built for 100,000 projects in well under two minutes: rows are composed in memory and written with
SQLAlchemy Core executemany in batches, one transaction per batch, counters set directly.

Deterministic: the organisation always comes out the same, and the projects (titles, fields,
people, comments, votes, in order) depend only on `seed` and the day the demo is made (the period
ends at the start of that day, UTC). Ids are UUIDv7 stamped with each row's
creation time, so they sort like real ones; their random bits differ from run to run, which keeps
two sites that load the same demo from clashing when they synchronise.

`generate(bank, actor, projects, seed, progress=None, cancel=None)`:
- progress(done, total) is called after every batch (and once before the first);
- cancel() is asked before every batch; when it returns True the generator stops. Batches already
  written stay (each is complete: counters match rows), and the result says cancelled=True.
"""
from __future__ import annotations

import datetime as dt
import math
import os
import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, insert, select, text, update

from app.core import audit, demo_activity, demo_desk
from app.core import demo_words as W
from app.core.actor import Actor
from app.core.bank import Bank
from app.core.errors import Conflict, IdeaBankError, StorageError, ValidationError
from app.core.i18n import t
from app.core.people import hash_password
from app.core.permissions import check
from app.core.reviews import weighted_total
from app.core.stays import hours
from app.core.vocab import DEFAULT_RUBRIC_WEIGHTS, RUBRIC
from db.base import fact_id
from db.models import AuditLog, Comment, Project, ProjectMember, ProjectStage, Review, Setting, Studio, Unit, User, Vote

DEMO_PASSWORD = "demo1234"  # shown in the README and the user guide: demo data only

ORG_SEED = "ideabank-demo-org-1"  # the organisation does not depend on the projects' seed
PEOPLE = 2000
STUDIOS = 40
BASE_MANAGERS = 5
BATCH = 2500
MAX_PROJECTS = 1_000_000
YEARS = 5  # the period: from 1 January four years back to today

CATEGORY_WEIGHTS = {"suggestion": 22, "innovation": 18, "invention": 12, "creation": 10, "design": 8,
                    "tech_challenge": 10, "management": 8, "qc": 12}
STATUS_WEIGHTS = {"draft": 7, "submitted": 9, "under_review": 6, "adopted": 16, "not_adopted": 14,
                  "in_progress": 14, "completed": 20, "incubating": 8, "promoted": 6}
STUCK_DAYS = demo_activity.WARNINGS["stuck_days"]
# Days from proposal to reaching a status, at the least (reviews take weeks, work months).
MIN_AGE = {"draft": 0, "submitted": 0, "under_review": 2, "adopted": 14, "not_adopted": 14, "in_progress": 30,
           "completed": 90, "incubating": 120, "promoted": 180}
DECIDED = frozenset({"adopted", "not_adopted", "in_progress", "completed", "incubating", "promoted"})
FINISHED = frozenset({"completed", "incubating", "promoted"})

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


# -- the organisation ---------------------------------------------------------------------------

@dataclass
class _Unit:
    name: str
    kind: str
    parent: str | None
    code: str
    area: str | None = None
    id: str = ""


@dataclass
class _Person:
    employee_no: str
    name: str
    unit: str
    area: str
    branch: str
    role: str = "worker"
    skill: str = "高级工"
    specialty: str = ""
    honours: list[str] = field(default_factory=list)
    studio: int | None = None
    id: str = ""


@dataclass
class _Studio:
    name: str
    level: str
    unit: str
    area: str
    leader: int
    founded: dt.date
    members: list[int] = field(default_factory=list)
    id: str = ""


@dataclass
class _Org:
    units: list[_Unit]
    people: list[_Person]
    studios: list[_Studio]


def _weighted(rng: random.Random, weights: dict[str, int]) -> Callable[[], str]:
    keys, cum = list(weights), []
    total = 0
    for k in keys:
        total += weights[k]
        cum.append(total)
    return lambda: rng.choices(keys, cum_weights=cum)[0]


def _name(rng: random.Random) -> str:
    given = rng.choice(W.GIVEN_TWO) if rng.random() < 0.55 else rng.choice(W.GIVEN_ONE) + (
        rng.choice(W.GIVEN_ONE) if rng.random() < 0.5 else "")
    return rng.choice(W.SURNAMES) + given


def build_org() -> _Org:
    """The same company every time: units, people and studios, in memory (no ids yet)."""
    rng = random.Random(ORG_SEED)
    units = [_Unit(W.COMPANY, "company", None, "JN")]
    crews: list[_Unit] = []
    workshops: list[_Unit] = []
    branches = [(city + "供电公司", city, W.WORKSHOPS) for city in W.BRANCHES]
    branches.append((W.EHV_BRANCH, "超高压", W.EHV_WORKSHOPS))
    for b_no, (branch, short, kinds) in enumerate(branches, start=31):
        units.append(_Unit(branch, "branch", W.COMPANY, f"JN{b_no}"))
        for w_no, (area, workshop, crew_names) in enumerate(kinds, start=1):
            w_name = f"{short}{workshop}"
            w = _Unit(w_name, "workshop", branch, f"JN{b_no}{w_no:02d}", area)
            units.append(w)
            workshops.append(w)
            for c_no, crew_name in enumerate(crew_names, start=1):
                c = _Unit(f"{short}{crew_name}", "crew", w_name, f"JN{b_no}{w_no:02d}{c_no:02d}", area)
                units.append(c)
                crews.append(c)
    base_unit = _Unit("职工创新孵化基地", "workshop", W.COMPANY, "JN-BASE", None)
    units.append(base_unit)

    skill = _weighted(rng, W.SKILL_WEIGHTS)
    people: list[_Person] = []
    seq: dict[str, int] = {}
    for i in range(PEOPLE):
        crew = crews[i % len(crews)] if i < len(crews) else rng.choice(crews)
        branch_code = crew.code[2:4]
        seq[branch_code] = seq.get(branch_code, 0) + 1
        area = crew.area or "substation"
        crew_branch = next(u.parent for u in workshops if u.name == crew.parent)
        p = _Person(f"{branch_code}{seq[branch_code]:05d}", _name(rng), crew.name, area, crew_branch or "",
                    skill=skill(), specialty=rng.choice(W.SPECIALTIES[area]))
        if rng.random() < 0.06:
            p.honours = [rng.choice(W.HONOURS)]
        people.append(p)
    for p in rng.sample(people, BASE_MANAGERS):
        p.role, p.unit, p.specialty = "base", base_unit.name, "成果转化"

    by_workshop: dict[str | None, list[int]] = {}
    crew_parent = {c.name: c.parent for c in crews}
    for idx, p in enumerate(people):
        if p.role == "worker":
            by_workshop.setdefault(crew_parent.get(p.unit, ""), []).append(idx)
    level = _weighted(rng, W.STUDIO_LEVEL_WEIGHTS)
    leader_skill = _weighted(rng, W.LEADER_SKILLS)
    studios: list[_Studio] = []
    taken: set[str] = set()
    for w in rng.sample(workshops, STUDIOS):
        pool = by_workshop.get(w.name, [])
        if not pool:
            continue
        leader_idx = rng.choice(pool)
        leader = people[leader_idx]
        leader.role, leader.skill = "leader", leader_skill()
        leader.honours = rng.sample(W.LEADER_HONOURS, rng.randint(1, 3))
        short = w.name[:2]
        if rng.random() < 0.6:
            name = leader.name + rng.choice(W.STUDIO_KINDS)
        else:
            name = f"{short}{rng.choice(W.STUDIO_THEMES[w.area or 'substation'])}创新工作室"
        while name in taken:
            name = f"{short}{w.name[2:4]}" + name
        taken.add(name)
        studio = _Studio(name, level(), w.name, w.area or "substation", leader_idx,
                         dt.date(rng.randint(2012, 2022), rng.randint(1, 12), rng.randint(1, 28)))
        s_idx = len(studios)
        leader.studio = s_idx
        studio.members.append(leader_idx)
        for idx in pool:
            if idx != leader_idx and people[idx].role == "worker" and rng.random() < 0.6:
                people[idx].studio = s_idx
                studio.members.append(idx)
        studios.append(studio)
    return _Org(units, people, studios)


def _premises(st: _Studio) -> dict[str, Any]:
    """Where the studio works and its yearly funds (有场所和经费), by its level; one studio in eight
    has not recorded them yet, so the compliance page shows what a gap looks like."""
    rng = random.Random(st.name)
    if rng.random() < 0.125:
        return {"premises": None, "funds": None}
    floor, area = rng.randint(1, 4), rng.choice((60, 80, 120, 150, 200))
    funds = {"national": 300000, "provincial": 150000, "company": 80000}.get(st.level, 30000)
    return {"premises": f"{st.unit}{floor}楼，{area} m²", "funds": float(funds + rng.randrange(0, funds // 2, 1000))}


def _ensure_org(conn: Connection, org: _Org, site_id: str, made_at: dt.datetime) -> dict[str, int]:
    """Insert what of the organisation is missing; reuse what is there (an --append run, or a
    site that already has some of these names). Fills in every id."""
    made = {"units": 0, "studios": 0, "people": 0}
    unit_ids = dict(conn.execute(select(Unit.name, Unit.id)).all())
    stamp = {"created_at": made_at, "updated_at": made_at, "site_id": site_id}
    new_units = []
    for u in org.units:  # parents come before children in the list
        u.id = unit_ids.get(u.name) or ""
        if not u.id:
            u.id = unit_ids[u.name] = _new_id(made_at)
            new_units.append({"id": u.id, "name": u.name, "kind": u.kind, "code": u.code,
                              "parent_id": unit_ids.get(u.parent) if u.parent else None, **stamp})
    if new_units:
        conn.execute(insert(Unit.__table__), new_units)
    made["units"] = len(new_units)

    studio_ids = dict(conn.execute(select(Studio.name, Studio.id)).all())
    new_studios = []
    for st in org.studios:
        st.id = studio_ids.get(st.name) or ""
        if not st.id:
            st.id = _new_id(made_at)
            new_studios.append({"id": st.id, "name": st.name, "level": st.level, "unit_id": unit_ids[st.unit],
                                "founded": st.founded, "settings": {}, "leader_id": None, **_premises(st), **stamp})
    if new_studios:
        conn.execute(insert(Studio.__table__), new_studios)
    made["studios"] = len(new_studios)

    user_ids = dict(conn.execute(select(User.employee_no, User.id)).all())
    new_people = []
    # Demo people can sign in (employee number + DEMO_PASSWORD); one hash serves them all, since
    # hashing 2,000 passwords with argon2id would take minutes.
    demo_hash = hash_password(DEMO_PASSWORD)
    for p in org.people:
        p.id = user_ids.get(p.employee_no) or ""
        if not p.id:
            p.id = _new_id(made_at)
            new_people.append({"id": p.id, "employee_no": p.employee_no, "name": p.name, "unit_id": unit_ids[p.unit],
                               "studio_id": org.studios[p.studio].id if p.studio is not None else None,
                               "role": p.role, "skill_grade": p.skill, "specialty": p.specialty,
                               "honours": p.honours, "password_hash": demo_hash, "active": True, **stamp})
    if new_people:
        conn.execute(insert(User.__table__), new_people)
    made["people"] = len(new_people)
    fresh = {row["id"] for row in new_studios}
    for st in org.studios:
        if st.id in fresh:
            conn.execute(update(Studio).where(Studio.id == st.id).values(leader_id=org.people[st.leader].id))
    return made


# -- ids and times ------------------------------------------------------------------------------

_id_rng = random.Random(os.urandom(16))


def _new_id(at: dt.datetime) -> str:
    """A UUIDv7 for a row made at `at` (RFC 9562 layout: 48-bit ms time, version, variant, random)."""
    ms = int(at.timestamp() * 1000)
    value = (ms << 80) | (0x7 << 76) | (_id_rng.getrandbits(12) << 64) | (0b10 << 62) | _id_rng.getrandbits(62)
    return str(uuid.UUID(int=value))


# -- text ---------------------------------------------------------------------------------------

class _Writer:
    """Composes a project's text from its area's vocabulary. One draw of the words (equipment,
    part, work, ...) serves the title and every text field, so a project talks about one thing."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.c = rng.choice

    def theme(self, area: str) -> dict[str, str]:
        c, w = self.c, W.AREA_WORDS[area]
        eq, site = c(w["equipment"]), c(w["site"])
        if site == eq:  # 环网柜 is both a place and a piece of equipment: never "环网柜环网柜"
            site = w["site"][0]
        return {"area": area, "eq": eq, "part": c(w["part"]), "work": c(w["work"]),
                "tool": c(w["tool"]), "site": site, "problem": c(w["problem"]), "tech": c(W.TECHS),
                "device": c(W.DEVICES), "function": c(W.FUNCTIONS), "model": c(W.MODELS),
                "material": c(W.MATERIALS), "management": c(W.MANAGEMENT)}

    def title(self, category: str, th: dict[str, str]) -> str:
        eq, part, work, tool, site = th["eq"], th["part"], th["work"], th["tool"], th["site"]
        problem, tech, device, function = th["problem"], th["tech"], th["device"], th["function"]
        n = self.rng.randrange(3)
        if category == "invention":
            return [f"一种{eq}{part}{function}{device}", f"{site}{eq}{device}的研制", f"基于{tech}的{eq}{device}"][n]
        if category == "creation":
            return [f"{tool}{function}{device}", f"多功能{tool}{device}", f"{eq}{part}{device}的研制"][n]
        if category == "innovation":
            return [f"{eq}{part}改进", f"{work}用{tool}改造", f"{eq}{problem}治理措施改进"][n]
        if category == "design":
            return [f"{eq}{part}{device}设计", f"{site}{work}{device}的优化设计", f"{tool}收纳{device}设计"][n]
        if category == "suggestion":
            return [f"关于{work}中{eq}{problem}的改进建议", f"关于优化{site}{work}流程的建议",
                    f"关于加装{eq}{device}的建议"][n]
        if category == "tech_challenge":
            return [f"{site}{eq}{problem}技术攻关", f"基于{tech}的{eq}{problem}治理攻关",
                    f"{eq}{work}关键技术研究与应用"][n]
        if category == "management":
            return [f"基于{tech}的{th['management']}管理创新", f"{site}{th['management']}精益化管理模式",
                    f"{work}全过程闭环管理实践"][n]
        return [f"提高{work}一次合格率", f"降低{eq}故障率", f"缩短{work}作业时长"][n]  # QC成果

    def effect(self) -> str:
        return self.c(W.EFFECTS).format(p=self.rng.randint(15, 70), n=self.rng.randint(10, 300))

    def texts(self, th: dict[str, str], year: int) -> dict[str, Any]:
        c, rng = self.c, self.rng
        eq, part, work, tool, site = th["eq"], th["part"], th["work"], th["tool"], th["site"]
        tech, device, function, model, material = th["tech"], th["device"], th["function"], th["model"], th["material"]
        background = (f"{site}在{work}过程中，{eq}{part}{th['problem']}，{c(W.CONSEQUENCES)}。{year - 1}年本单位共发生"
                      f"此类情况{rng.randint(3, 60)}次，平均每次处理耗时{rng.randint(1, 8)}小时。现有{tool}功能单一，"
                      f"难以满足现场{work}的需要。")
        solution = (f"研制{eq}{function}{device}：一是采用{material}制作主体结构，重量轻、便于携带；"
                    f"二是引入{tech}，实现{eq}{part}的{c(W.FUNCTIONS)}；三是编制配套的{work}作业指导书。"
                    f"样机选用{model}型配件，已在{rng.randint(2, 12)}个{site}试点应用。")
        pool = [f"采用{tech}实现{eq}{function}，{self.effect()}",
                f"{material}一体化结构设计，重量轻、绝缘性能好",
                f"{function}与{c(W.FUNCTIONS)}功能集成，一人即可完成{work}",
                f"适配{model}等多种型号，通用性强",
                f"标准化{work}流程，{self.effect()}"]
        points = rng.sample(pool, rng.choices((1, 2, 3), (2, 4, 5))[0])
        tags = [W.SPECIALTIES[th["area"]][0], eq, tech]
        if rng.random() < 0.3:
            tags.append(model)
        if rng.random() < 0.3:
            tags.append(tool)
        return {"background": background, "solution": solution, "innovation_points": points,
                "tags": list(dict.fromkeys(tags)), "site": site}


# -- projects -----------------------------------------------------------------------------------

def _reached(at: dt.datetime | None, status: str) -> dt.datetime:
    """The time of an earlier step that `status` implies (a decided project was submitted, a finished one decided)."""
    if at is None:
        raise IdeaBankError(t("演示项目的状态顺序有误：{s}", "A demo project's statuses are out of order: {s}", s=status))
    return at


def _spread(i: int, n: int, rng: random.Random, start: dt.datetime, end: dt.datetime) -> dt.datetime:
    """Creation times across the period, denser in later years (the practice caught on)."""
    frac: float = ((i + rng.random()) / max(n, 1)) ** 0.85
    at = start + (end - start) * frac
    return at.replace(hour=rng.choice((8, 9, 10, 11, 14, 15, 16, 17)), minute=rng.randrange(60),
                      second=rng.randrange(60), microsecond=0)


def _later(at: dt.datetime, rng: random.Random, lo: float, hi: float, limit: dt.datetime) -> dt.datetime:
    """A moment lo..hi days after `at`, never past `limit`. Steps that would overshoot land somewhere
    before it rather than on it, so times do not pile up on one instant (which also slows sorting)."""
    later = at + dt.timedelta(days=rng.uniform(lo, hi))
    if later <= limit:
        return later
    return at + (limit - at) * rng.random() if limit > at else at


def _existing_projects(bank: Bank) -> int:
    with bank.session() as s:
        return s.scalar(select(func.count()).select_from(Project)) or 0


def generate(bank: Bank, actor: Actor, projects: int, seed: int = 20241124, progress: Progress | None = None,
             cancel: Cancel | None = None, *, append: bool = False, batch: int | None = None) -> dict[str, Any]:
    """Fill the bank with demo data; returns counts of what was written (see the module docstring)."""
    check(actor, "data.demo")
    if not isinstance(projects, int) or projects < 0 or projects > MAX_PROJECTS:
        raise ValidationError(t("项目数应在 0 到 {m} 之间。", "The number of projects must be 0 to {m}.", m=MAX_PROJECTS))
    existing = _existing_projects(bank)
    if existing and not append:
        raise Conflict(t("数据库中已有 {n} 个项目，演示数据只写入空库。确需追加请加 --append（GUI 中请选择追加）。",
                         "The bank already holds {n} projects; demo data goes into an empty bank only. "
                         "Add --append to add it anyway.", n=existing))
    # Big batches for speed; at least ~20 of them for a small demo, so a progress bar moves and
    # cancel is noticed within a fraction of a second.
    batch = batch or max(100, min(BATCH, projects // 20))
    began, began_cpu = time.perf_counter(), time.process_time()
    org = build_org()
    site_id = bank.site_id
    site_code = bank.site_code
    now = bank.now()
    # The period ends today (at midnight, so one day's runs agree): open calls, waiting requests and
    # overdue milestones are about now, and this year's statistics are not empty.
    end = now.astimezone(dt.timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
    start = dt.datetime(end.year - YEARS + 1, 1, 1, tzinfo=dt.timezone.utc)
    org_made = start - dt.timedelta(days=31)  # the organisation was there before the first idea
    counts: dict[str, Any] = {"units": 0, "studios": 0, "people": 0, "projects": 0, "members": 0, "comments": 0,
                              "votes": 0, "reviews": 0, "cancelled": False}
    with bank.write(actor=actor) as s:
        counts.update(_ensure_org(s.connection(), org, site_id, org_made))

    rng = random.Random(seed)
    # The status trail has its own stream, so adding it left every other demo value as it was.
    trail_rng = random.Random(f"{seed}:trail")
    writer = _Writer(rng)
    category_of = _weighted(rng, CATEGORY_WEIGHTS)
    status_of = _weighted(rng, STATUS_WEIGHTS)
    people = org.people
    proposers = [i for i, p in enumerate(people) if p.role != "base"]
    # Studio members propose more often than people outside any studio.
    proposer_weights = [3 if people[i].studio is not None else 1 for i in proposers]
    cum, total = [], 0
    for wgt in proposer_weights:
        total += wgt
        cum.append(total)
    all_idx = list(range(len(people)))
    with bank.session() as s:
        seqs = {int(k.split(":")[1]): v for k, v in s.execute(
            select(Setting.key, Setting.value).where(Setting.key.like("project_seq:%"))).all()}

    recent = demo_activity.RecentProjects()
    if progress:
        progress(0, projects)
    done = 0
    while done < projects:
        if cancel is not None and cancel():
            counts["cancelled"] = True
            break
        size = min(batch, projects - done)
        rows = _batch(rng, writer, org, done, size, projects, start, end, end, category_of, status_of, proposers,
                      cum, all_idx, seqs, site_id, site_code)
        rows[AuditLog.__table__], rows[ProjectStage.__table__] = _trail(trail_rng, rows[Project.__table__], org,
                                                                        site_id)
        try:
            with bank.write(actor=actor) as s:
                conn = s.connection()
                audit.chained(s, site_id, rows[AuditLog.__table__])  # the trail joins the audit log's hash chain
                for table, data in rows.items():
                    if data:
                        conn.execute(insert(table), data)
                for year, value in seqs.items():
                    key = f"project_seq:{year}"
                    setting = s.get(Setting, key)
                    if setting is None:
                        s.add(Setting(key=key, value=value))
                    else:
                        setting.value = value
        except StorageError as exc:  # a full disk: each batch is one transaction, so the earlier ones are whole
            raise StorageError(exc.message + " " + t("此前已写入的 {n} 个演示项目完整保留，其余未写入。",
                                                     "The {n} demo projects written before are kept whole; "
                                                     "the rest were not written.", n=done)) from exc
        recent.take(rows[Project.__table__])
        done += size
        counts["projects"] += size
        counts["members"] += len(rows[ProjectMember.__table__])
        counts["comments"] += len(rows[Comment.__table__])
        counts["votes"] += len(rows[Vote.__table__])
        counts["reviews"] += len(rows[Review.__table__])
        if progress:
            progress(done, projects)
    if not counts["cancelled"]:
        counts.update(demo_activity.fill(bank, actor, org, recent, seed=seed, scale=counts["projects"], start=start,
                                         end=end, new_id=_new_id))
        counts.update(demo_desk.fill(bank, actor))
    with bank.write(actor=actor) as s:
        audit.record(s, actor, "bank", site_id, "demo", new=dict(counts, seed=seed), site_id=site_id, at=now)
        # Fresh statistics after a bulk load: without them SQLite's planner sorts all matching rows
        # for a multi-status list page (~100 ms at 100k projects) instead of walking the date index.
        s.execute(text("ANALYZE"))
    counts["seconds"] = round(time.perf_counter() - began, 2)
    # CPU time of this process: on a busy machine it shows what the generator itself costs.
    counts["cpu_seconds"] = round(time.process_time() - began_cpu, 2)
    return counts


# The lifecycle steps each status went through, in order (see lifecycle.py).
_PATH = {"draft": (), "submitted": ("submit",), "under_review": ("submit", "start_review"),
         "adopted": ("submit", "start_review", "adopt"), "not_adopted": ("submit", "start_review", "not_adopt"),
         "in_progress": ("submit", "start_review", "adopt", "start_work"),
         "completed": ("submit", "start_review", "adopt", "start_work", "complete"),
         "incubating": ("submit", "start_review", "adopt", "start_work", "complete", "incubate"),
         "promoted": ("submit", "start_review", "adopt", "start_work", "complete", "incubate", "promote")}
_TARGET = {"submit": "submitted", "start_review": "under_review", "adopt": "adopted", "not_adopt": "not_adopted",
           "start_work": "in_progress", "complete": "completed", "incubate": "incubating", "promote": "promoted"}


def _trail(rng: random.Random, projects: list[dict[str, Any]], org: _Org,
           site_id: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The audit trail of each project's status changes and its stays in each status, as the
    lifecycle writes them, consistent with the project's own times (submitted, decided, completed,
    last change): the analytics' times in stage come from these."""
    leaders = {st.id: org.people[st.leader].id for st in org.studios}
    rows: list[dict[str, Any]] = []
    stays: list[dict[str, Any]] = []
    for p in projects:
        steps = _PATH[p["status"]]
        if not steps:
            continue
        submitted, decided, completed, changed = (p["submitted_at"], p["decided_at"], p["completed_at"],
                                                  p["status_changed_at"])
        at = {"submit": submitted}
        if decided is not None:
            at["start_review"] = submitted + (decided - submitted) * rng.uniform(0.1, 0.6)
            at["adopt"] = at["not_adopt"] = decided
        elif "start_review" in steps:
            at["start_review"] = changed
        if completed is not None:
            at["start_work"] = decided + (completed - decided) * rng.uniform(0.02, 0.2)
            at["complete"] = completed
        elif "start_work" in steps:
            at["start_work"] = changed
        if p["status"] == "promoted":
            at["incubate"] = completed + (changed - completed) * rng.uniform(0.3, 0.8)
            at["promote"] = changed
        elif "incubate" in steps:
            at["incubate"] = changed
        leader = leaders.get(p["studio_id"])
        old = "draft"
        for action in steps:
            when = at[action]
            who = p["proposer_id"] if action in ("submit", "start_work") else leader
            rows.append({"id": _new_id(when), "at": when, "actor_id": who, "entity": "project", "entity_id": p["id"],
                         "action": action, "field": "status", "old_value": old, "new_value": _TARGET[action],
                         "site_id": site_id})
            if stays and stays[-1]["project_id"] == p["id"]:
                days = (when - stays[-1]["entered_at"]).total_seconds() / 86400
                stays[-1].update(left_at=when, days=days, hours=hours(days))
            stays.append({"project_id": p["id"], "stage": _TARGET[action], "entered_at": when, "left_at": None,
                          "days": None, "hours": None})
            old = _TARGET[action]
    return rows, stays


def _batch(rng: random.Random, writer: _Writer, org: _Org, first: int, size: int, total: int,
           start: dt.datetime, end: dt.datetime, now: dt.datetime, category_of: Callable[[], str],
           status_of: Callable[[], str], proposers: list[int], cum: list[int], all_idx: list[int],
           seqs: dict[int, int], site_id: str, site_code: str) -> dict[Any, list[dict[str, Any]]]:
    people, studios = org.people, org.studios
    P, M, C, V, R = ([] for _ in range(5))  # projects, members, comments, votes, reviews
    stuck_share = max(0.01, min(0.2, 10 / max(total, 1)))
    for i in range(first, first + size):
        created = _spread(i, total, rng, start, end)
        author = proposers[rng.choices(range(len(proposers)), cum_weights=cum)[0]]
        person = people[author]
        studio_idx = person.studio
        if studio_idx is None and rng.random() < 0.7:
            studio_idx = rng.randrange(len(studios))
        category, status = category_of(), status_of()
        # A status fits the project's age: a week-old idea is not yet promoted, and old projects have
        # mostly moved on (one still waiting in an active stage past the demo's warning threshold
        # for it is rare, so the warnings board shows a few, not half the bank). A small demo has
        # few recent projects, so it keeps more of them waiting: its review queue is not empty and
        # every status occurs.
        age = (now - created).days
        while age < MIN_AGE[status] or (age > STUCK_DAYS.get(status, age) and rng.random() > stuck_share):
            status = status_of()
        theme = writer.theme(person.area)
        title = writer.title(category, theme)
        text = writer.texts(theme, created.year)
        pid = _new_id(created)
        seqs[created.year] = seqs.get(created.year, 0) + 1
        submitted = decided = completed = None
        changed = created
        if status != "draft":
            submitted = changed = _later(created, rng, 0, 10, now)
        if status in DECIDED:
            decided = changed = _later(_reached(submitted, status), rng, 3, 40, now)
        elif status == "under_review":
            changed = _later(_reached(submitted, status), rng, 1, 10, now)
        if status in FINISHED:
            completed = changed = _later(_reached(decided, status), rng, 30, 240, now)
        if status in ("incubating", "promoted"):
            changed = _later(_reached(completed, status), rng, 10, 120, now)
        elif status == "in_progress":
            changed = _later(_reached(decided, status), rng, 1, 30, now)
        expected = None if (status == "draft" and rng.random() < 0.4) else round(
            rng.lognormvariate(math.log(30000 if category == "suggestion" else 80000), 0.9), -2)
        measured = None
        if status in FINISHED and expected is not None:
            measured = round(expected * rng.uniform(0.5, 1.5), -2)
        later_stage = status in FINISHED or status == "in_progress"
        patents, awards = [], []
        if status in FINISHED and rng.random() < 0.25:
            kind = rng.choices(list(W.PATENT_KINDS), list(W.PATENT_KINDS.values()))[0]
            patents.append({"number": f"ZL{_reached(completed, status).year} {'1' if kind == '发明' else '2'} "
                                      f"{rng.randrange(10**7):07d}.{rng.randrange(10)}",
                            "kind": kind, "status": rng.choice(W.PATENT_STATUSES)})
        if status in FINISHED and rng.random() < 0.3:
            awards.append({"name": rng.choice(W.AWARDS), "year": min(_reached(completed, status).year + 1, end.year)})
        P.append({
            "id": pid, "created_at": created, "updated_at": changed, "site_id": site_id,
            "number": f"CX-{created.year}-{site_code}-{seqs[created.year]:06d}",
            "title": title, "category": category, "background": text["background"], "solution": text["solution"],
            "innovation_points": text["innovation_points"],
            "implementation": f"{created.year}年{created.month}月立项，组织班组骨干完成设计、加工和现场试验。"
                              if later_stage else "",
            "indicators": writer.effect() if later_stage else "",
            "promotion": rng.choice(W.PROMOTION).format(n=rng.randint(2, 30), site=text["site"])
                         if status in ("incubating", "promoted") else "",
            "expected_benefit": expected, "measured_benefit": measured,
            "benefit_basis": f"按每年减少停电时间{rng.randint(5, 200)}小时、节约人工{rng.randint(20, 600)}工日测算"
                             if expected is not None else "",
            "investment": round(rng.uniform(2000, 80000), -2) if rng.random() < 0.6 else None,
            "social_benefit": rng.choice(W.SOCIAL) if status != "draft" else "",
            "status": status, "studio_id": studios[studio_idx].id if studio_idx is not None else None,
            "proposer_id": person.id, "tags": text["tags"], "patents": patents, "awards": awards,
            "confidentiality": rng.choices(("internal", "public", "secret"), (85, 12, 3))[0], "kiosk": False,
            "vote_count": 0, "comment_count": 0, "merged_into_id": None, "submitted_at": submitted,
            "decided_at": decided, "completed_at": completed, "status_changed_at": changed,
        })
        row = P[-1]
        # Co-authors come from the same studio when there is one, so teams look like teams.
        pool = studios[studio_idx].members if studio_idx is not None else all_idx
        team = [author] + [x for x in rng.sample(pool, min(len(pool), rng.choices((0, 1, 2, 3, 4), (30, 30, 22, 12, 6))[0]))
                           if x != author]
        for pos, idx in enumerate(team, start=1):
            M.append({"id": _new_id(created), "created_at": created, "updated_at": created, "site_id": site_id,
                      "project_id": pid, "user_id": people[idx].id, "position": pos,
                      "role": "负责人" if pos == 1 else "主要完成人"})
        if status != "draft":
            voters = rng.sample(all_idx, min(60, int(rng.paretovariate(1.4)) - 1))
            for idx in voters:
                at = _later(_reached(submitted, status), rng, 0, 60, now)
                V.append({"id": fact_id("votes", pid, people[idx].id), "created_at": at, "updated_at": at, "site_id": site_id,
                          "project_id": pid, "user_id": people[idx].id, "value": 1})
            row["vote_count"] = len(voters)
            thread: list[tuple[str, dt.datetime]] = []
            for _ in range(rng.choices((0, 1, 2, 3, 5), (45, 25, 15, 10, 5))[0]):
                if thread and rng.random() < 0.3:  # the proposer answers an earlier comment
                    parent, parent_at = rng.choice(thread)
                    at = _later(parent_at, rng, 0, 7, now)
                    body, who = rng.choice(W.REPLIES), person.id
                else:
                    parent, at = None, _later(_reached(submitted, status), rng, 0, 90, now)
                    body, who = rng.choice(W.COMMENTS), people[rng.choice(all_idx)].id
                cid = _new_id(at)
                C.append({"id": cid, "created_at": at, "updated_at": at, "site_id": site_id, "project_id": pid,
                          "author_id": who, "parent_id": parent, "body": body})
                thread.append((cid, at))
            row["comment_count"] = len(thread)
        if status in DECIDED:
            adopted = status != "not_adopted"
            low = 6 if adopted else 3
            scores = {k: float(rng.randint(low, low + 4)) for k in RUBRIC}
            reviewer = people[studios[studio_idx].leader].id if studio_idx is not None else None
            R.append({"id": _new_id(_reached(decided, status)), "created_at": decided, "updated_at": decided, "site_id": site_id,
                      "project_id": pid, "reviewer_id": reviewer, "scores": scores,
                      "total": weighted_total(scores, DEFAULT_RUBRIC_WEIGHTS),
                      "decision": "adopt" if adopted else "reject",
                      "reason": rng.choice(W.ADOPT_REASONS if adopted else W.REJECT_REASONS), "private_note": ""})
    return {Project.__table__: P, ProjectMember.__table__: M, Vote.__table__: V, Comment.__table__: C,
            Review.__table__: R}


__all__ = ["generate", "build_org", "PEOPLE", "STUDIOS"]
