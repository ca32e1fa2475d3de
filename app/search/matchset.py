"""Which projects a query matches, without scoring, in bulk: the exact total and the facets.

whoosh counts by walking its matcher tree posting by posting (`docs_for_query`), a Python loop
per posting and per node: at 100,000 projects the count and facets of a dense query cost more
than its top 20. Here every term's posting list is decoded block by block (whoosh_compat.decode)
and the tree is evaluated with set operations per segment; phrases check positions only for the
projects holding every word. A node this module does not know is left to whoosh's own matcher,
so the answer is always whoosh's (the reference test compares totals and facets with plain
whoosh).

Facets are counted from a per-segment table of value codes, built once per segment (segments
never change) from the sortable columns, instead of reading four columns per match.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Collection, Iterable
from typing import cast

from app.search import whoosh_compat as compat
from app.search.whoosh_compat import Q, Reader, Searcher


def _term(reader: Reader, fieldname: str, text: str | bytes, within: Collection[int] | None = None) -> set[int]:
    field = reader.schema[fieldname]
    btext = field.to_bytes(text) if not isinstance(text, bytes) else text
    if (fieldname, btext) not in reader:
        return set()
    got = compat.postings(reader, fieldname, btext, only=within)
    if got is None:
        return set(reader.postings(fieldname, btext).all_ids())
    return set(got[0])


def _phrase(reader: Reader, q: Q.Phrase, within: Collection[int] | None) -> set[int] | None:
    """Projects holding the words side by side (whoosh's SpanNear2, slop 1: each word one
    position after the one before); None for a phrase this module leaves to whoosh."""
    if q.slop != 1 or not q.words:
        return None
    field = reader.schema[q.fieldname]
    texts = [field.to_bytes(w) for w in q.words]
    if not all((q.fieldname, t) in reader for t in texts):
        return set()
    order = sorted(range(len(texts)), key=lambda n: reader.doc_frequency(q.fieldname, texts[n]))
    lists: list[tuple[list[int], list[bytes]] | None] = [None] * len(texts)
    cands: set[int] | None = None
    for n in order:  # rarest first, the others only in blocks where a candidate can be
        got = compat.postings(reader, q.fieldname, texts[n], values=True,
                              only=within if cands is None else cands)
        if got is None:
            return None
        ids, _, values = got
        lists[n] = (ids, values)
        cands = set(ids) if cands is None else cands.intersection(ids)
        if not cands:
            return set()
    if len(lists) == 1 or not cands:
        return cands or set()
    docs = sorted(cands)
    # (document, position) pairs as one integer each; word i's positions shifted back by i,
    # so the pairs all words share are the phrase's starts
    starts: set[int] | None = None
    for i, (ids, values) in enumerate(cast("list[tuple[list[int], list[bytes]]]", lists)):  # each word's
        at = dict(zip(ids, values))
        poss = compat.positions_of_many(field.format, list(map(at.__getitem__, docs)))
        keys = {(d << 32) + p - i for d, ps in zip(docs, poss) for p in ps}
        starts = keys if starts is None else starts & keys
        if not starts:
            return set()
        docs = sorted({k >> 32 for k in starts})  # only these can still hold the phrase
    return {k >> 32 for k in starts} if starts else set()


def _docs(q: Q.Query, searcher: Searcher, reader: Reader, within: Collection[int] | None = None) -> set[int]:
    """Local document numbers `q` matches in one segment (deleted ones included).

    `within` lets a node skip posting blocks holding none of those documents: the
    answer is exact inside `within` and may hold others outside it, which the AND above drops.
    """
    if type(q) is Q.Term:
        return _term(reader, q.fieldname, q.text, within)
    if isinstance(q, Q.And):  # And and the bulk WordsAnd: the rarest words first
        subs = sorted(q.subqueries, key=lambda s: _estimate(s, reader))
        cur: set[int] | None = None
        for s in subs:
            got = _docs(s, searcher, reader, within if cur is None else cur)
            cur = got if cur is None else cur & got
            if not cur:
                return set()
        return cur if cur is not None else set()
    if type(q) is Q.Or:
        out: set[int] = set()
        for s in q.subqueries:
            out |= _docs(s, searcher, reader, within)
        return out
    if type(q) is Q.AndNot:
        a = _docs(q.a, searcher, reader, within)
        return a - _docs(q.b, searcher, reader, a) if a else a
    if type(q) is Q.AndMaybe:
        return _docs(q.a, searcher, reader, within)
    if isinstance(q, Q.ConstantScoreQuery):  # filters (whoosh_compat.ZeroScore)
        return _docs(q.child, searcher, reader, within)
    if type(q) is Q.Phrase:
        found = _phrase(reader, q, within)
        if found is not None:
            return found
    elif isinstance(q, (Q.Prefix, Q.FuzzyTerm)):
        out = set()
        for fieldname, btext in q.expanded_terms(reader):
            out |= _term(reader, fieldname, btext, within)
        return out
    elif q is Q.NullQuery:
        return set()
    # anything else: whoosh's own matcher (a Python loop per posting, but exact)
    return set(q.matcher(searcher, searcher.boolean_context()).all_ids())


def _estimate(q: Q.Query, reader: Reader) -> int:
    """How many documents `q` may match, cheaply: a term's frequency, else a large number."""
    if type(q) is Q.Term:
        return reader.doc_frequency(q.fieldname, q.text)
    if isinstance(q, Q.ConstantScoreQuery) and type(q.child) is Q.Term:
        return reader.doc_frequency(q.child.fieldname, q.child.text)
    if type(q) is Q.Phrase and q.words:
        return min(reader.doc_frequency(q.fieldname, w) for w in q.words)
    return 1 << 40


