"""`ideabank stats` through the real entry point: the same figures as the core, for the acting person,
with the documented JSON keys, a workbook, and one clear line for bad input."""
from __future__ import annotations

import json

from openpyxl import load_workbook

from app.core import analytics
from app.core.analytics import Scope
from tests.cli.test_cli_data import ideabank
from tests.core import analytics_data


def test_stats_json_matches_the_core_for_the_acting_person(bank, people, clock, tmp_path):
    analytics_data.build(bank, people, clock)
    home = tmp_path / "data"
    out = json.loads(ideabank(home, "--as", "W002", "stats", "--studio", "王建国劳模创新工作室", "--json",
                              "--xlsx", str(tmp_path / "stats.xlsx")).stdout)
    with bank.session() as s:
        from sqlalchemy import select

        from db.models import Studio
        studio = s.scalar(select(Studio.id).where(Studio.name == "王建国劳模创新工作室"))
    expected = analytics.report(bank, Scope(people["W002"], studio_id=studio))
    assert {k: v for k, v in out.items() if k not in ("filter", "labels")} == json.loads(json.dumps(expected))
    # W002 may not see the secret P5: the studio counts P1 and P2 only.
    assert (out["count"], out["expected_benefit"], out["restricted"]) == (2, 15000, True)
    assert out["by_category"] == {"innovation": 1, "suggestion": 1} and out["labels"]["category"]["innovation"] == "小革新"
    assert out["filter"]["studio"] == "王建国劳模创新工作室"
    assert {"funnel", "stage_times", "by_unit", "by_studio", "trend", "benefit", "top_contributors"} <= set(out)
    book = load_workbook(tmp_path / "stats.xlsx")
    funnel = book["阶段漏斗"]
    assert [c.value for c in funnel[1]] == ["阶段", "项目数", "较上一阶段", "较提交"]
    assert [c.value for c in funnel[2]] == ["提交", 2, None, 1] and funnel["D2"].number_format == "0.0%"


def test_stats_text_and_bad_input(bank, people, clock, tmp_path):
    analytics_data.build(bank, people, clock)
    home = tmp_path / "data"
    text = ideabank(home, "stats", "--from", "2025-03-01", "--to", "2025-03-31", "--category", "小革新").stdout
    assert "阶段漏斗" in text and "王建国劳模创新工作室" in text
    for args, words in ((["--from", "2025-3-1x"], "--from"), (["--studio", "没有的工作室"], "没有的工作室"),
                        (["--from", "2025-04-01", "--to", "2025-03-01"], "晚于"), (["--category", "大发明"], "大发明"),
                        (["--xlsx", str(tmp_path / "a.csv")], ".xlsx")):
        proc = ideabank(home, "stats", *args, check=False)
        assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1 and words in proc.stderr, args
