"""The people workbook: units, studios and people from one file, all or nothing, row by row."""
from __future__ import annotations

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from app.core import org, org_import, org_template
from app.core import people as P
from app.core.errors import PermissionDenied, ValidationError
from db.models import AuditLog, Studio, Unit, User

UNITS = [["单位名称*", "上级单位", "类型", "代码"],
         ["变电运维一班", "变电运维二部", "班组", "BD0101"],  # its parent comes later in the sheet
         ["变电运维二部", "国网示范供电公司", "车间", "BD01"]]
STUDIOS = [["工作室名称*", "级别", "所属单位", "领衔人工号", "成立日期", "场地", "经费（元/年）"],
           ["刘工匠创新工作室", "公司级", "变电运维二部", "0012001", "2020-06-01", "二部三楼", "3万"]]
PEOPLE = [["工号*", "姓名*", "单位", "工作室", "角色", "技能等级", "专长", "荣誉", "在职"],
          ["0012001", "刘工匠", "变电运维二部", "", "", "高级技师", "带电作业", "全国五一劳动奖章\n省级劳模", "是"],
          ["0012002", "陈一", "变电运维一班", "刘工匠创新工作室", "职工", "技师", "", "", ""],
          ["W002", "李四", "", "", "", "技师", "", "", ""]]  # already in the bank: updated


def workbook(path, units=UNITS, studios=STUDIOS, people=PEOPLE, names=("单位", "工作室", "人员")):
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in zip(names, (units, studios, people)):
        if rows is None:
            continue
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def _counts(bank):
    with bank.session() as s:
        return tuple(s.scalar(select(func.count()).select_from(m)) for m in (Unit, Studio, User, AuditLog))


def test_a_good_workbook_creates_updates_and_reimport_changes_nothing(bank, people, tmp_path):
    path = workbook(tmp_path / "org.xlsx")
    report = org_import.import_workbook(bank, people["admin"], path)
    actions = {(r.sheet, r.key): r.action for r in report.rows}
    assert actions == {("units", "变电运维一班"): "create", ("units", "变电运维二部"): "create",
                       ("studios", "刘工匠创新工作室"): "create", ("people", "0012001"): "create",
                       ("people", "0012002"): "create", ("people", "W002"): "update"}
    units = {u["name"]: u for u in org.list_units(bank)}
    assert units["变电运维一班"]["path"] == "国网示范供电公司/变电运维二部/变电运维一班"
    studio = {s["name"]: s for s in org.list_studios(bank)}["刘工匠创新工作室"]
    assert (studio["leader"], studio["level"], studio["funds"], studio["founded"]) == ("0012001", "company",
                                                                                      30000.0, "2020-06-01")
    lead = bank.actor("0012001")  # leading zeros kept; the studio's leader leads with the leader's rights
    assert lead.role == "leader" and lead.studio_id == studio["id"]
    person = {u["employee_no"]: u for u in P.list_users(bank)}
    assert person["0012001"]["honours"] == ["全国五一劳动奖章", "省级劳模"]
    assert person["W002"]["skill_grade"] == "技师" and person["W002"]["name"] == "李四"
    before = _counts(bank)
    again = org_import.import_workbook(bank, people["admin"], path)
    assert {r.action for r in again.rows} == {"unchanged"} and not again.changed
    assert _counts(bank) == before  # not even an audit entry


def test_an_existing_person_is_updated_by_employee_number(bank, people, tmp_path):
    path = workbook(tmp_path / "one.xlsx", units=None, studios=None,
                    people=[["工号", "姓名", "单位", "专长", "在职"], ["W001", "张三丰", "输电运检车间", "太极", "否"]])
    report = org_import.import_workbook(bank, people["admin"], path)
    assert [(r.action, sorted(r.fields)) for r in report.rows] == [("update", ["active", "name", "specialty", "unit"])]
    row = {u["employee_no"]: u for u in P.list_users(bank)}["W001"]
    assert (row["name"], row["unit"], row["specialty"], row["active"]) == ("张三丰", "输电运检车间", "太极", False)
    assert row["studio"] == "王建国劳模创新工作室" and row["skill_grade"] == "技师"  # columns not given stay


