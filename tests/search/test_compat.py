"""The seam to whoosh's internals (app/search/whoosh_compat.py): the version check, which
failures count as damage, and the fixes it carries."""
from __future__ import annotations

import errno
import re
import zlib
from pathlib import Path

import pytest

from app.search import whoosh_compat as compat
from app.search.index import SearchIndex
from app.search.schema import SearchDoc

SEARCH = Path(__file__).resolve().parents[2] / "app" / "search"
# names below whoosh's public API; only whoosh_compat may use them
INTERNALS = ["_read_toc", "_perdoc", "._segments(", "deleted_docs_set", "_read_ids", "_read_weights",
             "_read_values", "_atend", "_lastblock", "_nextoffset", "_dbfile", "_lenfield", "LENGTHS_COLUMN",
             "W3LeafMatcher", "MpWriter", "SubWriterTask", "_find_first", "_submatchers", "_finalize_segment",
             "clean_files", "whoosh.codec", "_all_weights"]


def test_only_the_compat_module_touches_whoosh_internals():
    found = []
    for path in sorted(SEARCH.glob("*.py")):
        if path.name == "whoosh_compat.py":
            continue
        text = path.read_text("utf-8")
        found += [f"{path.name}: {name}" for name in INTERNALS if name in text]
    assert not found


def test_another_whoosh_version_is_refused_with_the_tested_one_named(monkeypatch, tmp_path):
    msg = compat.problem("2.7.6")
    assert msg and "2.7.6" in msg and "whoosh-reloaded 2.7.5" in msg and "\n" not in msg
    assert compat.problem(compat.TESTED_VERSION) is None
    monkeypatch.setattr(compat, "PROBLEM", msg)
    with pytest.raises(compat.IncompatibleWhoosh, match="2.7.5"):
        SearchIndex(tmp_path / "index")


def test_the_service_says_so_in_one_line(bank, monkeypatch):
    from app.search.service import SearchService, SearchUnavailable

    monkeypatch.setattr(compat, "PROBLEM", compat.problem("3.54.0"))
    svc = SearchService(bank)
    with pytest.raises(SearchUnavailable) as err:
        svc.search("变压器")
    assert "3.54.0" in str(err.value) and "2.7.5" in str(err.value) and "\n" not in str(err.value)


def _raised_here(exc):
    try:
        raise exc
    except Exception as e:  # noqa: BLE001
        return e


def test_damage_environment_and_bugs_are_told_apart():
    assert compat.is_damage(_raised_here(zlib.error("incorrect data check")))
    assert compat.is_damage(_raised_here(EOFError("Ran out of input")))
    assert compat.is_damage(_raised_here(FileNotFoundError(errno.ENOENT, "gone")))
    full = _raised_here(OSError(errno.ENOSPC, "No space left on device"))
    assert compat.is_environment(full) and not compat.is_damage(full)
    assert not compat.is_damage(_raised_here(TypeError("a bug in our code")))
    assert not compat.is_damage(_raised_here(AttributeError("a bug in our code")))


def test_a_garbled_posting_block_counts_as_damage(tmp_path):
    """Garbage decoded inside whoosh's codec raises whatever it raises; it is damage."""
    from whoosh.codec import whoosh3

    ix = SearchIndex(tmp_path / "index")
    ix.rebuild([SearchDoc("a", "变压器", "变压器漏油")])
    leaf = ix._searcher.reader().postings("content", "变压器")
    leaf._data = None
    leaf._dataoffset = 0  # points at the file's header, not a block: decoding fails inside whoosh
    with pytest.raises(Exception) as err:
        leaf._read_data()
        leaf._read_ids()
    assert compat.is_damage(err.value), repr(err.value)
    assert isinstance(leaf, whoosh3.W3LeafMatcher)
    ix.close()


def test_an_excluded_word_excludes_even_the_first_match(tmp_path):
    # whoosh's AndNotMatcher checked the first match only when both lists began on it
    ix = SearchIndex(tmp_path / "index")
    ix.rebuild([SearchDoc("a", "渗漏"), SearchDoc("b", "图像 渗漏"), SearchDoc("c", "图像")])
    assert ix.search("图像 -渗漏").ids == ["c"]
    assert ix.search("图像 -渗漏").total == 1
    ix.close()


def test_a_filter_adds_nothing_to_the_score(tmp_path):
    # whoosh's ConstantScoreQuery(q, 0.0) scored 1.0
    ix = SearchIndex(tmp_path / "index")
    ix.rebuild([SearchDoc("a", "变压器", category="invention"), SearchDoc("b", "变压器漏油", category="qc")])
    plain = {h.id: h.score for h in ix.search("变压器").hits}
    filtered = {h.id: h.score for h in ix.search("分类:小发明 变压器").hits}
    assert list(filtered) == ["a"] and filtered["a"] == pytest.approx(plain["a"], rel=1e-12)
    ix.close()


def test_a_stop_word_is_a_prefix_like_any_other(tmp_path):
    ix = SearchIndex(tmp_path / "index")
    ix.rebuild([SearchDoc("a", "在线监测"), SearchDoc("b", "存在缺陷")])
    assert ix.search("在*").ids == ["a"]
    ix.close()


def test_the_bm25_table_is_whoosh_formula(tmp_path):
    from whoosh.scoring import BM25F

    ix = SearchIndex(tmp_path / "index")
    ix.rebuild([SearchDoc(str(i), "变压器" * (i % 3 + 1), "漏油 " * i) for i in range(30)])
    s = ix._searcher
    scorer = BM25F().scorer(s, "content", "漏油")
    table = compat.Bm25(scorer)
    m = s.reader().postings("content", "漏油", scorer=scorer)
    raw = compat.raw_lengths(s.reader(), "content")
    while m.is_active():
        assert table[(m.weight(), raw[m.id()])] == m.score()  # bit for bit
        m.next()
    ix.close()


def test_no_module_repeats_the_bm25_formula():
    formula = re.compile(r"K1\s*\*\s*\(\(1\s*-\s*B\)")
    assert not [p.name for p in SEARCH.glob("*.py") if formula.search(p.read_text("utf-8"))]
