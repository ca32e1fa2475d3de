"""AND of plain words, intersected and scored in bulk instead of posting by posting.

whoosh's intersection matcher steps every list in Python, calling skip_to/is_active/id per
candidate and per word, and scores each surviving posting through several method calls:
at 100,000 projects a three-word AND cost p95 ~110 ms CPU. Here each word's posting list is
decoded block by block (zlib and pickle, in C), the lists are intersected as sets rarest
first, and the survivors are scored with whoosh's own BM25F (`whoosh_compat.Bm25`), so the
ranking is the one whoosh gives (same scores, same ids). The result is one list matcher
carrying the summed scores, which the collector, AndMaybe title boost, filters and masks take
as usual.
"""
from __future__ import annotations

from collections.abc import Iterable
from operator import add
from typing import cast

from app.search.whoosh_compat import Bm25, Q, ScoredList, SearchContext, Searcher, matching, postings, raw_lengths


class WordsAnd(Q.And):
    """Q.And over Term queries of one field, boost 1.0 (what plain words compile to)."""

    subqueries: list[Q.Term]

    def matcher(self, searcher: Searcher, context: SearchContext | None = None) -> matching.Matcher:
        if not searcher.is_atomic():  # the collector asks per segment; elsewhere stay generic
            return super().matcher(searcher, context)
        reader = searcher.reader()
        weighting = (context.weighting if context is not None else None) or searcher.weighting
        terms = []
        for t in self.subqueries:
            text = searcher.schema[t.fieldname].to_bytes(t.text)
            if (t.fieldname, text) not in reader:
                return matching.NullMatcher()
            terms.append((t.fieldname, text))
        decoded: dict[tuple[str, bytes], tuple[list[int], list[float]]] = {}
        cands: set[int] | None = None
        for fieldname, text in sorted(terms, key=lambda ft: reader.doc_frequency(*ft)):
            # the rarest word whole; the others only in blocks where a candidate can be
            got = postings(reader, fieldname, text, only=cands)
            if got is None:  # not a list this module can decode: let whoosh do it
                return super().matcher(searcher, context)
            ids, weights, _ = got
            cands = set(ids) if cands is None else cands.intersection(ids)
            if not cands:
                return matching.NullMatcher()
            decoded[(fieldname, text)] = (ids, weights)
        assert cands is not None  # two words or more (words_and)
        order = sorted(cands)
        if context is not None and context.weighting is None:
            # a boolean pass (the exact total, facets): which projects, not how well
            return ScoredList(order, [0.0] * len(order), top=0.0)
        scores = [0.0] * len(order)
        for fieldname, text in terms:  # summed in the query's order, as whoosh's matchers add
            ids, weights = decoded[(fieldname, text)]
            tfs = list(map(dict(zip(ids, weights)).__getitem__, order))
            table = Bm25.of(weighting, searcher, fieldname, text)
            raw = raw_lengths(reader, fieldname)
            vals: Iterable[float]
            if table is not None and raw is not None:
                vals = map(table.__getitem__, zip(tfs, map(raw.__getitem__, order)))
            else:  # another weighting or codec: score posting by posting through whoosh
                m = matching.ListMatcher(order, tfs, scorer=weighting.scorer(searcher, fieldname, text))
                vals = []
                while m.is_active():
                    vals.append(m.score())
                    m.next()
            scores = list(map(add, scores, vals))
        return ScoredList(order, scores)


def words_and(parts: list[Q.Query]) -> Q.And:
    """Q.And(parts), in the bulk form when every part is a plain one-field term."""
    if (len(parts) > 1 and all(type(p) is Q.Term and p.boost == 1.0 for p in parts)
            and len({cast(Q.Term, p).fieldname for p in parts}) == 1):
        return WordsAnd(parts)
    return Q.And(parts)
