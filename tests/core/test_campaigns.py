"""Merit competitions (立功竞赛): point rules on a fixed set of projects, checked against points
worked out by hand; the ledger explains every point; periods; the four boards; who may do what;
a secret project's points count only for those who may see it."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from app.core import campaign_points as CP
from app.core import campaigns, projects, teams
from app.core import people as P
from app.core.errors import InvalidTransition, PermissionDenied, ValidationError
from db.models import Project

SH = dt.timezone(dt.timedelta(hours=8))
RULES = {"proposed": 1, "adopted": 3, "completed": 5, "benefit_bands": [[10000, 2], [100000, 5]],
         "patents": {"invention": 10, "utility": 4, "design": 2}, "awards": {"provincial": 8, "other": 1}}


def day(m, d, hh=10):
    return dt.datetime(2025, m, d, hh, tzinfo=SH)


@pytest.fixture
def contest(bank, people, clock, draft_data):
    """A campaign from 1 March to 30 June 2025 for the substation workshop (with a crew below it).

    Projects (W001 proposes; W003 co-authors the second):
      A: submitted 2 Mar, adopted 10 Apr, completed 5 May, measured 120,000 (band 5), a utility
         patent and a provincial award                      -> 1 + 3 + 5 + 5 + 4 + 8 = 26
      B: submitted 3 Mar, adopted 15 Mar (co-authored by W003) -> 1 + 3 = 4 (W003 too)
      C: submitted 20 Feb (before the campaign), adopted 2 Mar -> 3
      S: secret, submitted 4 Mar                             -> 1
      D: a draft                                             -> 0
      E: by W002 of the other workshop: cannot be entered
    """
    admin = people["admin"]
    P.add_unit(bank, admin, "变电一班", "crew", parent="变电运维车间")
    P.add_user(bank, admin, "W003", "王五", unit="变电一班", studio="王建国劳模创新工作室")
    cid = campaigns.create(bank, admin, "2025年迎峰度夏立功竞赛", "2025-03-01", "2025-06-30", theme="保供电",
                           units=["变电运维车间"], rules=RULES).value
    w1, w3 = people["W001"], bank.actor("W003")

    def made(when, data, *steps, who=w1, **values):
        clock.now = when
        pid = projects.propose(bank, who, draft_data | data, submit=True).value
        for action, at in steps:
            clock.now = at
            projects.move(bank, people["L001"], pid, action, "理由")
        if values:
            with bank.write() as s:
                s.execute(update(Project).where(Project.id == pid).values(**values))
        return pid
    clock.now = day(2, 20)
    c_id = made(day(2, 20), {"title": "C 早期提案"}, ("start_review", day(2, 25)), ("adopt", day(3, 2)))
    a_id = made(day(3, 2), {"title": "A 红外测温支架", "patents": [{"number": "ZL2025 2 0000001.1", "kind": "实用新型"}],
                            "awards": [{"name": "省职工技术创新成果", "level": "省级"}]},
                ("start_review", day(3, 5)), ("adopt", day(4, 10)), ("start_work", day(4, 11)),
                ("complete", day(5, 5)), measured_benefit=120000)
    b_id = made(day(3, 3), {"title": "B 防雨罩", "co_authors": ["W003"]}, ("start_review", day(3, 10)),
                ("adopt", day(3, 15)))
    s_id = made(day(3, 4), {"title": "S 秘密继保", "confidentiality": "secret"})
    clock.now = day(3, 6)
    d_id = projects.propose(bank, w1, draft_data | {"title": "D 草稿"}).value
    clock.now = day(3, 7)
    for pid in (a_id, b_id, c_id, s_id, d_id):
        campaigns.enter(bank, w1, cid, pid)
    team = teams.create_team(bank, admin, "测温攻关队", studio="王建国劳模创新工作室", leader="W001",
                             projects=[a_id]).value
    clock.now = day(7, 10)
    return {"cid": cid, "A": a_id, "B": b_id, "C": c_id, "S": s_id, "D": d_id, "team": team, "w3": w3}


def board(bank, contest, which, viewer=None, **kw):
    return {r["name"]: r["points"] for r in CP.leaderboard(bank, viewer or bank.actor("admin"), contest["cid"], which,
                                                           **kw)["rows"]}


def test_points_by_hand(bank, people, contest):
    assert board(bank, contest, "people") == {"张三": 26 + 4 + 3 + 1, "王五": 4}
    assert board(bank, contest, "teams") == {"测温攻关队": 26}
    assert board(bank, contest, "studios") == {"王建国劳模创新工作室": 34}
    assert board(bank, contest, "units") == {"变电运维车间": 34}
    rows = CP.leaderboard(bank, people["admin"], contest["cid"], "people")["rows"]
    assert [(r["rank"], r["employee_no"], r["projects"]) for r in rows] == [(1, "W001", 4), (2, "W003", 1)]
    # the studio's leader sees the secret project; a worker of another workshop does not, not even its point
    assert board(bank, contest, "people", people["L001"]) == {"张三": 34, "王五": 4}
    assert board(bank, contest, "people", people["W002"]) == {"张三": 33, "王五": 4}
    assert board(bank, contest, "studios", people["W002"]) == {"王建国劳模创新工作室": 33}
    assert board(bank, contest, "units", people["W002"]) == {"变电运维车间": 33}
    rows = CP.leaderboard(bank, people["W002"], contest["cid"], "people")["rows"]
    assert [(r["employee_no"], r["projects"]) for r in rows] == [("W001", 3), ("W003", 1)]
    # entries are counted as lists are: the draft only for its author, the secret project not for W002
    assert campaigns.show(bank, people["W001"], contest["cid"])["entries"] == 5
    assert campaigns.show(bank, people["admin"], contest["cid"])["entries"] == 4
    assert [c["entries"] for c in campaigns.list_campaigns(bank, people["W002"])] == [3]


def test_the_ledger_explains_every_point(bank, people, contest):
    mine = CP.ledger(bank, people["W001"], contest["cid"], "W001")
    assert mine["total"] == 34 == sum(x["points"] for x in mine["lines"])
    a = [(x["rule"], x["points"], x["at"]) for x in mine["lines"] if x["title"] == "A 红外测温支架"]
    assert a == [("proposed", 1, "2025-03-02"), ("adopted", 3, "2025-04-10"), ("award", 8, "2025-05-05"),
                 ("benefit", 5, "2025-05-05"), ("completed", 5, "2025-05-05"), ("patent", 4, "2025-05-05")]
    details = {x["rule"]: x["detail"] for x in mine["lines"] if x["title"] == "A 红外测温支架"}
    assert "120,000" in details["benefit"] and "ZL2025" in details["patent"] and "省职工技术创新成果" in details["award"]
    assert [x["rule"] for x in mine["lines"] if x["title"] == "C 早期提案"] == ["adopted"]  # proposed before it began
    assert not any(x["title"] == "D 草稿" for x in mine["lines"])  # drafts earn nothing
    assert [(x["rule"], x["points"], x["at"]) for x in mine["lines"] if x["title"] == "S 秘密继保"] == [
        ("proposed", 1, "2025-03-04")]
    # another person reading W001's ledger sees neither the secret project nor its point
    other = CP.ledger(bank, people["W002"], contest["cid"], "W001")
    assert other["total"] == 33 == sum(x["points"] for x in other["lines"])
    assert contest["S"] not in {x["project_id"] for x in other["lines"]} and "秘密" not in str(other)


def test_periods_and_split_shares(bank, people, contest):
    march = board(bank, contest, "people", date_from="2025-03-01", date_to="2025-03-31")
    assert march == {"张三": 1 + 1 + 3 + 3 + 1, "王五": 1 + 3}
    assert board(bank, contest, "people", date_from="2025-05-01", date_to="2025-05-31") == {"张三": 22}
    assert [p[0] for p in CP.periods(bank, contest["cid"])] == ["2025-03", "2025-04", "2025-05", "2025-06"]
    campaigns.edit(bank, people["admin"], contest["cid"], rules={**RULES, "share": "split"})
    assert board(bank, contest, "people") == {"张三": 26 + 2 + 3 + 1, "王五": 2}
    assert CP.ledger(bank, people["W001"], contest["cid"], "W003")["total"] == 2
    with pytest.raises(ValidationError, match="竞赛期间"):
        CP.leaderboard(bank, people["admin"], contest["cid"], "people", date_from="2026-01-01")


def test_who_may_enter_and_manage(bank, people, contest, draft_data, clock):
    clock.now = day(6, 1)
    e_id = projects.propose(bank, people["W002"], draft_data, submit=True).value
    with pytest.raises(ValidationError, match="参赛单位"):
        campaigns.enter(bank, people["W002"], contest["cid"], e_id)
    with pytest.raises(PermissionDenied):  # not theirs
        campaigns.enter(bank, people["W002"], contest["cid"], contest["A"])
    with pytest.raises(PermissionDenied):
        campaigns.create(bank, people["L001"], "另一个竞赛", "2025-01-01", "2025-12-31")
    with pytest.raises(ValidationError, match="早于"):
        campaigns.create(bank, people["admin"], "倒着的竞赛", "2025-12-31", "2025-01-01")
    with pytest.raises(ValidationError, match="0 到 10000"):
        campaigns.create(bank, people["admin"], "负分竞赛", "2025-01-01", "2025-12-31", rules={"proposed": -1})
    campaigns.withdraw(bank, people["L001"], contest["cid"], contest["B"])  # the studio's leader
    assert board(bank, contest, "people") == {"张三": 30}
    clock.now = day(7, 2)  # after the campaign ended
    with pytest.raises(InvalidTransition, match="结束"):
        campaigns.enter(bank, people["W001"], contest["cid"], contest["B"])


def test_a_proposal_made_straight_into_a_campaign(bank, people, contest, draft_data, clock):
    clock.now = day(6, 1)
    assert [c["name"] for c in campaigns.open_for(bank, people["W001"])] == ["2025年迎峰度夏立功竞赛"]
    assert campaigns.open_for(bank, people["W002"]) == []  # not in a unit taking part
    pid = projects.propose(bank, people["W001"], draft_data | {"campaign": contest["cid"]}, submit=True).value
    assert campaigns.campaigns_of(bank, pid) == ["2025年迎峰度夏立功竞赛"]
    with pytest.raises(ValidationError):  # all or nothing: no project without its entry
        projects.propose(bank, people["W002"], draft_data | {"title": "不参赛的", "campaign": contest["cid"]})
    from app.core.queries import ProjectFilter, list_ids
    assert len(list_ids(bank, ProjectFilter(proposer_id=people["W002"].id))) == 0


def test_a_board_is_kept_until_the_bank_changes(bank, people, contest, monkeypatch):
    """Looking at a board again reads the kept answer (app/core/kept.py); another viewer, or any
    change, works it out again."""
    calls = []
    per_project = CP._per_project
    monkeypatch.setattr(CP, "_per_project", lambda *args: calls.append(args) or per_project(*args))
    first = CP.leaderboard(bank, people["admin"], contest["cid"], "people")
    assert CP.leaderboard(bank, people["admin"], contest["cid"], "people", fresh=True) == first and len(calls) == 2
    calls.clear()
    assert CP.leaderboard(bank, people["admin"], contest["cid"], "people") == first and not calls
    assert board(bank, contest, "people", people["W002"]) == {"张三": 33, "王五": 4} and len(calls) == 1
    campaigns.withdraw(bank, people["W001"], contest["cid"], contest["B"])
    assert board(bank, contest, "people") == {"张三": 26 + 3 + 1} and len(calls) == 2
