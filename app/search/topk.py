"""Exact top k for plain words, led by the title boost (MaxScore over the title lists).

A plain-words query compiles to AND(content words) ANDMAYBE OR(title words). At 100,000
projects whoosh walked every posting of the AND (a Python loop per posting; dense words
have 50,000-90,000), and its block-quality pruning under AndMaybe also dropped better
projects from the top 20 (17 of 216 benchmark queries had a wrong top 20).

The title bonus dwarfs the content score (field boost 2, short titles), so the top k nearly
always come from the short title lists. BM25 of a word's highest frequency in its shortest
document bounds its content score in any project; walking the title lists gives each title project
its exact bonus, so its best possible score is known. Title projects are scored exactly in
the order of that bound until the k-th best score beats every remaining bound, and the
answer is accepted only if it also beats the bound of a project with no title word at all;
otherwise (None) the caller runs the full query. Scores are whoosh's BM25F to the last bit.
"""
from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import repeat
from operator import add, itemgetter, neg
from typing import cast

from app.search.fastand import WordsAnd
from app.search.whoosh_compat import Bm25, Q, ScoredList, Searcher, positions_decoder, postings, raw_lengths

# Title projects scored exactly before giving up: each costs a skip per word (a block decoded
# now and then); past this many, the full query is cheaper.
BUDGET = 20000
# With three words most title projects lack one of the others and the search for k matches
# walks thousands of them (measured: three-word AND p50 28 -> 75 ms); the full query is cheaper.
MAX_WORDS = 2


def _terms(q: Q.Query, field: str) -> list[str] | None:
    """The words of a Term, or an And/Or of plain Terms, of `field` (boost 1); else None."""
    parts: Sequence[Q.Query]
    if type(q) is Q.Term:
        parts = [q]
    elif type(q) in (Q.And, Q.Or, WordsAnd):
        parts = cast(Q.And, q).subqueries
    else:
        return None
    if not all(type(p) is Q.Term and p.fieldname == field and p.boost == 1.0 for p in parts):
        return None
    if q.boost != 1.0:
        return None
    return [cast(Q.Term, p).text for p in parts]


def shape(wq: Q.Query) -> tuple[list[str], list[str]] | None:
    """(content words, title words) when `wq` is AND(content) [ANDMAYBE OR(title)]."""
    if type(wq) is Q.AndMaybe and wq.boost == 1.0:
        req, opt = wq.a, wq.b
        if type(opt) is Q.And:  # an And of title words would not be a bonus per word
            return None
        content, title = _terms(req, "content"), _terms(opt, "title")
        if content and title and (type(req) is not Q.Or):
            return content, title
    return None


