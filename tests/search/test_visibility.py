"""Search counts only what the viewer may see: a secret project (its authors, its studio's
leader and admins see it) is left out of the hits, the total and every facet for everyone else,
in the service and in `ideabank search --facets --json`."""
from __future__ import annotations

import json

import pytest

from app.core import projects
from app.search.service import SearchService

SEES = {"W001": True, "L001": True, "admin": True, "W002": False, "L002": False, "B001": False}


@pytest.fixture
def two(bank, people, clock, draft_data):
    """A secret project and an open one that differ in every facet: category, status, studio, year."""
    secret = projects.propose(bank, people["W001"], draft_data | {
        "title": "保密的继电保护定值核对", "category": "小发明", "confidentiality": "秘密"}, submit=True).value
    projects.start_review(bank, people["L001"], secret)
    clock.advance(days=400)
    open_ = projects.propose(bank, people["W002"], draft_data | {
        "title": "公开的继电保护压板检查", "category": "小革新"}, submit=True).value
    return secret, open_


@pytest.fixture
def service(bank, tmp_path):
    svc = SearchService(bank, index_dir=tmp_path / "index", procs=1)
    yield svc
    svc.close()


@pytest.mark.parametrize("who", list(SEES))
def test_total_and_every_facet_leave_out_what_the_viewer_may_not_see(bank, people, two, service, who):
    secret, open_ = two
    page = service.search("继电保护", facets=True, viewer=people[who], limit=1)
    if SEES[who]:
        assert page.total == 2
        assert page.facets["category"] == {"invention": 1, "innovation": 1}
        assert page.facets["status"] == {"under_review": 1, "submitted": 1}
        assert page.facets["studio"] == {"王建国劳模创新工作室": 1}
        assert sum(page.facets["year"].values()) == 2 and len(page.facets["year"]) == 2
    else:
        assert page.total == 1 and [r.id for r in page.rows] == [open_]
        assert page.facets["category"] == {"innovation": 1}
        assert page.facets["status"] == {"submitted": 1}
        assert page.facets["studio"] == {}  # the open project belongs to no studio
        assert list(page.facets["year"].values()) == [1]
    # the first page is full even when the best hit is hidden
    assert len(page.rows) == 1


def test_filters_and_similar_do_not_reveal_it_either(bank, people, two, service):
    secret, _ = two
    w2 = people["W002"]
    assert service.search("继电保护 分类:小发明", viewer=w2, facets=True).total == 0
    assert service.search("工作室:王建国劳模创新工作室", viewer=w2, facets=True).total == 0
    assert service.search("状态:评审中", viewer=w2).total == 0
    assert service.search("状态:评审中", viewer=people["L001"]).total == 1
    assert secret not in [r.id for r in service.similar(text="继电保护定值核对", viewer=w2).rows]


def test_cli_json_counts_only_what_the_viewer_may_see(bank, people, two, capsys):
    from app.cli import main

    def search(who):
        code = main(["--data-dir", str(bank.data_dir), "--as", who, "search", "继电保护", "--facets", "--json"])
        assert code == 0
        return json.loads(capsys.readouterr().out)

    hidden, seen = search("W002"), search("W001")
    assert (hidden["total"], seen["total"]) == (1, 2)
    assert "invention" not in hidden["facets"]["category"] and seen["facets"]["category"]["invention"] == 1
    assert "under_review" not in hidden["facets"]["status"]
    assert "王建国劳模创新工作室" not in hidden["facets"]["studio"]
    assert sum(hidden["facets"]["year"].values()) == 1
