"""Figures behind the statistics and studios pages."""
from __future__ import annotations

from app.core import projects, reviews, stats
from app.core.queries import ProjectFilter


def test_summary_counts_and_rates(bank, people, draft_data):
    a = projects.propose(bank, people["W001"], draft_data, submit=True).value
    b = projects.propose(bank, people["W001"], draft_data | {"expected_benefit": "3000"}, submit=True).value
    projects.propose(bank, people["W002"], draft_data | {"category": "小建议", "expected_benefit": None})
    reviews.review(bank, people["L001"], a, scores={"creativity": 8, "practicality": 9, "economic": 7, "social": 6, "promotion": 7}, decision="adopt", reason="好")
    reviews.review(bank, people["L001"], b, decision="not_adopt", reason="重复")
    s = stats.summary(bank)
    assert s["count"] == 3 and s["adopted"] == 1 and s["adoption_rate"] == 0.5
    assert s["expected_benefit"] == 15000
    assert s["by_status"] == {"adopted": 1, "not_adopted": 1, "draft": 1}
    assert s["by_category"] == {"innovation": 2, "suggestion": 1}
    assert s["by_year"] == {"2025": 3}
    only = stats.summary(bank, ProjectFilter(proposer_id=people["W002"].id))
    assert only["count"] == 1 and only["adoption_rate"] is None


def test_studios_overview(bank, people, draft_data):
    pid = projects.propose(bank, people["W001"], draft_data, submit=True).value
    reviews.review(bank, people["L001"], pid, scores={"creativity": 8, "practicality": 9, "economic": 7, "social": 6, "promotion": 7}, decision="adopt")
    rows = {r["name"]: r for r in stats.studios_overview(bank)}
    wang = rows["王建国劳模创新工作室"]
    assert (wang["leader"], wang["unit"], wang["level"]) == ("王建国", "变电运维车间", "provincial")
    assert (wang["members"], wang["projects"], wang["adopted"]) == (2, 1, 1)
    assert rows["输电工作室"]["projects"] == 0
