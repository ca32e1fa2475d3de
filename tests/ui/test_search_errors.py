"""The search box says why search is unavailable (status bar) and still filters by title."""
from app.core import projects
from app.search.service import SearchFailed


class Broken:
    def search(self, *a, **k):
        raise SearchFailed("搜索出错：TypeError: injected。")


def test_a_search_error_is_said_and_the_title_filter_answers(bank, people):
    from app.ui.search_box import find_ids

    pid = projects.propose(bank, people["W001"], {"title": "变压器漏油监测", "category": "invention"}).value
    said = []
    assert find_ids(bank, Broken(), "变压器", notify=said.append) == [pid]
    assert said == ["搜索出错：TypeError: injected。"]
