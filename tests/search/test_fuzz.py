"""Fuzzing the search box: whatever is typed (or passed on the command line, invalid UTF-8
included), the query parser and the search give a result or one clear line (an IdeaBankError),
never another exception and never a rebuild. `make soak` runs many more examples."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core import projects
from app.core.errors import IdeaBankError
from app.search import feed
from app.search.query import FIELD_ALIASES
from app.search.service import SearchService

PIECES = (["变压器", "巡检", "漏油", "无人机", "油浸式变压器", "M300", "DJI-M300", "gis", "220kV", "zs", "zhangsan",
           "的", "在", "2024", "2023..2025", "2025-2019", "已采纳", "小发明", "adopted", "QC成果", "王建国劳模创新工作室"]
          + [f"{alias}:" for alias in FIELD_ALIASES]
          + ['"', "“", "”", "-", "*", ":", "：", " ", "  ", "\t", "\n", "(", ")", "%", "_", "'", "\\", "..",
             "\x00", "\x1b[31m", "\u200b", "\ufeff", "\udcff", "\ud800", "\U0001f600", "ｖ", "Ⅻ"])
queries = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=12).map("".join),
    st.text(st.characters(codec=None, categories=None), max_size=30),  # any code point, surrogates too
    st.binary(max_size=30).map(lambda b: b.decode("utf-8", "surrogateescape")),  # a terminal's raw bytes
)


@pytest.fixture
def service(bank, people, monkeypatch):
    w = people["W001"]
    for title, body in [("油浸式变压器漏油在线监测", "DJI-M300 无人机巡检 220kV"), ("GIS局部放电检测", "张三 QC成果"),
                        ("保密的继电保护改进", "变压器")]:
        projects.propose(bank, w, {"title": title, "category": "小发明", "background": body, "solution": body,
                                   "innovation_points": [body], "confidentiality": "秘密" if "保密" in title else "内部"},
                         submit=True)
    svc = SearchService(bank, procs=1)
    svc.ensure_ready()
    monkeypatch.setattr(feed, "reindex", lambda *a, **k: pytest.fail("a query caused a rebuild"))
    yield svc
    svc.close()


def check(service, viewer, text):
    try:
        page = service.search(text, limit=5, facets=True, viewer=viewer)
    except IdeaBankError as exc:
        assert str(exc) and "\n" not in str(exc), repr(str(exc))
        return
    assert page.total >= len(page.rows)
    assert all(sum(v.values()) <= page.total for v in page.facets.values())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=queries)
def test_any_query_gives_a_result_or_one_line(service, people, text):
    check(service, people["W002"], text)


@pytest.mark.soak
@settings(max_examples=20_000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=queries)
def test_any_query_gives_a_result_or_one_line_long(service, people, text):
    check(service, people["W002"], text)