def top(searcher: Searcher, wq: Q.Query, k: int, mask: set[int] | None,
        budget: int = BUDGET) -> list[tuple[float, int]] | None:
    """The exact top `k` (score, docnum), best first, or None when this shortcut cannot tell."""
    got = shape(wq)
    if got is None or k <= 0:
        return None
    content, title = got
    if len(content) > MAX_WORDS:
        return None
    weighting = searcher.weighting
    leaves = searcher.leaf_searchers()
    offsets = sorted(off for _, off in leaves)
    subs = {off: sub for sub, off in leaves}
    # the bound of a project's content score: per word, BM25 of the term's highest frequency
    # and shortest field length over the whole index (whoosh's own max_quality)
    if not all(searcher.doc_frequency("content", w) for w in content):
        return []  # a word no project holds: the AND matches nothing
    cbound = 0.0
    cparams = []
    for w in content:
        scorer = weighting.scorer(searcher, "content", w)
        table = Bm25.of(weighting, searcher, "content", w)
        if table is None:
            return None
        cbound += scorer.max_quality()
        cparams.append((table, searcher.term_info("content", w).max_weight()))
    cbound *= 1 + 1e-9  # slack for the order of floating-point additions
    got_raw = {off: raw_lengths(sub.reader(), "content") for sub, off in leaves}
    if any(r is None for r in got_raw.values()):
        return None
    craw = cast("dict[int, bytes]", got_raw)
    by_len: dict[int, float] = {}

    def bound(g: int) -> float:
        """The content bound of one project: the highest frequency at its own length."""
        off = offsets[bisect_right(offsets, g) - 1]
        lb = craw[off][g - off]
        v = by_len.get(lb)
        if v is None:  # the slack covers a different order of additions
            v = by_len[lb] = sum(m[(mw, lb)] for m, mw in cparams) * (1 + 1e-9)
        return v

    bonus = _title_bonus(searcher, title)
    if bonus is None:
        return None
    if mask:
        for d in mask:
            bonus.pop(d, None)
    order = sorted(bonus.items(), key=itemgetter(1), reverse=True)
    best: list[tuple[float, int]] = []   # min-heap of (score, -docnum)
    i = 0
    batch = max(2 * k, 64)
    spent = 0
    while i < len(order):
        theta = best[0][0] if len(best) >= k else float("-inf")
        if cbound + order[i][1] < theta:
            break
        # evaluate every title project whose bound can still reach the k-th best
        j = min(len(order), i + batch)
        if len(best) >= k:
            while j < len(order) and cbound + order[j][1] >= theta:
                j += 1
            todo = [(d, b) for d, b in order[i:j] if bound(d) + b >= theta]
        else:
            todo = order[i:j]
        spent += len(todo)
        if spent > budget:  # the bound is too loose to save anything over the full query
            return None
        scored = _content_scores(searcher, subs, offsets, content, todo, theta, cparams, craw)
        for d, b in todo:
            c = scored.get(d)
            if c is None:  # lacks a content word: not a match
                continue
            item = (c + b, -d)
            if len(best) < k:
                heapq.heappush(best, item)
            elif item > best[0]:
                heapq.heapreplace(best, item)
        i = j
    if len(best) < k or not best[0][0] > cbound:
        return None  # a project with no title word might still belong in the top k
    return [(s, -nd) for s, nd in sorted(best, reverse=True)]


def _content_scores(searcher: Searcher, subs: dict[int, Searcher], offsets: list[int], words: list[str],
                    todo: list[tuple[int, float]], theta: float, cparams: list[tuple[Bm25, float]],
                    craw: dict[int, bytes]) -> dict[int, float]:
    """Exact content score (summed over the AND's words in query order) of the projects in
    `todo` ((docnum, bonus) pairs) that hold every word and can still reach `theta`.

    Words are read rarest first, and only in the posting blocks these projects fall in; after
    each word, a project whose exact part + bonus + the bound of its remaining words (at its
    own length) stays below `theta` is dropped, so the dense words' blocks are mostly skipped.
    """
    weighting = searcher.weighting
    n_words = len(words)
    by_df = sorted(range(n_words), key=lambda n: searcher.doc_frequency("content", words[n]))
    per_seg: dict[int, list[tuple[int, float]]] = {}
    for g, b in todo:
        off = offsets[bisect_right(offsets, g) - 1]
        per_seg.setdefault(off, []).append((g - off, b))
    out: dict[int, float] = {}
    for off, items in per_seg.items():
        sub = subs[off]
        reader = sub.reader()
        raw = craw[off]
        items.sort()
        parts = {d: [0.0] * n_words for d, _ in items}
        bonus = dict(items)
        alive = [d for d, _ in items]
        for step, n in enumerate(by_df):
            if not alive:
                break
            text = searcher.schema["content"].to_bytes(words[n])
            if ("content", text) not in reader:
                alive = []
                break
            table = Bm25.of(weighting, sub, "content", text)
            assert table is not None  # top() gave up unless the weighting is BM25F
            leaf = reader.postings("content", text)
            kept = []
            for d in alive:
                if not leaf.is_active():
                    break
                leaf.skip_to(d)
                if not leaf.is_active():
                    break
                if leaf.id() != d:
                    continue
                parts[d][n] = table[(leaf.weight(), raw[d])]
                kept.append(d)
            rest = by_df[step + 1:]
            if rest and theta != float("-inf"):
                pruned = []
                for d in kept:
                    lb = raw[d]
                    ub = sum(parts[d]) + bonus[d] + sum(cparams[m][0][(cparams[m][1], lb)] for m in rest)
                    if ub * (1 + 1e-9) >= theta:
                        pruned.append(d)
                kept = pruned
            alive = kept
        for d in alive:
            total = 0.0
            for v in parts[d]:  # query order, as whoosh's intersection adds them
                total = total + v
            out[d + off] = total
    return out