BAD = [
    ("units", [["单位名称", "上级单位"], ["孤儿班", "不存在的车间"]], "不存在的车间"),
    ("units", [["单位名称", "上级单位"], ["甲", "乙"], ["乙", "甲"]], "循环"),
    ("units", [["单位名称", "类型"], ["某班", "科室"]], "单位类型"),
    ("studios", [["工作室名称", "级别"], ["某工作室", "世界级"]], "工作室级别"),
    ("studios", [["工作室名称", "领衔人工号"], ["某工作室", "X404"]], "X404"),
    ("studios", [["工作室名称", "经费（元/年）"], ["某工作室", "很多"]], "经费"),
    ("people", [["工号", "姓名", "技能等级"], ["0099", "新人", "大师"]], "技能等级"),
    ("people", [["工号", "姓名", "工作室"], ["0099", "新人", "没有的工作室"]], "没有的工作室"),
    ("people", [["工号", "姓名"], ["0099", "甲"], ["0099", "乙"]], "重复"),
    ("people", [["工号", "姓名", "角色"], ["admin", "管理员", "职工"]], "admin"),
    ("people", [["工号", "姓名"], ["有 空格", "某人"]], "工号"),
]


@pytest.mark.parametrize("sheet,rows,words", BAD, ids=[f"{b[0]}-{i}" for i, b in enumerate(BAD)])
def test_bad_rows_are_reported_and_nothing_is_written(bank, people, tmp_path, sheet, rows, words):
    good_people = [["工号", "姓名"], ["0077", "好人"]]
    tables = {"units": None, "studios": None, "people": good_people} | {sheet: rows}
    path = workbook(tmp_path / "bad.xlsx", tables["units"], tables["studios"], tables["people"])
    before = _counts(bank)
    with pytest.raises(org_import.OrgImportFailed) as err:
        org_import.import_workbook(bank, people["admin"], path)
    report = err.value.report
    assert [r for r in report.rows if r.action == "error"] and words in " ".join(err.value.details)
    assert _counts(bank) == before
    with pytest.raises(org_import.OrgImportFailed):  # a dry run finds the same
        org_import.import_workbook(bank, people["admin"], path, dry_run=True)


def test_dry_run_reports_and_writes_nothing(bank, people, tmp_path):
    path = workbook(tmp_path / "org.xlsx")
    before = _counts(bank)
    report = org_import.import_workbook(bank, people["admin"], path, dry_run=True)
    assert report.dry_run and report.counts()["people"]["create"] == 2
    assert _counts(bank) == before


def test_csv_holds_people(bank, people, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("工号,姓名,单位\n0012345,王五,变电运维车间\n", encoding="utf-8-sig")
    org_import.import_workbook(bank, people["admin"], path)
    assert bank.actor("0012345").name == "王五"


def test_only_admins_import_and_an_empty_file_is_refused(bank, people, tmp_path):
    path = workbook(tmp_path / "org.xlsx")
    with pytest.raises(PermissionDenied):
        org_import.import_workbook(bank, people["L001"], path)
    empty = workbook(tmp_path / "empty.xlsx", units=[["单位名称"]], studios=None, people=None)
    with pytest.raises(ValidationError, match="没有要导入"):
        org_import.import_workbook(bank, people["admin"], empty)


def test_the_template_filled_in_imports(bank, people, tmp_path):
    path = org_template.write_template(tmp_path / "模板.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames[:3] == ["单位", "工作室", "人员"]
    assert org_import.read_workbook(path)["people"].rows == []  # nothing made up to import by mistake
    wb["单位"].append(["检修一班", "变电运维车间", "班组"])
    wb["人员"].append(["00123", "赵一", "检修一班", "", "职工", "高级工"])
    wb.save(path)
    report = org_import.import_workbook(bank, people["admin"], path)
    assert [r.action for r in report.rows] == ["create", "create"]
    assert {u["employee_no"]: u for u in P.list_users(bank)}["00123"]["unit"] == "检修一班"
