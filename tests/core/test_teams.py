"""Teams, the maker alliance, open calls from posting to an accepted member, and the skills search."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.core import projects, teams
from app.core.errors import Conflict, InvalidTransition, NotFound, PermissionDenied, ValidationError
from app.core.paths import attachment_path
from db.models import AuditLog, Notification


def notes_of(bank, user_id):
    with bank.session() as s:
        return s.scalars(select(Notification.message).where(Notification.user_id == user_id)
                         .order_by(Notification.created_at)).all()


@pytest.fixture
def team(bank, people):
    return teams.create_team(bank, people["L001"], "防雨罩攻关队", "攻关队", partner_units=["输电运检车间"],
                             problem="雨天巡检中断").value


def test_create_team_with_units_projects_and_leader_first(bank, people, draft_data):
    pid = projects.propose(bank, people["W001"], draft_data, submit=True).value
    number = projects_number(bank, people, pid)
    tid = teams.create_team(bank, people["L001"], "联合攻关队", "tackling", leader="W001", host_unit="变电运维车间",
                            partner_units=["输电运检车间", "变电运维车间"], projects=[number]).value
    d = teams.team_detail(bank, "联合攻关队")
    assert d["id"] == tid and d["kind_label"] == "攻关队" and d["studio"] == "王建国劳模创新工作室"
    assert d["leader"] == "W001" and d["host_unit"] == "变电运维车间"
    assert d["partner_units"] == ["输电运检车间"]  # the host is not its own partner
    assert [p["id"] for p in d["projects"]] == [pid]
    assert [(m["employee_no"], m["position"], m["skill_grade"]) for m in d["members"]] == [("W001", 1, "技师")]
    assert any("联合攻关队" in n for n in notes_of(bank, people["W001"].id))
    with pytest.raises(Conflict):
        teams.create_team(bank, people["L001"], "联合攻关队")


def projects_number(bank, people, pid):
    from app.core.queries import project_detail
    return project_detail(bank, people["L001"], pid)["number"]


def test_who_may_form_and_manage_teams(bank, people, team):
    with pytest.raises(PermissionDenied):
        teams.create_team(bank, people["W001"], "自发团队")
    with pytest.raises(PermissionDenied):  # a leader forms teams for their own studio only
        teams.create_team(bank, people["L002"], "越权团队", studio="王建国劳模创新工作室")
    with pytest.raises(PermissionDenied):
        teams.add_member(bank, people["L002"], team, "W002")
    with pytest.raises(PermissionDenied):
        teams.add_member(bank, people["W001"], team, "W002")
    teams.create_team(bank, people["L001"], "智囊团一", "智囊团", leader="W001")
    teams.add_member(bank, people["W001"], "智囊团一", "W002")  # a worker leading a team manages it


def test_members_keep_their_snapshot_leave_rejoin_and_order(bank, people, team, clock):
    teams.add_member(bank, people["L001"], team, "W002", role="主研", specialty="绝缘检测")
    teams.add_member(bank, people["L001"], team, "W001", role="试验")
    with pytest.raises(Conflict):
        teams.add_member(bank, people["L001"], team, "W001")
    with pytest.raises(ValidationError):
        teams.add_member(bank, people["L001"], team, "nobody")
    clock.advance(days=10)
    teams.remove_member(bank, people["L001"], team, "W002")
    with pytest.raises(ValidationError):
        teams.remove_member(bank, people["L001"], team, "L001")  # the leader cannot leave
    members = {m["employee_no"]: m for m in teams.team_detail(bank, team)["members"]}
    assert members["W002"]["unit"] == "输电运检车间" and members["W002"]["skill_grade"] == "高级工"
    assert members["W002"]["specialty"] == "绝缘检测"
    assert (members["W002"]["joined_on"], members["W002"]["left_on"]) == ("2025-03-01", "2025-03-11")
    teams.add_member(bank, people["L001"], team, "W002")  # comes back at the end of the order
    teams.reorder_members(bank, people["L001"], team, ["W002"])
    order = [(m["employee_no"], m["position"], m["left_on"]) for m in teams.team_detail(bank, team)["members"]]
    assert order == [("W002", 1, None), ("L001", 2, None), ("W001", 3, None)]
    with bank.session() as s:
        actions = s.scalars(select(AuditLog.action).where(AuditLog.entity_id == team).order_by(AuditLog.at)).all()
    assert actions == ["create", "add_member", "add_member", "remove_member", "add_member", "reorder"]


def test_activity_log_with_attachments_by_reference(bank, people, team, tmp_path):
    report = tmp_path / "试验报告.pdf"
    report.write_bytes(b"%PDF-1.4 trial")
    teams.add_member(bank, people["L001"], team, "W001")
    teams.log_activity(bank, people["W001"], team, "试验", "淋雨试验", "连续 4 小时无进水", happened_on="2025-02-27",
                       files=[report, report])
    with pytest.raises(PermissionDenied):
        teams.log_activity(bank, people["W002"], team, "会议", "不是成员")
    with pytest.raises(ValidationError):
        teams.log_activity(bank, people["W001"], team, "聚餐", "未知类型")
    (entry,) = teams.team_detail(bank, team)["activities"]
    assert (entry["kind"], entry["date"], entry["author"]) == ("trial", "2025-02-27", "张三")
    a, b = entry["attachments"]
    assert a["sha256"] == b["sha256"] and a["name"] == "试验报告.pdf" and a["size"] == 14
    assert attachment_path(bank.data_dir, a["sha256"]).read_bytes() == b"%PDF-1.4 trial"


def test_alliance_and_skills_search(bank, people, draft_data):
    teams.join_alliance(bank, people["W002"], "带电作业、无人机巡检")
    with pytest.raises(Conflict):
        teams.join_alliance(bank, people["W002"], "again")
    with pytest.raises(PermissionDenied):
        teams.join_alliance(bank, people["W002"], "代人报名", who="W001")
    teams.join_alliance(bank, people["L001"], "继电保护", who="W001")
    pid = projects.propose(bank, people["W001"], draft_data).value
    assert [r["employee_no"] for r in teams.list_alliance(bank)] == ["W002", "W001"]

    def found(**kw):
        return [r["employee_no"] for r in teams.find_people(bank, **kw)]

    assert found(specialty="无人机") == ["W002"]
    assert found(specialty="继电") == ["W001"]
    assert set(found(min_grade="技师")) == {"W001", "L001"}
    assert found(min_grade="首席技师") == []
    assert set(found(unit="国网示范供电公司")) == {"W001", "W002", "L001", "L002"}  # the unit and below
    assert found(unit="输电运检车间", alliance_only=True) == ["W002"]
    assert found(project="防雨罩") == ["W001"]
    assert teams.find_people(bank, project="防雨罩")[0]["projects"] == [draft_data["title"]]
    assert teams.find_people(bank, specialty="无人机")[0]["specialties"] == ["带电作业、无人机巡检"]
    assert pid
    teams.leave_alliance(bank, people["W002"])
    assert found(specialty="无人机") == []


def test_open_call_from_posting_to_accepted_member(bank, people, team, clock):
    with pytest.raises(PermissionDenied):
        teams.post_call(bank, people["W001"], "难题", "描述", deadline="2025-03-15")
    with pytest.raises(ValidationError):
        teams.post_call(bank, people["L001"], "难题", "描述", deadline="2025-02-01")  # in the past
    cid = teams.post_call(bank, people["L001"], "GIS 局放定位难", "局放信号定位误差大，征集攻关成员",
                          deadline="2025-03-15", team=team).value
    teams.apply_call(bank, people["W002"], cid, "做过三年局放检测，熟悉超声法")
    teams.apply_call(bank, people["W001"], cid, "想学习")
    assert any("李四" in n and "GIS 局放定位难" in n for n in notes_of(bank, people["L001"].id))
    with pytest.raises(Conflict):
        teams.apply_call(bank, people["W002"], cid, "再报一次")
    with pytest.raises(ValidationError):
        teams.apply_call(bank, people["L001"], cid, "我自己")
    with pytest.raises(PermissionDenied):
        teams.decide_application(bank, people["W001"], cid, "W002", True)

    teams.decide_application(bank, people["L001"], cid, "W002", True, "欢迎加入")
    teams.decide_application(bank, people["L001"], cid, "W001", False, "名额已满")
    with pytest.raises(InvalidTransition):
        teams.decide_application(bank, people["L001"], cid, "W002", False)
    assert any("已被接受" in n and "欢迎加入" in n for n in notes_of(bank, people["W002"].id))
    assert any("未被接受" in n and "名额已满" in n for n in notes_of(bank, people["W001"].id))
    members = {m["employee_no"]: m["role"] for m in teams.team_detail(bank, team)["members"]}
    assert members == {"L001": "队长", "W002": "揭榜成员"}
    detail = teams.call_detail(bank, cid)
    assert [(a["employee_no"], a["status"]) for a in detail["application_list"]] == [("W002", "accepted"),
                                                                                      ("W001", "declined")]
    clock.advance(days=15)
    assert teams.list_calls(bank)[0]["state"] == "expired"
    with pytest.raises(InvalidTransition, match="截止"):
        teams.apply_call(bank, people["B001"], cid, "晚了")
    teams.close_call(bank, people["L001"], cid)
    assert teams.list_calls(bank, state="closed")[0]["number"] == detail["number"]
    with pytest.raises(NotFound):
        teams.apply_call(bank, people["W001"], "JB-0000", "?")


def _cli(tmp_path, *argv):
    from app.cli import main
    return main(["--data-dir", str(tmp_path / "data"), *argv])


def test_cli_team_and_call(bank, people, tmp_path, capsys):
    bank.close()
    assert _cli(tmp_path, "--as", "L001", "team", "create", "巡检攻关队", "--kind", "攻关队",
                "--partner-unit", "输电运检车间") == 0
    assert _cli(tmp_path, "--as", "L001", "team", "add-member", "巡检攻关队", "W001", "--role", "主研") == 0
    assert _cli(tmp_path, "--as", "W001", "team", "add-member", "巡检攻关队", "W002") == PermissionDenied.exit_code
    assert "没有权限" in capsys.readouterr().err
    assert _cli(tmp_path, "--as", "L001", "team", "call", "post", "难题", "--problem", "描述", "--deadline",
                "2999-12-31", "--team", "巡检攻关队") == 0
    call_no = capsys.readouterr().out.strip().splitlines()[-1]
    assert call_no.startswith("JB-")
    assert _cli(tmp_path, "--as", "W002", "team", "call", "apply", call_no, "--statement", "我来") == 0
    assert _cli(tmp_path, "--as", "L001", "team", "call", "decide", call_no, "W002", "accept") == 0
    capsys.readouterr()
    assert _cli(tmp_path, "team", "show", "巡检攻关队", "--json") == 0
    detail = json.loads(capsys.readouterr().out)
    assert [m["employee_no"] for m in detail["members"]] == ["L001", "W001", "W002"]
    assert _cli(tmp_path, "team", "find", "--min-grade", "技师", "--json") == 0
    assert {r["employee_no"] for r in json.loads(capsys.readouterr().out)} == {"L001", "W001"}
    assert _cli(tmp_path, "team", "list") == 0
    assert "巡检攻关队" in capsys.readouterr().out
