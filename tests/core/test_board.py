"""The idea board's one read: cards by stage with days in stage, only what the viewer may see."""
from __future__ import annotations

from app.core import board, projects
from app.core.lifecycle import project_action_between


def test_cards_have_their_stage_and_days_in_it(bank, people, draft_data, clock):
    W, L = people["W001"], people["L001"]
    old = projects.propose(bank, W, draft_data | {"title": "旧创意"}, submit=True).value
    clock.advance(days=3)
    new = projects.propose(bank, W, draft_data | {"title": "新创意"}, submit=True).value
    projects.start_review(bank, L, new)
    projects.propose(bank, W, draft_data | {"title": "草稿"})  # a draft is private: never on a board
    clock.advance(days=2, hours=1)
    found = {c["title"]: c for c in board.cards(bank, L, board.default_studio(L))[0]}
    assert set(found) == {"旧创意", "新创意"}
    assert (found["旧创意"]["status"], found["旧创意"]["days"]) == ("submitted", 5)
    assert (found["新创意"]["status"], found["新创意"]["days"]) == ("under_review", 2)
    assert found["旧创意"]["proposer"] == "张三" and found["旧创意"]["id"] == old
    assert [c["title"] for c in board.cards(bank, L)[0]][0] == "旧创意"  # longest in its stage first


def test_secret_projects_and_other_studios(bank, people, draft_data):
    W = people["W001"]
    projects.propose(bank, W, draft_data | {"title": "公开创意"}, submit=True)
    projects.propose(bank, W, draft_data | {"title": "秘密创意", "confidentiality": "secret"}, submit=True)
    studio = board.default_studio(people["L001"])
    assert studio is not None and board.default_studio(people["admin"]) is None
    titles = lambda actor, sid: sorted(c["title"] for c in board.cards(bank, actor, sid)[0])  # noqa: E731
    assert titles(people["L001"], studio) == ["公开创意", "秘密创意"]  # the studio's own leader
    assert titles(people["L002"], studio) == ["公开创意"]  # another studio's leader: not the secret one
    assert titles(people["L002"], board.default_studio(people["L002"])) == []


def test_a_drag_maps_to_the_lifecycle_action():
    assert project_action_between("submitted", "under_review") == "start_review"
    assert project_action_between("completed", "incubating") == "incubate"
    assert project_action_between("under_review", "not_adopted") == "not_adopt"
    assert project_action_between("submitted", "completed") is None


def test_each_column_shows_the_longest_waiting_and_counts_them_all(bank, people, draft_data, clock):
    W, L = people["W001"], people["L001"]
    ids = []
    for n in range(5):
        ids.append(projects.propose(bank, W, draft_data | {"title": f"创意{n}"}, submit=True).value)
        clock.advance(hours=1)
    projects.start_review(bank, L, ids[4])
    shown, totals = board.cards(bank, L, board.default_studio(L), per_column=2)
    assert [c["title"] for c in shown if c["status"] == "submitted"] == ["创意0", "创意1"]
    assert [c["title"] for c in shown if c["status"] == "under_review"] == ["创意4"]
    assert (totals["submitted"], totals["under_review"], totals["adopted"]) == (4, 1, 0)
