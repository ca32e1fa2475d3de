"""The app's search against plain whoosh: for a few hundred random queries on a generated corpus,
the top 20 (ids, order, scores), the exact total and the facet counts equal what unpatched
whoosh answers with its own query objects and exhaustive collector, in another process that
never imports app/search's whoosh code (tests/search/whoosh_reference.py).

The index has several segments and deleted documents, as a bank has after edits. `make test`
runs a short version; `make soak` a long one.
"""
from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from app.search import analyzer
from app.search.index import SearchIndex
from app.search.schema import SearchDoc

ROOT = Path(__file__).resolve().parents[2]
VOCAB = ["变压器", "巡检", "无人机", "接地线", "绝缘子", "开关柜", "过热", "漏油", "检修", "改进", "在线",
         "监测", "存在", "放电", "装置", "优化", "电缆", "断路器", "隔离开关", "避雷器", "红外", "测温", "故障",
         "定位", "带电", "作业", "机器人", "充电", "继电保护", "定值", "二维码", "封堵", "温控器", "报警",
         "除湿", "凝露", "传感器", "图像", "识别", "线路", "缺陷", "工器具", "防误", "闭锁", "油位", "渗漏"]
CATEGORIES = ["invention", "creation", "innovation", "design", "suggestion", "tech_challenge", "management", "qc"]
STATUSES = ["submitted", "under_review", "adopted", "not_adopted", "in_progress", "completed"]
STUDIOS = ["一号工作室", "二号工作室", "三号工作室"]
FILTERS = [("分类:小发明", ("category", "invention")), ("分类:QC成果", ("category", "qc")),
           ("状态:已采纳", ("status", "adopted")), ("status:completed", ("status", "completed")),
           ("年份:2024", ("year", "2024")), ("year:2021", ("year", "2021"))]


def vocabulary() -> list[str]:
    """Words that are one token each, with no sub-words: what a query names is what is indexed."""
    words = [w for w in VOCAB if analyzer.query_words(w) == [w] and not analyzer.subwords(w)]
    assert len(words) >= 30
    return words


def corpus(n: int, rnd: random.Random) -> list[SearchDoc]:
    words = vocabulary()
    weights = [1 / (i + 1) ** 0.9 for i in range(len(words))]  # a few dense words, many rare

    def text(lo: int, hi: int) -> str:
        return "".join(rnd.choices(words, weights, k=rnd.randint(lo, hi)))

    return [SearchDoc(str(i), text(1, 4), "，".join(text(1, 6) for _ in range(rnd.randint(1, 10))),
                      category=rnd.choice(CATEGORIES), status=rnd.choice(STATUSES),
                      year=str(rnd.randint(2019, 2025)), studio=rnd.choice(STUDIOS + [""]))
            for i in range(n)]


