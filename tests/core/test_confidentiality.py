"""Secret (秘密) projects: only authors, the leader of their studio and admins see them, in every
way of reaching a project (lists, details, search, export, discussion)."""
from __future__ import annotations

import json

import pytest

from app.core import discussion, projects, transfer
from app.core.errors import PermissionDenied
from app.core.queries import ProjectFilter, count, list_ids, page, project_by_ref, project_detail


@pytest.fixture
def secret(bank, people, draft_data):
    # Submitted: drafts are private to their authors anyway (test_drafts_private.py).
    pid = projects.propose(bank, people["W001"], draft_data | {"title": "保密的继电保护改进",
                                                                "confidentiality": "秘密"}, submit=True).value
    open_id = projects.propose(bank, people["W002"], draft_data | {"title": "公开的工具改进"}, submit=True).value
    return pid, open_id


SEES = {"W001": True, "L001": True, "admin": True, "W002": False, "L002": False, "B001": False}


@pytest.mark.parametrize("who", list(SEES))
def test_lists_and_details_follow_the_rule(bank, people, secret, who):
    pid, open_id = secret
    actor = people[who]
    f = ProjectFilter(viewer=actor)
    ids = list_ids(bank, f)
    assert open_id in ids
    assert (pid in ids) is SEES[who]
    assert count(bank, f) == (2 if SEES[who] else 1)
    assert (pid in [r.id for r in page(bank, f)]) is SEES[who]
    if SEES[who]:
        assert project_detail(bank, actor, pid)["title"] == "保密的继电保护改进"
        assert project_by_ref(bank, pid, actor)["confidentiality"] == "secret"
    else:
        with pytest.raises(PermissionDenied, match="秘密"):
            project_detail(bank, actor, pid)
        with pytest.raises(PermissionDenied):
            project_by_ref(bank, pid, actor)
        with pytest.raises(PermissionDenied):
            discussion.comment(bank, actor, pid, "看看")
        with pytest.raises(PermissionDenied):
            discussion.vote(bank, actor, pid)


def test_export_leaves_out_what_its_maker_may_not_see(bank, people, secret, tmp_path):
    pid, _ = secret
    transfer.export_projects(bank, people["L002"], tmp_path / "other.json")
    transfer.export_projects(bank, people["L001"], tmp_path / "own.json")
    titles = lambda name: {p["title"] for p in json.loads((tmp_path / name).read_text(encoding="utf-8"))}  # noqa: E731
    assert titles("other.json") == {"公开的工具改进"}
    assert titles("own.json") == {"公开的工具改进", "保密的继电保护改进"}


def test_search_results_leave_out_secret_projects(bank, people, secret, tmp_path):
    from app.search.service import SearchService
    service = SearchService(bank, index_dir=tmp_path / "index", procs=1)
    try:
        service.ensure_ready()
        assert [r.title for r in service.search("继电保护", viewer=people["W002"]).rows] == []
        assert [r.title for r in service.search("继电保护", viewer=people["W001"]).rows] == ["保密的继电保护改进"]
        assert all(r.id != secret[0] for r in service.similar(text="继电保护 改进 工具", viewer=people["W002"]).rows)
    finally:
        service.close()
