"""Lists offered by forms and filters."""
from __future__ import annotations

from app.core import choices, projects


def test_units_are_a_tree_and_studios_sorted(bank, people):
    units = choices.units(bank)
    assert units[0] == (units[0][0], "国网示范供电公司", 0)
    assert {(name, depth) for _, name, depth in units[1:]} == {("变电运维车间", 1), ("输电运检车间", 1)}
    assert [n for _, n in choices.studios(bank)] == sorted(["王建国劳模创新工作室", "输电工作室"])


def test_years_and_title_lookup(bank, people, draft_data, clock):
    assert choices.years(bank) == []
    pid = projects.propose(bank, people["W001"], draft_data).value
    clock.advance(days=400)
    projects.propose(bank, people["W001"], draft_data | {"title": "电缆沟盖板搬运小车"})
    assert choices.years(bank) == [2026, 2025]
    assert choices.title_ids(bank, "防雨罩 巡检") == [pid]
    assert choices.title_ids(bank, "  ") == []
    assert choices.title_ids(bank, "100%") == []