def bulk_top(searcher: Searcher, wq: Q.Query, k: int, mask: set[int] | None) -> list[tuple[float, int]] | None:
    """The exact top `k` of AND(words) [ANDMAYBE OR(title words)] by scoring every match in bulk.

    For three words and more (or two when the title lists do not bound the answer) whoosh's
    collector walked every match of the AND through the AndMaybe and union matchers, a Python
    step per match and per title word: half the time of a three-word AND at 100,000 projects.
    The AND's scores come from WordsAnd (whoosh's BM25F, summed in bulk), each title bonus from
    the title lists, and the two are added as AndMaybe adds them."""
    if k <= 0:
        return None
    title: list[str] = []
    words = wq
    if type(wq) is Q.AndMaybe and wq.boost == 1.0:
        got = shape(wq)
        if got is None:
            return None
        words, title = wq.a, got[1]
    if type(words) is not WordsAnd or words.boost != 1.0:
        return None
    bonus = _title_bonus(searcher, title) if title else {}
    if bonus is None:
        return None
    keyed: list[tuple[float, int]] = []  # (-score, global docnum)
    for sub, offset in searcher.leaf_searchers():
        m = words.matcher(sub)
        if not m.is_active():
            continue
        if not isinstance(m, ScoredList):
            return None
        ids, scores = m.items()
        gids = list(map(offset.__add__, ids)) if offset else list(ids)
        if bonus:
            scores = list(map(add, scores, map(bonus.get, gids, repeat(0.0))))
        keyed.extend(zip(map(neg, scores), gids))
    head = heapq.nsmallest(k + (len(mask) if mask else 0), keyed)
    return [(-negscore, g) for negscore, g in head if not mask or g not in mask][:k]


# --- phrases ----------------------------------------------------------------------------------

_Decoded = tuple[Bm25, list[int], list[float], list[bytes]]  # a word's scorer, ids, weights, positions

def phrase_shape(wq: Q.Query) -> tuple[list[str], list[str]] | None:
    """(phrase words, title words) when `wq` is a content phrase [ANDMAYBE OR(title)]."""
    title: list[str] = []
    q = wq
    if type(wq) is Q.AndMaybe and wq.boost == 1.0:
        q = wq.a
        if type(wq.b) is Q.And:
            return None
        got = _terms(wq.b, "title")
        if not got:
            return None
        title = got
    if type(q) is not Q.Phrase or q.fieldname != "content" or q.boost != 1.0 or q.slop != 1:
        return None
    if len(q.words) < 2:
        return None
    return list(q.words), title


