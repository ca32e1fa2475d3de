"""Day one from a terminal: the organisation by `ideabank unit|studio|user|people`, on a fresh data folder.

Runs `app.cli.main` in this process (the entry point's own code; test_cli_data.py proves the console
script) so the whole day takes seconds."""
from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from app.cli import main


@pytest.fixture
def run(tmp_path, capsys):
    home = tmp_path / "home"

    def ideabank(*args, code=0):  # type: ignore[no-untyped-def]
        rc = main(["--data-dir", str(home), *args])
        out, err = capsys.readouterr()
        assert "Traceback" not in err
        assert rc == code, err
        return out, err
    return ideabank


def test_day_one_from_the_command_line(run, tmp_path):
    run("unit", "add", "示范供电公司", "--kind", "公司")
    run("unit", "add", "变电运维车间", "--parent", "示范供电公司", "--kind", "workshop")
    run("unit", "add", "一班", "--parent", "变电运维车间")
    run("unit", "edit", "一班", "--name", "变电运维一班", "--code", "BD01")
    run("user", "add", "0012001", "王建国", "--unit", "变电运维车间")
    run("studio", "add", "王建国劳模创新工作室", "--unit", "变电运维车间", "--leader", "0012001", "--level", "省级",
        "--founded", "2019-03-01", "--funds", "5万")
    units = json.loads(run("unit", "list", "--json")[0])
    assert [(u["name"], u["depth"]) for u in units] == [("示范供电公司", 0), ("变电运维车间", 1), ("变电运维一班", 2)]
    assert {"id", "name", "kind", "kind_label", "code", "parent", "path", "people", "studios"} <= set(units[0])
    studio = json.loads(run("studio", "list", "--json")[0])[0]
    assert (studio["leader"], studio["level"], studio["funds"], studio["founded"]) == ("0012001", "provincial", 50000.0,
                                                                                      "2019-03-01")

    template = tmp_path / "组织.xlsx"
    run("people", "template", "-o", str(template))
    wb = load_workbook(template)
    wb["人员"].append(["0012002", "张三", "变电运维一班", "王建国劳模创新工作室", "职工", "技师"])
    wb["人员"].append(["0012003", "李四", "变电运维一班"])
    wb.save(template)
    report = json.loads(run("people", "import", str(template), "--dry-run", "--json")[0])
    assert report["ok"] and report["dry_run"] and report["counts"]["people"]["create"] == 2
    assert json.loads(run("user", "list", "--studio", "王建国劳模创新工作室", "--json")[0])[0]["employee_no"] == "0012001"
    run("people", "import", str(template))
    again = json.loads(run("people", "import", str(template), "--json")[0])
    assert [r["action"] for r in again["rows"]] == ["unchanged", "unchanged"]
    assert {"sheet", "row", "key", "action", "fields", "problems"} <= set(again["rows"][0])

    run("user", "edit", "0012003", "--skill-grade", "高级工", "--honour", "岗位能手")
    run("user", "role", "0012003", "base")
    run("user", "deactivate", "0012002")
    gone = json.loads(run("user", "list", "--inactive", "--json")[0])
    assert [u["employee_no"] for u in gone] == ["0012002"] and gone[0]["active"] is False
    active = {u["employee_no"]: u for u in json.loads(run("user", "list", "--json")[0])}
    assert "0012002" not in active and active["0012003"]["role"] == "base"
    assert active["0012003"]["honours"] == ["岗位能手"]
    # A deactivated person cannot act, also not from the command line.
    _out, err = run("--as", "0012002", "project", "add", "--title", "停用后的想法", "--category", "小建议", code=3)
    assert len(err.strip().splitlines()) == 1


def test_bad_input_is_one_line_and_changes_nothing(run, tmp_path):
    run("unit", "add", "示范供电公司", "--kind", "company")
    _out, err = run("unit", "add", "孤儿班", "--parent", "不存在的车间", code=2)
    assert len(err.strip().splitlines()) == 1 and "不存在的车间" in err
    _out, err = run("studio", "add", "某工作室", "--unit", "示范供电公司", "--level", "世界级", code=2)
    assert "工作室级别" in err
    _out, err = run("unit", "move", "示范供电公司", "--parent", "示范供电公司", code=2)
    bad = tmp_path / "bad.csv"
    bad.write_text("工号,姓名,技能等级\n0099,某人,大师\n0098,某甲,技师\n", encoding="utf-8")
    out, err = run("people", "import", str(bad), "--json", code=2)
    report = json.loads(out)
    assert not report["ok"] and [r["action"] for r in report["rows"]] == ["error", "create"]
    assert "第 2 行" in err and "技能等级" in err
    assert [u["employee_no"] for u in json.loads(run("user", "list", "--json")[0])] == ["admin"]
    assert [u["name"] for u in json.loads(run("unit", "list", "--json")[0])] == ["示范供电公司"]
    _out, err = run("user", "add", "W1", "某人", "--unit", "示范供电公司")
    _out, err = run("--as", "W1", "unit", "add", "越权班", code=4)
    assert len(err.strip().splitlines()) == 1
