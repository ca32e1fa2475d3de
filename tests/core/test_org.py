"""The organisation administered: units, studios and people, each change checked and audited."""
from __future__ import annotations

import pytest
from PIL import Image
from sqlalchemy import select

from app.core import auth, org, projects, queries, reviews
from app.core import people as P
from app.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from db.models import AuditLog, Studio, User


def _audit(bank, entity_id, field=None):
    with bank.session() as s:
        stmt = select(AuditLog).where(AuditLog.entity_id == entity_id)
        if field:
            stmt = stmt.where(AuditLog.field == field)
        return s.scalars(stmt.order_by(AuditLog.at)).all()


def test_unit_tree_add_edit_move_and_list(bank, people):
    admin = people["admin"]
    uid = org.add_unit(bank, admin, "变电一班", "班组", parent="变电运维车间").value
    org.edit_unit(bank, admin, "变电一班", name="变电运维一班", code="BD01")
    org.move_unit(bank, admin, "变电运维一班", "输电运检车间")
    units = {u["name"]: u for u in org.list_units(bank)}
    one = units["变电运维一班"]
    assert (one["kind"], one["code"], one["parent"], one["depth"]) == ("crew", "BD01", "输电运检车间", 2)
    assert one["path"] == "国网示范供电公司/输电运检车间/变电运维一班"
    names = [u["name"] for u in org.list_units(bank)]
    assert names.index("国网示范供电公司") < names.index("输电运检车间") < names.index("变电运维一班")
    assert {a.field for a in _audit(bank, uid)} >= {"name", "code", "parent_id"}
    moved = [a for a in _audit(bank, uid, "parent_id")][0]
    assert (moved.old_value, moved.new_value) == ("变电运维车间", "输电运检车间")  # names, not ids


@pytest.mark.parametrize("parent", ["国网示范供电公司", "变电运维车间"])
def test_a_unit_cannot_move_under_itself_or_below_itself(bank, people, parent):
    with pytest.raises(ValidationError):
        org.move_unit(bank, people["admin"], "国网示范供电公司", parent)
    assert org.list_units(bank)[0]["name"] == "国网示范供电公司"


def test_unit_errors_are_one_clear_line(bank, people):
    admin = people["admin"]
    with pytest.raises(Conflict):
        org.add_unit(bank, admin, "变电运维车间", "workshop")
    with pytest.raises(ValidationError, match="单位类型"):
        org.add_unit(bank, admin, "新单位", "科室")
    with pytest.raises(ValidationError, match="没有名为"):
        org.add_unit(bank, admin, "新单位", parent="不存在的单位")
    with pytest.raises(PermissionDenied):
        org.add_unit(bank, people["L001"], "新单位")


def test_studio_details_and_a_new_leader(bank, people):
    admin = people["admin"]
    sid = org.add_studio(bank, admin, "带电作业工作室", "公司级", unit="输电运检车间", founded="2021-05-04",
                         premises="输电运检车间二楼", funds="5万").value
    org.edit_studio(bank, admin, "带电作业工作室", {"leader": "W002", "level": "省级"})
    studio = {s["name"]: s for s in org.list_studios(bank)}["带电作业工作室"]
    assert (studio["level"], studio["funds"], studio["founded"], studio["leader"]) == ("provincial", 50000.0,
                                                                                       "2021-05-04", "W002")
    w2 = bank.actor("W002")
    assert (w2.role, w2.studio_id) == ("leader", sid)  # the leader leads with the leader's rights
    # The post moves on: the former leader goes back to being a member, without leading rights.
    org.edit_studio(bank, admin, "带电作业工作室", {"leader": "W001"})
    assert bank.actor("W002").role == "worker" and bank.actor("W001").role == "leader"
    assert [a.new_value for a in _audit(bank, sid, "leader")] == ["W002", "W001"]


def test_a_leader_edits_own_studio_details_only(bank, people):
    leader = people["L001"]
    org.edit_studio(bank, leader, "王建国劳模创新工作室", {"premises": "变电运维车间三楼 120 m²", "founded": "2019-03-01"})
    for change in ({"level": "national"}, {"funds": 1}, {"leader": "W002"}, {"name": "改名"}):
        with pytest.raises(PermissionDenied):
            org.edit_studio(bank, leader, "王建国劳模创新工作室", change)
    with pytest.raises(PermissionDenied):
        org.edit_studio(bank, leader, "输电工作室", {"premises": "别人的"})
    with pytest.raises(PermissionDenied):
        org.edit_studio(bank, people["W001"], "王建国劳模创新工作室", {"premises": "x"})
    studio = {s["name"]: s for s in org.list_studios(bank)}["王建国劳模创新工作室"]
    assert studio["premises"] == "变电运维车间三楼 120 m²" and studio["level"] == "provincial"


