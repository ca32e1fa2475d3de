"""`ideabank task ...`: a task sent from a terminal to every unit below a workshop, reported on,
returned, reported again and accepted until it closes; stable JSON; one line for bad input."""
from __future__ import annotations

import json

import pytest

from app.cli import main

DUE = "2999-12-31"  # the command runs on the real clock: a due date that never passes


@pytest.fixture
def run(tmp_path, capsys):
    home = tmp_path / "home"

    def ideabank(*args, code=0, who=None):  # type: ignore[no-untyped-def]
        rc = main(["--data-dir", str(home), *(["--as", who] if who else []), *args])
        out, err = capsys.readouterr()
        assert "Traceback" not in err
        assert rc == code, err
        return out, err
    run_ = ideabank
    run_("unit", "add", "输电运检车间", "--kind", "workshop")
    run_("unit", "add", "线路一班", "--parent", "输电运检车间")
    run_("unit", "add", "线路二班", "--parent", "输电运检车间")
    run_("user", "add", "L002", "孙七", "--role", "leader", "--unit", "输电运检车间")
    run_("user", "add", "W011", "吴二", "--unit", "线路一班")
    run_("user", "add", "W012", "郑三", "--unit", "线路二班")
    return ideabank


def test_a_task_from_the_command_line(run, tmp_path):
    plan = tmp_path / "方案.txt"
    plan.write_text("方案", encoding="utf-8")
    out, err = run("task", "send", "隐患排查", "--due", DUE, "--below", "输电运检车间",
                   "--responsible", "线路一班=W011", "--responsible", "线路二班=W012", "--attach", str(plan),
                   "--body", "请各班组排查", "--json", who="L002")
    task = json.loads(out)
    assert "2 个单位" in err
    assert {"id", "number", "kind", "kind_label", "title", "due_on", "status", "status_label", "sender", "sender_name",
            "units", "states", "overdue", "my_units", "created_at", "closed_at", "body", "attachments",
            "targets"} <= set(task)
    assert task["states"] == {"pending": 2, "in_progress": 0, "reported": 0, "returned": 0, "accepted": 0}
    assert {"id", "unit", "unit_id", "responsible", "responsible_name", "state", "state_label", "progress", "overdue",
            "days_overdue", "reported_at", "return_reason", "reminders", "may", "reports"} <= set(task["targets"][0])
    number = task["number"]
    listed = json.loads(run("task", "list", "--mine", "--json", who="W011")[0])
    assert listed["count"] == 1 and listed["tasks"][0]["my_units"][0]["state"] == "pending"
    run("task", "report", number, "--progress", "40", "--note", "进行中", who="W011")
    run("task", "report", number, "--summary", "--note", "完成", who="W011")
    run("task", "report", number, "--summary", "--note", "完成", who="W012")
    run("task", "return", number, "--unit", "线路二班", "--reason", "缺照片", who="L002")
    run("task", "remind", number, who="L002")
    run("task", "report", number, "--summary", "--note", "补照片", who="W012")
    run("task", "accept", number, "--unit", "线路一班", who="L002")
    done = json.loads(run("task", "accept", number, "--unit", "线路二班", "--json", who="L002")[0])
    assert done["status"] == "closed"
    thread = [r["kind"] for r in next(x for x in done["targets"] if x["unit"] == "线路二班")["reports"]]
    assert thread == ["summary", "returned", "reminder", "summary", "accepted"]
    shown = run("task", "show", number, who="W011")[0]
    assert "已办结" in shown and "线路一班" in shown


def test_bad_input_gives_one_line(run):
    _, err = run("task", "send", "x", "--due", DUE, "--unit", "线路一班", code=2)
    assert "线路一班" in err and len(err.strip().splitlines()) <= 2
    _, err = run("task", "send", "x", "--due", "明天", "--unit", "线路一班=W011", code=2)
    assert "年-月-日" in err
    _, err = run("task", "send", "x", "--due", DUE, "--unit", "线路一班=W011", code=4, who="W011")
    _, err = run("task", "show", "XD-1999-0000-0001", code=3)
    out, _ = run("task", "list", "--json")
    assert json.loads(out) == {"count": 0, "tasks": []}