def build_index(path: Path, n: int, rnd: random.Random) -> tuple[SearchIndex, list[SearchDoc]]:
    docs = corpus(n, rnd)
    ix = SearchIndex(path)
    ix.rebuild(docs, procs=1)
    # edits as a bank sees them: batches and single projects replaced, some deleted
    fresh = corpus(n // 5, rnd)
    for start in range(0, len(fresh) // 2, len(fresh) // 10 or 1):
        batch = [SearchDoc(str(rnd.randrange(n)), d.title, d.body, category=d.category, status=d.status,
                           year=d.year, studio=d.studio) for d in fresh[start:start + len(fresh) // 10]]
        ix.update(batch)
    for d in fresh[len(fresh) // 2: len(fresh) // 2 + 12]:
        ix.update([SearchDoc(str(rnd.randrange(n)), d.title, d.body, category=d.category, year=d.year)])
    ix.delete([str(rnd.randrange(n)) for _ in range(n // 30)])
    ix.wait_for_merges()
    assert ix.segment_count() >= 2 and ix._mask, "the comparison needs segments and deletions"
    return ix, docs


def queries(docs: list[SearchDoc], count: int, rnd: random.Random) -> list[tuple[str, dict]]:
    """(text typed in the box, what it means) pairs."""
    words = vocabulary()
    out = []
    while len(out) < count:
        kind = rnd.choices(["one", "two", "three", "phrase", "not", "filter", "prefix"],
                           [30, 25, 10, 15, 5, 10, 5])[0]
        spec: dict = {"must": [], "phrase": None, "not": [], "filter": None, "title": [], "prefix": None,
                      "k": 20, "facets": len(out) % 6 == 0, "scores": True}
        if kind in ("one", "two", "three", "not", "filter"):
            n = {"one": 1, "two": 2, "three": 3}.get(kind, rnd.randint(1, 2))
            chosen = rnd.sample(words, n)
            text = " ".join(chosen)
            spec["must"] = spec["title"] = chosen
            if kind == "not":
                other = rnd.choice([w for w in words if w not in chosen])
                text += " -" + other
                spec["not"] = [other]
            if kind == "filter":
                typed, spec["filter"] = rnd.choice(FILTERS)
                text = typed + " " + text
        elif kind == "phrase":
            doc = rnd.choice(docs)
            main = [t for t, _ in _main_tokens(doc.body)]
            if len(main) < 3:
                continue
            size = rnd.randint(2, 3)
            at = rnd.randrange(len(main) - size + 1)
            phrase = analyzer.query_words("".join(main[at:at + size]))
            text = '"%s"' % "".join(main[at:at + size])
            spec["title"] = phrase
            if len(phrase) > 1:
                spec["phrase"] = phrase
            else:
                spec["must"] = phrase
        else:
            stem = rnd.choice(words)[:1]
            text = stem + "*"
            spec["prefix"] = stem
            spec["scores"] = False  # the app reads fewer expansion words (their sub-words cover them)
        out.append((text, spec))
    return out


def _main_tokens(text: str) -> list[tuple[str, int]]:
    seen, out = set(), []
    for term, pos in analyzer.segment(text):
        if pos not in seen:  # the main word; sub-words share its position
            seen.add(pos)
            out.append((term, pos))
    return out


def reference(index_dir: Path, specs: list[dict]) -> list[dict]:
    proc = subprocess.run([sys.executable, str(ROOT / "tests" / "search" / "whoosh_reference.py"), str(index_dir)],
                          input=json.dumps(specs, ensure_ascii=False), capture_output=True, text=True,
                          cwd=ROOT, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout)


def compare(tmp_path: Path, n_docs: int, n_queries: int, seed: int) -> None:
    rnd = random.Random(seed)
    ix, docs = build_index(tmp_path / "index", n_docs, rnd)
    try:
        mix = queries(docs, n_queries, rnd)
        expected = reference(ix.path, [spec for _, spec in mix])
        wrong = []
        for (text, spec), want in zip(mix, expected):
            got = ix.search(text, limit=spec["k"], count=True, facets=spec["facets"])
            if got.total != want["total"]:
                wrong.append((text, "total", got.total, want["total"]))
            if spec["scores"]:
                got_top = [(h.id, h.score) for h in got.hits]
                want_top = [(i, s) for i, s in want["top"]]
                if ([i for i, _ in got_top] != [i for i, _ in want_top]
                        or [s for _, s in got_top] != pytest.approx([s for _, s in want_top], rel=1e-9)):
                    wrong.append((text, "top", got_top[:5], want_top[:5]))
            if spec["facets"]:
                facets = {k: v for k, v in got.facets.items() if v}
                if facets != want["facets"]:
                    wrong.append((text, "facets", facets, want["facets"]))
        assert not wrong, f"{len(wrong)} of {len(mix)} queries differ from plain whoosh, e.g. {wrong[:3]}"
        kinds_with_hits = sum(1 for w in expected if w["total"])
        assert kinds_with_hits > n_queries * 0.6  # the comparison is not between empty answers
    finally:
        ix.close()


def test_top_20_totals_and_facets_equal_plain_whoosh(tmp_path):
    compare(tmp_path, n_docs=1500, n_queries=300, seed=11)


@pytest.mark.soak
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_top_20_totals_and_facets_equal_plain_whoosh_long(tmp_path, seed):
    compare(tmp_path, n_docs=12_000, n_queries=2_000, seed=seed)