def test_studio_logo_is_kept_in_the_store_and_a_non_image_refused(bank, people, tmp_path):
    png = tmp_path / "logo.png"
    Image.new("RGB", (40, 40), (200, 30, 30)).save(png)
    org.set_logo(bank, people["L001"], "王建国劳模创新工作室", png)
    studio = {s["name"]: s for s in org.list_studios(bank)}["王建国劳模创新工作室"]
    assert org.logo_path(bank, studio["logo"]).read_bytes() == png.read_bytes()
    bad = tmp_path / "logo.png.exe"
    bad.write_bytes(b"MZ not a picture")
    with pytest.raises(ValidationError):
        org.set_logo(bank, people["admin"], "王建国劳模创新工作室", bad)
    with pytest.raises(PermissionDenied):
        org.set_logo(bank, people["L002"], "王建国劳模创新工作室", png)


def test_people_edit_by_admin_and_by_their_studio_leader(bank, people):
    admin, leader = people["admin"], people["L001"]
    P.edit_user(bank, admin, "W002", {"name": "李四光", "unit": "变电运维车间", "honours": ["劳动模范"]})
    P.edit_user(bank, leader, "W001", {"skill_grade": "高级技师", "specialty": "继电保护"})
    P.edit_user(bank, leader, "W002", {"studio": "王建国劳模创新工作室"})  # takes a person into own studio
    P.edit_user(bank, leader, "W002", {"skill_grade": "技师"})  # now one of theirs
    rows = {u["employee_no"]: u for u in P.list_users(bank, studio="王建国劳模创新工作室")}
    assert rows["W002"]["name"] == "李四光" and rows["W002"]["skill_grade"] == "技师"
    assert rows["W001"]["specialty"] == "继电保护"
    with pytest.raises(PermissionDenied):
        P.edit_user(bank, leader, "W001", {"name": "改名"})  # accounts are the admins'
    with pytest.raises(PermissionDenied):
        P.edit_user(bank, leader, "L002", {"specialty": "x"})  # not of their studio
    with pytest.raises(PermissionDenied):
        P.edit_user(bank, people["L002"], "W001", {"studio": "输电工作室"})  # out of someone else's studio
    with pytest.raises(Conflict):
        P.edit_user(bank, admin, "W001", {"employee_no": "W002"})
    with pytest.raises(ValidationError, match="技能等级"):
        P.edit_user(bank, admin, "W001", {"skill_grade": "大师"})
    with pytest.raises(NotFound):
        P.edit_user(bank, admin, "X999", {"name": "无人"})


def test_deactivated_people_keep_their_history_and_cannot_sign_in(bank, people, draft_data):
    admin, worker = people["admin"], people["W001"]
    pid = projects.propose(bank, worker, draft_data, submit=True).value
    reviews.review(bank, people["L001"], pid, scores={"creativity": 8, "practicality": 9, "economic": 7, "social": 6, "promotion": 7}, decision="adopt")
    P.deactivate(bank, admin, "W001")
    with pytest.raises(PermissionDenied):
        auth.sign_in(bank, "W001", "worker-pass")
    with pytest.raises(NotFound):
        bank.actor("W001")
    detail = queries.project_detail(bank, admin, pid)
    assert detail["proposer"] == "W001" and detail["proposer_name"] == "张三" and detail["status"] == "adopted"
    assert len(detail["reviews"]) == 1
    assert [u["employee_no"] for u in P.list_users(bank, active=False)] == ["W001"]
    # A studio's leader leaves it leaderless, audited; reactivation lets the person back in.
    P.deactivate(bank, admin, "L001")
    assert {s["name"]: s for s in org.list_studios(bank)}["王建国劳模创新工作室"]["leader"] is None
    P.reactivate(bank, admin, "W001")
    assert auth.sign_in(bank, "W001", "worker-pass").employee_no == "W001"


def test_the_last_admin_and_oneself_are_kept(bank, people):
    admin = people["admin"]
    with pytest.raises(ValidationError):
        P.deactivate(bank, admin, "admin")
    with pytest.raises(ValidationError):
        P.set_role(bank, admin, "admin", "worker")
    P.set_role(bank, admin, "W002", "admin")
    P.set_role(bank, bank.actor("W002"), "W002", "worker")  # another admin remains
    with pytest.raises(PermissionDenied):
        P.set_role(bank, people["W002"], "W001", "admin")
    with pytest.raises(Conflict, match="领衔人"):
        P.set_role(bank, admin, "L001", "worker")  # leads a studio: choose another leader first
    assert bank.actor("L001").role == "leader"


def test_admin_resets_a_password_others_cannot(bank, people):
    P.set_password(bank, people["admin"], "W001", "new-pass-1")
    assert auth.sign_in(bank, "W001", "new-pass-1").employee_no == "W001"
    with pytest.raises(PermissionDenied):
        P.set_password(bank, people["W002"], "W001", "taken-over")
    assert [a.action for a in _audit(bank, people["W001"].id)].count("set_password") == 1


def test_studio_lookup_by_id_for_the_window(bank, people):
    with bank.session() as s:
        sid = s.scalar(select(Studio.id).where(Studio.name == "输电工作室"))
        assert org.studio_by_name(s, sid).name == "输电工作室"
        assert s.scalar(select(User.role).where(User.employee_no == "L002")) == "leader"
