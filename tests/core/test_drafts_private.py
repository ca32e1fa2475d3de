"""A draft is private to its proposer and co-authors (issue 12 item 3, issue 14 item 3): no list,
count, detail, search hit, export or comment shows it to anyone else, admins included, until it is
submitted."""
from __future__ import annotations

import json

import pytest

from app.core import discussion, projects, transfer
from app.core.errors import PermissionDenied
from app.core.queries import ProjectFilter, count, list_ids, page, project_by_ref, project_detail
from app.search.service import SearchService

AUTHORS = {"W001": True, "W002": True}  # proposer and co-author
OTHERS = {"L001": False, "L002": False, "B001": False, "admin": False}


@pytest.fixture
def draft(bank, people, draft_data):
    return projects.propose(bank, people["W001"], draft_data | {"title": "未提交的继电器改进草稿",
                                                                "co_authors": ["W002"]}).value


@pytest.mark.parametrize("who,sees", list((AUTHORS | OTHERS).items()))
def test_lists_counts_and_details(bank, people, draft, who, sees):
    actor = people[who]
    for f in (ProjectFilter(viewer=actor), ProjectFilter(viewer=actor, statuses=("draft",))):
        assert (draft in list_ids(bank, f)) is sees
        assert count(bank, f) == (1 if sees else 0)
        assert (draft in [r.id for r in page(bank, f)]) is sees
    if sees:
        assert project_detail(bank, actor, draft)["status"] == "draft"
    else:
        with pytest.raises(PermissionDenied, match="草稿"):
            project_detail(bank, actor, draft)
        with pytest.raises(PermissionDenied):
            project_by_ref(bank, draft, actor)
        with pytest.raises(PermissionDenied):
            discussion.comment(bank, actor, draft, "看到了吗")


def test_submitting_opens_it_to_everyone(bank, people, draft):
    projects.submit(bank, people["W001"], draft)
    for who in OTHERS:
        assert project_detail(bank, people[who], draft)["status"] == "submitted"


def test_search_and_export_leave_it_out(bank, people, draft, tmp_path):
    service = SearchService(bank)
    try:
        assert [r.id for r in service.search("继电器", viewer=people["W002"]).rows] == [draft]
        assert service.search("继电器", viewer=people["admin"]).rows == []
        assert service.search("继电器", viewer=people["L001"]).rows == []
    finally:
        service.close()
    out = tmp_path / "all.json"
    assert transfer.export_projects(bank, people["admin"], out) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == []
    transfer.export_projects(bank, people["L001"], out)
    assert json.loads(out.read_text(encoding="utf-8")) == []


def test_cli_project_list_status_draft_as_a_worker(bank, people, draft, capsys):
    from app.cli import main
    projects.propose(bank, people["L001"], {"title": "领衔人自己的草稿", "category": "小建议"})
    rc = main(["--data-dir", str(bank.data_dir), "--as", "W002", "project", "list", "--status", "draft", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert rc == 0 and [p["id"] for p in data["projects"]] == [draft] and data["total"] == 1


def test_sync_sends_a_draft_only_to_sites_of_its_authors(bank, people, draft):
    from app.sync import changeset
    worker_site = changeset.collect(bank, 0, for_site="site-b", people=[people["L001"].id, people["admin"].id])
    assert draft not in {r["values"]["id"] for r in worker_site.records}
    assert not any("继电器改进草稿" in str(r["values"]) for r in worker_site.records)  # no audit entry either
    author_site = changeset.collect(bank, 0, for_site="site-b", people=[people["W002"].id])
    assert draft in {r["values"]["id"] for r in author_site.records}
