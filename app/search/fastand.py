"""AND of plain words, intersected and scored in bulk instead of posting by posting.

whoosh's intersection matcher steps every list in Python, calling skip_to/is_active/id per
candidate and per word, and scores each surviving posting through several method calls:
at 100,000 projects a three-word AND cost p95 ~110 ms CPU. Here each word's posting list is
decoded block by block (zlib and pickle, in C), the lists are intersected as sets rarest
first, and the survivors are scored with whoosh's own BM25F scorer per word, so the ranking
is the one whoosh gives (same scores, same ids). The result is one list matcher carrying the
summed scores, which the collector, AndMaybe title boost, filters and masks take as usual.
"""
from __future__ import annotations

from bisect import bisect_left

from whoosh import matching
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.matching import ReadTooFar
from whoosh.scoring import BM25FScorer
from whoosh.util.numeric import byte_to_length

# byte -> length as doc_field_length decodes it; 0 means "no length", which the scorer reads as 1
_LEN = [byte_to_length(b) if b else 1 for b in range(256)]
from whoosh import query as Q


def _decode(leaf, values: list | None = None) -> tuple[list, list]:
    """All ids and weights (and encoded values into `values`) of a raw whoosh3 posting list,
    one block at a time."""
    ids: list = []
    weights: list = []
    while not leaf._atend:
        leaf._read_ids()
        leaf._read_weights()
        ids.extend(leaf._ids)
        weights.extend(leaf._weights)
        if values is not None:
            leaf._read_values()
            values.extend(leaf._values)
        if leaf._lastblock:
            break
        leaf._goto(leaf._nextoffset)
    return ids, weights


def _raw_lengths(reader, fieldname: str):
    """The segment's length bytes of `fieldname`, one per document (0: none), kept with the
    segment reader; False for a codec without the whoosh3 length column."""
    cache = reader.__dict__.setdefault("_ideabank_lengths", {})
    raw = cache.get(fieldname)
    if raw is None:
        try:
            col = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            raw = b"" if col is None else bytes(col._dbfile.get(col._basepos, col._count))
            raw += bytes(max(0, reader.doc_count_all() - len(raw)))
        except AttributeError:
            raw = False
        cache[fieldname] = raw
    return raw


def _lengths(searcher, reader, fieldname: str, docs: list[int]) -> list[int]:
    """Field lengths of `docs` as whoosh's scorer sees them (doc_field_length, default 1)."""
    raw = _raw_lengths(reader, fieldname)
    if raw is False:  # another codec: ask per document
        dfl = searcher.doc_field_length
        return [dfl(d, fieldname, 1) for d in docs]
    return [_LEN[raw[d]] for d in docs]


class _ScoredList(matching.ListMatcher):
    """Precomputed scores; the max is kept (AndMaybe asks for it often) and skip_to bisects."""

    def __init__(self, ids, scores, position=0, top=None):
        super().__init__(ids, scores, position=position)
        self._top = max(scores) if top is None else top

    def copy(self):
        return _ScoredList(self._ids, self._weights, self._i, self._top)

    def block_max_weight(self):
        return self._top

    def skip_to(self, id):
        if self._i >= len(self._ids):
            raise ReadTooFar
        if id > self._ids[self._i]:
            self._i = bisect_left(self._ids, id, self._i)


class WordsAnd(Q.And):
    """Q.And over Term queries of one field, boost 1.0 (what plain words compile to)."""

    def matcher(self, searcher, context=None):
        if not searcher.is_atomic():  # the collector asks per segment; elsewhere stay generic
            return super().matcher(searcher, context)
        reader = searcher.reader()
        weighting = (context.weighting if context is not None else None) or searcher.weighting
        lists = []
        for t in self.subqueries:
            field = searcher.schema[t.fieldname]
            text = field.to_bytes(t.text)
            if (t.fieldname, text) not in reader:
                return matching.NullMatcher()
            lists.append((reader.doc_frequency(t.fieldname, text), t.fieldname, text))
        lists.sort(key=lambda x: x[0])
        decoded = []
        cands = None
        for _df, fieldname, text in lists:
            leaf = reader.postings(fieldname, text)
            if not hasattr(leaf, "_read_weights"):  # not a whoosh3 leaf: let whoosh do it
                return super().matcher(searcher, context)
            ids, weights = _decode(leaf)
            cands = set(ids) if cands is None else cands.intersection(ids)
            if not cands:
                return matching.NullMatcher()
            decoded.append((fieldname, text, ids, weights))
        order = sorted(cands)
        if context is not None and context.weighting is None:
            # a boolean pass (the exact total, facets): which projects, not how well
            return _ScoredList(order, [0.0] * len(order), top=0.0)
        by_term = {(f, t): (ids, w) for f, t, ids, w in decoded}
        scores = [0.0] * len(order)
        norms: dict = {}
        for t in self.subqueries:  # summed in the query's order, as whoosh's tree of matchers does
            fieldname = t.fieldname
            text = searcher.schema[fieldname].to_bytes(t.text)
            ids, weights = by_term[(fieldname, text)]
            tf = dict(zip(ids, weights))
            scorer = weighting.scorer(searcher, fieldname, text)
            if type(scorer) is BM25FScorer:
                # bm25() of whoosh.scoring with the per-document part computed once per field
                key = (fieldname, scorer.B, scorer.K1, scorer.avgfl)
                if key not in norms:
                    K1, B, avgfl = scorer.K1, scorer.B, scorer.avgfl
                    norms[key] = [K1 * ((1 - B) + B * fl / avgfl)
                                  for fl in _lengths(searcher, reader, fieldname, order)]
                idf, k1p = scorer.idf, scorer.K1 + 1
                vals = [idf * ((tf[d] * k1p) / (tf[d] + n)) for d, n in zip(order, norms[key])]
            else:  # another weighting: score posting by posting through whoosh
                m = matching.ListMatcher(order, [tf[d] for d in order], scorer=scorer)
                vals = []
                while m.is_active():
                    vals.append(m.score())
                    m.next()
            scores = [a + b for a, b in zip(scores, vals)]
        return _ScoredList(order, scores)


def words_and(parts):
    """Q.And(parts), in the bulk form when every part is a plain one-field term."""
    if (len(parts) > 1 and all(type(p) is Q.Term and p.boost == 1.0 for p in parts)
            and len({p.fieldname for p in parts}) == 1):
        return WordsAnd(parts)
    return Q.And(parts)