def phrase_top(searcher: Searcher, wq: Q.Query, k: int, mask: set[int] | None) -> list[tuple[float, int]] | None:
    """The exact top `k` of a phrase query, or None when this shortcut does not apply.

    whoosh's phrase matcher walks the intersection of the words posting by posting and decodes
    the positions of every project holding all words (12,000 for "存在过热" at 100,000
    projects), though its score is only the words' BM25 sum (plus the title bonus). Here the
    lists are decoded block by block, the intersection scored in bulk, and positions checked
    best score first until k projects hold the words side by side.
    """
    got = phrase_shape(wq)
    if got is None or k <= 0:
        return None
    words, title = got
    weighting = searcher.weighting
    fmt = searcher.schema["content"].format
    cands: list[tuple[float, int]] = []      # (-score, global docnum)
    segs: dict[int, list[tuple[list[int], list[bytes]]]] = {}  # offset -> [(ids, encoded positions)] per word
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        raw = raw_lengths(reader, "content")
        if raw is None:
            return None
        texts = [searcher.schema["content"].to_bytes(w) for w in words]
        if not all(("content", t) in reader for t in texts):
            continue
        by_df = sorted(range(len(words)), key=lambda n: reader.doc_frequency("content", texts[n]))
        lists: list[_Decoded | None] = [None] * len(words)
        common: set[int] | None = None
        for n in by_df:  # rarest first; the others decoded only where a candidate can be
            table = Bm25.of(weighting, sub, "content", texts[n])
            found = postings(reader, "content", texts[n], values=True, only=common)
            if table is None or found is None:
                return None
            ids, weights, vals = found
            lists[n] = (table, ids, weights, vals)
            common = set(ids) if common is None else common.intersection(ids)
            if not common:
                break
        if not common:
            continue
        docs = sorted(common)
        total = [0.0] * len(docs)
        decoded = cast("list[_Decoded]", lists)  # every word's: one missing left `common` empty
        for table, ids, weights, _ in decoded:  # query order, as whoosh's intersection adds them
            tfs = map(dict(zip(ids, weights)).__getitem__, docs)
            part = map(table.__getitem__, zip(tfs, map(raw.__getitem__, docs)))
            total = list(map(add, total, part))
        segs[offset] = [(ids, vals) for _, ids, _, vals in decoded]
        cands.extend(zip(total, map(offset.__add__, docs)))
    if title and cands:
        bonus = _title_bonus(searcher, title)
        if bonus is None:
            return None
        get = bonus.__getitem__
        cands = [(t + get(g), g) if g in bonus else (t, g) for t, g in cands]
    # best first, ties by document number as whoosh's collector orders them; most candidates
    # never get looked at, so only a head is ordered unless too few of it hold the phrase
    keyed = list(zip(map(neg, map(itemgetter(0), cands)), map(itemgetter(1), cands)))
    offsets = sorted(segs)
    positions = positions_decoder(fmt)
    n = len(words)
    head = 8 * k + 64
    while True:
        order = heapq.nsmallest(head, keyed) if head < len(keyed) else sorted(keyed)
        out: list[tuple[float, int]] = []
        for negscore, g in order:
            if mask and g in mask:
                continue
            off = offsets[bisect_right(offsets, g) - 1]
            d = g - off
            per_word = [vals[bisect_left(ids, d)] for ids, vals in segs[off]]
            first = list(positions(per_word[0]))
            rest = [set(positions(v)) for v in per_word[1:]]
            if any(all(p + i + 1 in rest[i] for i in range(n - 1)) for p in first):
                out.append((-negscore, g))
                if len(out) >= k:
                    return out
        if len(order) >= len(keyed):
            return out
        head *= 8


def _title_bonus(searcher: Searcher, title: list[str]) -> dict[int, float] | None:
    """Exact title bonus of every project holding a title word, per word and summed in the
    query's order as whoosh's union matcher does; per posting only C-level map/zip run."""
    weighting = searcher.weighting
    per_word: list[dict[int, float]] = [{} for _ in title]
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        for n, w in enumerate(title):
            text = searcher.schema["title"].to_bytes(w)
            if ("title", text) not in reader:
                continue
            table = Bm25.of(weighting, sub, "title", text)
            got = postings(reader, "title", text)
            raw = raw_lengths(reader, "title")
            if table is None or got is None or raw is None:
                return None
            ids, weights, _ = got
            scores = map(table.__getitem__, zip(weights, map(raw.__getitem__, ids)))
            per_word[n].update(zip(map(offset.__add__, ids) if offset else ids, scores))
    bonus: dict[int, float] = {}
    for d in per_word:
        bonus.update(d)
    shared: set[int] = set()  # projects with more than one title word
    for i in range(len(per_word)):
        for j in range(i + 1, len(per_word)):
            shared |= per_word[i].keys() & per_word[j].keys()
    for g in shared:
        total = 0.0
        for d in per_word:
            if g in d:
                total = total + d[g]
        bonus[g] = total
    return bonus
