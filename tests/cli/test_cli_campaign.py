"""`ideabank campaign ...`: set up, enter, boards, ledger and exports from a terminal; stable JSON;
the exports escape what people typed and show no secret project's title to others."""
from __future__ import annotations

import datetime as dt
import json
import subprocess

import pytest
from openpyxl import load_workbook

from app.cli import main

YEAR = dt.date.today().year  # the command runs on the real clock


@pytest.fixture
def run(tmp_path, capsys):
    home = tmp_path / "home"

    def ideabank(*args, code=0, who=None):  # type: ignore[no-untyped-def]
        rc = main(["--data-dir", str(home), *(["--as", who] if who else []), *args])
        out, err = capsys.readouterr()
        assert "Traceback" not in err
        assert rc == code, err
        return out, err
    ideabank("unit", "add", "变电运维车间", "--kind", "workshop")
    ideabank("user", "add", "L001", "王建国", "--role", "leader", "--unit", "变电运维车间")
    ideabank("studio", "add", "=HYPERLINK(\"x\")工作室", "--unit", "变电运维车间", "--leader", "L001")
    ideabank("user", "add", "W001", "<b>张三</b>", "--unit", "变电运维车间", "--studio", "=HYPERLINK(\"x\")工作室")
    ideabank("user", "add", "L002", "孙七", "--role", "leader", "--unit", "变电运维车间")
    ideabank("user", "add", "W002", "李四", "--unit", "变电运维车间")
    return ideabank


def _project(run, tmp_path, title, who, **extra):
    data = tmp_path / f"{title}.json"
    data.write_text(json.dumps({"title": title, "category": "小革新", "background": "b", "solution": "s",
                                "innovation_points": ["p"], **extra}, ensure_ascii=False), encoding="utf-8")
    return json.loads(run("project", "add", "--from-json", str(data), "--submit", "--json", who=who)[0])["number"]


def test_a_campaign_from_the_command_line(run, tmp_path):
    out, _ = run("campaign", "create", "立功竞赛", "--from", f"{YEAR}-01-01", "--to", f"{YEAR}-12-31", "--theme", "保供电",
                 "--unit", "变电运维车间", "--proposed", "2", "--band", "10000=3", "--patent", "utility=4", "--json")
    info = json.loads(out)
    assert {"id", "name", "theme", "starts_on", "ends_on", "state", "state_label", "units", "unit_ids", "rules",
            "entries"} <= set(info)
    assert info["rules"]["proposed"] == 2 and info["rules"]["benefit_bands"] == [[10000, 3]]
    open_ = _project(run, tmp_path, "公开项目", "W001")
    secret = _project(run, tmp_path, "秘密继保项目", "W001", confidentiality="secret")
    run("campaign", "enter", "立功竞赛", open_, who="W001")
    run("campaign", "enter", "立功竞赛", secret, who="W001")
    run("campaign", "enter", "立功竞赛", open_, code=4, who="W002")  # not theirs
    board = json.loads(run("campaign", "board", "立功竞赛", "--json", who="W002")[0])
    assert {"campaign", "board", "from", "to", "rows"} <= set(board)
    assert [(r["rank"], r["employee_no"], r["points"], r["projects"]) for r in board["rows"]] == [(1, "W001", 2, 1)]
    own = json.loads(run("campaign", "board", "立功竞赛", "--json", who="W001")[0])  # the author sees the secret one
    assert [(r["employee_no"], r["points"], r["projects"]) for r in own["rows"]] == [("W001", 4, 2)]
    assert {"rank", "id", "employee_no", "name", "unit", "studio", "points", "projects"} <= set(board["rows"][0])
    ledger = json.loads(run("campaign", "ledger", "立功竞赛", "W001", "--json", who="W002")[0])
    assert ledger["total"] == 2 and "秘密继保项目" not in json.dumps(ledger, ensure_ascii=False)
    assert {"project_id", "number", "title", "rule", "rule_label", "detail", "points", "at"} <= set(ledger["lines"][0])
    run("campaign", "export", "立功竞赛", "-o", str(tmp_path / "x.xlsx"), code=4, who="W002")
    run("campaign", "export", "立功竞赛", "-o", str(tmp_path / "结果.xlsx"), who="L002")  # another studio's leader
    wb = load_workbook(tmp_path / "结果.xlsx")
    assert wb.sheetnames == ["说明", "个人榜", "团队榜", "单位榜", "工作室榜", "积分明细"]
    studios = [[c.value for c in row] for row in wb["工作室榜"].iter_rows(min_row=2)]
    assert studios[0][1] == "=HYPERLINK(\"x\")工作室" and wb["工作室榜"]["B2"].data_type == "s"  # text, not a formula
    ledger_rows = [[c.value for c in row] for row in wb["积分明细"].iter_rows(min_row=2)]
    assert {r[4] for r in ledger_rows} == {"公开项目"}
    assert [r[2] for r in wb["个人榜"].iter_rows(min_row=2, values_only=True)] == ["<b>张三</b>"]
    assert [r[5] for r in wb["个人榜"].iter_rows(min_row=2, values_only=True)] == [2]
    assert "秘密继保项目" not in str([[c.value for c in row] for ws in wb for row in ws.iter_rows()])
    run("campaign", "export", "立功竞赛", "-o", str(tmp_path / "本工作室.xlsx"), who="L001")  # its studio's leader
    own = load_workbook(tmp_path / "本工作室.xlsx")
    assert {r[4].value for r in own["积分明细"].iter_rows(min_row=2)} == {"公开项目", "秘密继保项目"}
    assert [r[5].value for r in own["个人榜"].iter_rows(min_row=2)] == [4]
    pdf = tmp_path / "名单.pdf"
    run("campaign", "export", "立功竞赛", "-o", str(pdf), who="L001")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "<b>张三</b>" in text and "表彰名单" in text and "LG-" in text and "秘密" not in text
    _, err = run("campaign", "export", "立功竞赛", "-o", str(tmp_path / "x.doc"), code=2, who="L001")
    assert ".xlsx" in err
    listed = json.loads(run("campaign", "list", "--json")[0])  # the administrator sees both entries
    assert listed["count"] == 1 and listed["campaigns"][0]["entries"] == 2
    assert json.loads(run("campaign", "list", "--json", who="W002")[0])["campaigns"][0]["entries"] == 1
    assert json.loads(run("campaign", "show", "立功竞赛", "--json", who="W002")[0])["entries"] == 1
