"""The shortcuts of app/search/topk.py (plain words led by the title boost, phrases) must give
exactly the top k that whoosh's exhaustive search gives: same projects, same order, same
scores, with deleted projects masked and several segments."""
import random

import pytest

from app.search import topk
from app.search.index import SearchIndex, compile_query
from app.search.query import parse
from app.search.schema import SearchDoc

WORDS = ["变压器", "巡检", "无人机", "接地线", "绝缘子", "开关柜", "过热", "漏油", "检修", "改进",
         "在线", "监测", "存在", "放电", "装置", "优化"]


def _doc(i: int, rnd: random.Random) -> SearchDoc:
    title = "".join(rnd.choice(WORDS) for _ in range(rnd.randint(1, 4)))
    body = "，".join("".join(rnd.choice(WORDS) for _ in range(rnd.randint(1, 5)))
                    for _ in range(rnd.randint(1, 12)))
    return SearchDoc(str(i), title, body, year="2025")


@pytest.fixture(scope="module")
def ix(tmp_path_factory):
    rnd = random.Random(7)
    index = SearchIndex(tmp_path_factory.mktemp("exact") / "index")
    index.rebuild([_doc(i, rnd) for i in range(700)], procs=1)
    # a second segment and deleted documents: the mask must hold on the shortcut too
    index.update([_doc(i, rnd) for i in range(0, 120, 3)])
    index.delete([str(i) for i in range(1, 60, 7)])
    yield index
    index.close()


def _exhaustive(ix, text, k):
    s = ix._searcher
    wq = compile_query(parse(text), s.reader())
    top = s.search(wq, limit=None, mask=ix._mask).top_n[:k]
    return [(s.stored_fields(d)["id"], score) for score, d in top]


QUERIES = (["变压器", "巡检", "存在", "监测", "变压器 巡检", "存在 过热", "无人机 检修", "在线 监测",
            "开关柜 漏油 检修", '"存在过热"', '"变压器巡检"', '"在线监测"', '"无人机检修改进"'])


@pytest.mark.parametrize("text", QUERIES)
@pytest.mark.parametrize("k", [1, 5, 20])
def test_top_k_equals_whoosh_exhaustive(ix, text, k):
    res = ix.search(text, limit=k, count=False)
    expected = _exhaustive(ix, text, k)
    assert [h.id for h in res.hits] == [i for i, _ in expected]
    assert [h.score for h in res.hits] == pytest.approx([sc for _, sc in expected], rel=1e-12)


def test_the_shortcuts_are_taken(ix):
    s = ix._searcher
    taken = 0
    for text in QUERIES:
        wq = compile_query(parse(text), s.reader())
        got = topk.top(s, wq, 10, ix._mask)
        if got is None:
            got = topk.phrase_top(s, wq, 10, ix._mask)
        taken += got is not None
    assert taken >= len(QUERIES) // 2


def test_offset_pages_match(ix):
    first = ix.search("变压器", limit=10, count=False).ids
    second = ix.search("变压器", limit=10, offset=10, count=False).ids
    expected = [i for i, _ in _exhaustive(ix, "变压器", 20)]
    assert first + second == expected