def matching(searcher: Searcher, wq: Q.Query, mask: set[int] | None) -> list[tuple[int, Reader, set[int]]]:
    """(offset, segment reader, local document numbers) per segment, deleted and masked
    documents removed."""
    leaves = sorted(searcher.leaf_searchers(), key=lambda so: so[1])
    offsets = [off for _, off in leaves]
    ends = offsets[1:] + [searcher.doc_count_all()]
    masked = sorted(mask) if mask else []
    out = []
    for (sub, off), end in zip(leaves, ends):
        reader = sub.reader()
        docs = _docs(wq, sub, reader)
        if masked and docs:
            lo, hi = bisect_left(masked, off), bisect_right(masked, end - 1)
            docs.difference_update(g - off for g in masked[lo:hi])
        out.append((off, reader, docs))
    return out


FacetValue = str | bytes | None  # as a column holds it


class FacetTable:
    """Per segment and facet column: the distinct values and one code per document, built once
    (a segment never changes) and dropped with the segment."""

    def __init__(self, names: Iterable[str]):
        self.names = tuple(names)
        self._segments: dict[str, dict[str, tuple[list[FacetValue], list[int]]]] = {}

    def _codes(self, key: str, reader: Reader) -> dict[str, tuple[list[FacetValue], list[int]]]:
        got = self._segments.get(key)
        if got is None:
            got = {}
            n = reader.doc_count_all()
            for name in self.names:
                if not reader.has_column(name):
                    continue
                col = reader.column_reader(name)
                values: dict[FacetValue, int] = {}
                codes = [values.setdefault(col[d], len(values)) for d in range(n)]
                got[name] = (list(values), codes)
            self._segments[key] = got
        return got

    def count(self, matches: list[tuple[int, Reader, set[int]]]) -> dict[str, dict[str, int]]:
        totals: dict[str, Counter[FacetValue]] = {name: Counter() for name in self.names}
        live = set()
        for _off, reader, docs in matches:
            seg = reader.segment()
            key = seg.segment_id() if seg is not None else str(id(reader))
            live.add(key)
            if not docs:
                continue
            for name, (values, codes) in self._codes(key, reader).items():
                counted = Counter(map(codes.__getitem__, docs))
                for code, n in counted.items():
                    totals[name][values[code]] += n
        for key in set(self._segments) - live:  # merged away
            del self._segments[key]
        out = {}
        for name, counts in totals.items():
            out[name] = {(k.decode("utf-8") if isinstance(k, bytes) else k): v
                         for k, v in counts.most_common() if k not in (None, "", b"")}
        return out
