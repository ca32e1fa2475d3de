"""`ideabank compliance` and `ideabank ledger add|list|export` through the real entry point."""
from __future__ import annotations

import json

from openpyxl import load_workbook

from tests.cli.test_cli_data import ideabank
from tests.core import analytics_data

A = "王建国劳模创新工作室"


def test_compliance_and_ledger(bank, people, clock, tmp_path):
    analytics_data.build(bank, people, clock)
    home = tmp_path / "data"
    out = json.loads(ideabank(home, "compliance", "--year", "2025", "--json").stdout)
    assert out["year"] == 2025 and out["count"] == 2
    a = next(s for s in out["studios"] if s["studio"] == A)
    assert [i["key"] for i in a["items"]] == ["leader", "team", "tackling", "achievement", "premises_funds", "records"]
    assert "records.study" in a["missing"]
    ideabank(home, "--as", "L001", "ledger", "add", "--studio", A, "--kind", "学习", "--date", "2025-05-10",
             "--title", "继电保护新规程学习", "--people", "12")
    a = next(s for s in json.loads(ideabank(home, "compliance", "--year", "2025", "--studio", A, "--json").stdout)[
        "studios"])
    assert "records.study" not in a["missing"]
    listed = json.loads(ideabank(home, "--as", "L001", "ledger", "list", "--studio", A, "--year", "2025",
                                 "--json").stdout)
    assert listed["sheets"]["study"]["rows"] == [["2025-05-10", "继电保护新规程学习", 12, ""]]
    ideabank(home, "--as", "L001", "ledger", "export", "--studio", A, "--year", "2025", "-o", str(tmp_path / "l.xlsx"))
    assert "学习" in load_workbook(tmp_path / "l.xlsx").sheetnames
    for args, code, words in ((["--as", "W001", "ledger", "add", "--studio", A, "--kind", "study", "--date",
                                "2025-05-10", "--title", "x"], 4, "领衔人"),
                              (["--as", "L001", "ledger", "add", "--studio", A, "--kind", "聚餐", "--date",
                                "2025-05-10", "--title", "x"], 2, "聚餐"),
                              (["--as", "L001", "ledger", "add", "--studio", A, "--kind", "study", "--date",
                                "5月10日", "--title", "x"], 2, "年-月-日")):
        proc = ideabank(home, *args, check=False)
        assert proc.returncode == code and len(proc.stderr.strip().splitlines()) == 1 and words in proc.stderr, args
