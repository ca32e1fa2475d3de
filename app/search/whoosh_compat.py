"""Every use of whoosh-reloaded's internals, in one module, for the one version they were
written and tested against.

app/search reaches below whoosh's public API for speed and around its bugs: raw posting blocks
decoded in bulk, the field-length column read as bytes, deletions applied as one mask, segment
readers kept across commits (whoosh's refresh missed deletions), matcher fixes (a union's
quality bound, an exclusion's first match, a zero constant score), segments merged beside the
live index, and rebuild workers that die with their parent and report their failures. None of that is promised by whoosh; a different version
may keep the names and change what they mean, which would rank wrongly without any error. So
the installed version is checked once at import: on any other version nothing is patched and
`require()` (called when an index is opened) raises `IncompatibleWhoosh` naming both versions.

The BM25 formula is whoosh's own `whoosh.scoring.bm25`, called only through `Bm25` below, so
the bulk scorers rank exactly as whoosh's matchers do (the reference test compares them with an
unpatched whoosh in another process).
"""
from __future__ import annotations

import contextlib
import errno
import multiprocessing
import os
import pickle
import queue as queue_module
import shutil
import struct
import threading
import zlib
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING, Any, ContextManager, Literal, Protocol, cast, overload

import whoosh
from whoosh import index as whoosh_index
from whoosh.codec import whoosh3
from whoosh.matching import ReadTooFar
from whoosh.matching.binary import AndNotMatcher
from whoosh.matching.combo import ArrayUnionMatcher
from whoosh.reading import SegmentReader, TermNotFound
from whoosh.scoring import BM25FScorer, bm25
from whoosh.util.numeric import byte_to_length

# --- whoosh's API as app/search uses it, typed ---------------------------------------------------
#
# whoosh ships no type information. The objects app/search handles are typed here, once: the
# runtime objects it only calls (index, searcher, reader, segment, writer) as Protocols, and the
# classes it builds, subclasses or tells apart by type (queries, matchers, the tokenizer) as
# declarations of whoosh's own classes, seen by the type checker only; at run time `Q` and
# `matching` are whoosh's modules themselves. The other modules import them from here, except
# analyzer.py, which plain whoosh imports when it opens an index (the reference test): it takes
# `Token` and `Tokenizer` from here only while type checking. `Any` stays inside this module,
# for whoosh's internals.

class Segment(Protocol):
    def segment_id(self) -> str: ...
    def doc_count_all(self) -> int: ...
    def deleted_count(self) -> int: ...
    def has_deletions(self) -> bool: ...
    def deleted_docs(self) -> Iterable[int]: ...


class Format(Protocol):
    def decode_positions(self, value: bytes) -> Iterable[int]: ...


class Field(Protocol):
    format: Format

    def to_bytes(self, value: str) -> bytes: ...


class Schema(Protocol):
    def __getitem__(self, name: str) -> Field: ...


class TermInfo(Protocol):
    def max_weight(self) -> float: ...


class Scorer(Protocol):
    def max_quality(self) -> float: ...


class Weighting(Protocol):
    def scorer(self, searcher: Searcher, fieldname: str, text: str | bytes) -> Scorer: ...


class Column(Protocol):
    def __getitem__(self, docnum: int) -> str | bytes | None: ...


class Reader(Protocol):
    schema: Schema

    def __contains__(self, term: tuple[str, str | bytes]) -> bool: ...
    def postings(self, fieldname: str, text: str | bytes) -> matching.Matcher: ...
    def doc_frequency(self, fieldname: str, text: str | bytes) -> int: ...
    def doc_count(self) -> int: ...
    def doc_count_all(self) -> int: ...
    def segment(self) -> Segment | None: ...
    def leaf_readers(self) -> list[tuple[Reader, int]]: ...
    def lexicon(self, fieldname: str) -> Iterator[bytes]: ...
    def expand_prefix(self, fieldname: str, prefix: str) -> Iterator[str | bytes]: ...
    def has_column(self, fieldname: str) -> bool: ...
    def column_reader(self, fieldname: str) -> Column: ...
    def close(self) -> None: ...


class SearchContext(Protocol):
    weighting: Weighting | None
    needs_current: bool


class Hit(Protocol):
    score: float

    def __getitem__(self, fieldname: str) -> str: ...


class Results(Protocol):
    top_n: list[tuple[float, int]]

    def __iter__(self) -> Iterator[Hit]: ...


class Collector(Protocol):
    def results(self) -> Results: ...


class Searcher(Protocol):
    schema: Schema
    weighting: Weighting

    def reader(self) -> Reader: ...
    def leaf_searchers(self) -> list[tuple[Searcher, int]]: ...
    def is_atomic(self) -> bool: ...
    def doc_count(self) -> int: ...
    def doc_count_all(self) -> int: ...
    def doc_frequency(self, fieldname: str, text: str | bytes) -> int: ...
    def term_info(self, fieldname: str, text: str | bytes) -> TermInfo: ...
    def stored_fields(self, docnum: int) -> dict[str, str]: ...
    def boolean_context(self) -> SearchContext: ...
    def search(self, q: Q.Query, limit: int | None = 10, mask: set[int] | None = None) -> Results: ...
    def search_with_collector(self, q: Q.Query, collector: Collector) -> None: ...
    def close(self) -> None: ...


class Writer(Protocol):
    is_closed: bool

    def add_document(self, **fields: str) -> None: ...
    def delete_by_term(self, fieldname: str, text: str, searcher: Searcher | None = None) -> int: ...
    def commit(self, *, merge: bool = True) -> None: ...  # keyword-only: whoosh's mergetype comes first
    def cancel(self) -> None: ...


class Lock(Protocol):
    def acquire(self, blocking: bool = False) -> bool: ...
    def release(self) -> None: ...


class Index(Protocol):
    storage: Any  # whoosh.filedb.filestore.FileStorage
    indexname: str

    def _read_toc(self) -> Any: ...  # whoosh.index.TOC, for this module only
    def lock(self, name: str) -> Lock: ...
    def searcher(self) -> Searcher: ...
    def latest_generation(self) -> int: ...
    def writer(self, procs: int = 1, **kwargs: float) -> Writer: ...


if TYPE_CHECKING:
    class matching:  # whoosh.matching
        class Matcher:
            def is_active(self) -> bool: ...
            def id(self) -> int: ...
            def next(self) -> None: ...
            def skip_to(self, id: int) -> None: ...
            def weight(self) -> float: ...
            def score(self) -> float: ...
            def all_ids(self) -> Iterator[int]: ...

        class ListMatcher(Matcher):
            _ids: list[int]
            _weights: list[float]
            _i: int

            # keyword-only here: whoosh's own values and format come before them
            def __init__(self, ids: list[int], weights: list[float] | None = None, *,
                         scorer: Scorer | None = None, position: int = 0) -> None: ...

        class NullMatcherClass(Matcher):
            def __call__(self) -> matching.NullMatcherClass: ...

        NullMatcher: NullMatcherClass

    class Q:  # whoosh.query
        class Query:
            boost: float

            def matcher(self, searcher: Searcher, context: SearchContext | None = None) -> matching.Matcher: ...

        class Term(Query):
            fieldname: str
            text: str

            def __init__(self, fieldname: str, text: str, boost: float = 1.0) -> None: ...

        class And(Query):
            subqueries: Sequence[Q.Query]

            def __init__(self, subqueries: list[Q.Query], boost: float = 1.0) -> None: ...

        class Or(Query):
            subqueries: Sequence[Q.Query]

            def __init__(self, subqueries: list[Q.Query], boost: float = 1.0) -> None: ...

        class AndNot(Query):
            a: Q.Query
            b: Q.Query

            def __init__(self, a: Q.Query, b: Q.Query) -> None: ...

        class AndMaybe(Query):
            a: Q.Query
            b: Q.Query

            def __init__(self, a: Q.Query, b: Q.Query) -> None: ...

        class Phrase(Query):
            fieldname: str
            words: list[str]
            slop: int

            def __init__(self, fieldname: str, words: list[str], slop: int = 1, boost: float = 1.0) -> None: ...

        class MultiTerm(Query):
            def expanded_terms(self, ixreader: Reader) -> Iterator[tuple[str, bytes]]: ...

        class Prefix(MultiTerm):
            def __init__(self, fieldname: str, text: str, boost: float = 1.0) -> None: ...

        class FuzzyTerm(MultiTerm):
            def __init__(self, fieldname: str, text: str, boost: float = 1.0, maxdist: int = 1,
                         prefixlength: int = 1) -> None: ...

        class ConstantScoreQuery(Query):
            child: Q.Query

            def __init__(self, child: Q.Query, score: float = 1.0) -> None: ...

        NullQuery: Query

    class Token:  # whoosh.analysis.Token
        text: str
        original: str
        boost: float
        pos: int
        stopped: bool

        def __init__(self, positions: bool = False, chars: bool = False, removestops: bool = True,
                     mode: str = "", **kwargs: object) -> None: ...

    class Tokenizer:  # whoosh.analysis.Tokenizer
        pass
else:
    from whoosh import matching
    from whoosh import query as Q


TESTED_VERSION = "2.7.5"
PACKAGE = "whoosh-reloaded"


class IncompatibleWhoosh(RuntimeError):
    """The installed whoosh is not the version app/search was tested with."""


def installed_version() -> str:
    version = getattr(whoosh, "__version__", None)
    return ".".join(str(p) for p in version) if version else "unknown"


# What app/search touches below the public API; checked besides the version number, so that a
# patched or repackaged whoosh with the same number fails loudly too.
_NEEDED = [
    (whoosh3.W3LeafMatcher, ("skip_to", "_read_ids", "_read_weights", "_read_values", "_goto",
                             "_next_block", "_read_data")),
    (whoosh3, ("LENGTHS_COLUMN", "_lenfield")),
    (SegmentReader, ("deleted_docs_set",)),
    (whoosh_index.FileIndex, ("_read_toc",)),
    (ArrayUnionMatcher, ("max_quality",)),
    (AndNotMatcher, ("_find_first", "_find_next")),
    (matching.ListMatcher, ("skip_to",)),
]


def problem(version: str | None = None) -> str | None:
    """Why the installed whoosh cannot be used, or None."""
    found = installed_version() if version is None else version
    if found != TESTED_VERSION:
        return (f"{PACKAGE} {found} is installed, but Idea Bank's search was tested with {PACKAGE} "
                f"{TESTED_VERSION} only (it relies on that version's internals); install "
                f"{PACKAGE}=={TESTED_VERSION}")
    missing = [f"{getattr(owner, '__name__', owner)}.{name}" for owner, names in _NEEDED
               for name in names if not hasattr(owner, name)]
    if missing:
        return (f"{PACKAGE} {found} lacks {', '.join(missing)}: not the release Idea Bank's search was "
                f"tested with ({PACKAGE} {TESTED_VERSION})")
    return None


PROBLEM = problem()


def require() -> None:
    if PROBLEM:
        raise IncompatibleWhoosh(PROBLEM)


# --- three fixes to the matchers (installed at import on the tested version) -----------------
#
# Profiled at 100,000 projects, multi-word AND and phrase queries spent most of their time in
# `W3LeafMatcher.skip_to`: after jumping to the right block it steps one posting at a time in
# Python, and every block's ids are decoded by a Python generator. The ids in a block are
# sorted, so a bisect finds the same posting, and `itertools.accumulate` decodes the same ids in
# C. `ArrayUnionMatcher.max_quality()` returned the best single word's bound, but a union adds
# the scores of the words a document holds: under AndMaybe (the title boost) the collector then
# dropped documents that belonged in the top k. The bound is the sum.

_Leaf = whoosh3.W3LeafMatcher


def _skip_to(self: Any, targetid: int) -> None:
    if self._atend or self._i >= self._blocklength:
        raise ReadTooFar
    if self._ids is None:
        self._read_ids()
    if targetid <= self._ids[self._i]:
        return
    if targetid > self._maxid:
        # whole blocks are skipped on their header alone, as whoosh does
        while not self._atend and self._i < self._blocklength and targetid > self._maxid:
            self._next_block()
        if self._atend:
            return
        if self._ids is None:
            self._read_ids()
    i = bisect_left(self._ids, targetid, self._i, self._blocklength)
    if i >= self._blocklength:  # cannot happen once targetid <= block max, kept for safety
        self._i = self._blocklength - 1
        self.next()
    else:
        self._i = i


def _read_ids(self: Any) -> None:
    if self._data is None:
        self._read_data()
    ids = self._data[0]
    if not self._byteids:
        ids = tuple(accumulate(ids))
    self._ids = ids


def _union_max_quality(self: Any) -> float:
    bound: float = sum(m.max_quality() for m in self._submatchers)
    return bound


def _and_not_find_first(self: Any) -> None:
    # whoosh looks for an excluded first posting only when both lists start on the same
    # document: `图像 存在 -渗漏` kept a project holding 渗漏 whose id the 渗漏 list passed on
    # its way (seen against plain whoosh in the reference test, hidden there by deletions)
    if self.a.is_active() and self.b.is_active():
        self._find_next()


def install() -> bool:
    """Install the two fixes; False (nothing touched) on an untested whoosh."""
    if PROBLEM:
        return False
    if not getattr(_Leaf, "_ideabank_fast", False):
        _Leaf.skip_to = _skip_to
        _Leaf._read_ids = _read_ids
        _Leaf._ideabank_fast = True
        ArrayUnionMatcher.max_quality = _union_max_quality
        AndNotMatcher._find_first = _and_not_find_first
    return True


install()


# --- raw postings and field lengths ------------------------------------------------------------

# byte -> length as doc_field_length decodes it; 0 means "no length", which the scorer reads as 1
LENGTH = tuple(byte_to_length(b) if b else 1 for b in range(256))


_decoded = threading.local()


@contextlib.contextmanager
def shared_postings() -> Iterator[None]:
    """Within this block, a posting list decoded whole is kept and reused: the top k and the
    exact total of one search read the same lists (segments never change, so nothing goes
    stale; the lists are dropped when the block ends)."""
    outer = getattr(_decoded, "cache", None)
    if outer is None:
        _decoded.cache = {}
    try:
        yield
    finally:
        if outer is None:
            _decoded.cache = None


Postings = tuple[list[int], list[float], list[bytes] | None]


@overload
def postings(reader: Reader, fieldname: str, text: bytes, values: Literal[True],
             only: Collection[int] | None = None) -> tuple[list[int], list[float], list[bytes]] | None: ...
@overload
def postings(reader: Reader, fieldname: str, text: bytes, values: bool = False,
             only: Collection[int] | None = None) -> Postings | None: ...
def postings(reader: Reader, fieldname: str, text: bytes, values: bool = False,
             only: Collection[int] | None = None) -> Postings | None:
    """(ids, weights, encoded values or None) of a term's raw posting list in one segment, or
    None when it is not a whoosh3 list this module can decode. Deletions are not applied
    (see `take_over_deletions`). With `only` (document numbers), blocks holding none of them
    may be skipped, so the answer is complete only around those documents; when they are
    many next to the list (most blocks would be read anyway) the whole list is read."""
    if only is not None:
        only = sorted(only) if len(only) * 8 < reader.doc_frequency(fieldname, text) else None
    cache: dict[tuple[str, str, bytes], Postings] | None = getattr(_decoded, "cache", None)
    seg = reader.segment() if cache is not None else None
    key = (seg.segment_id(), fieldname, text) if seg is not None else None
    if key is not None and cache is not None:
        got = cache.get(key)
        if got is not None and (got[2] is not None or not values):
            return got
    leaf = reader.postings(fieldname, text)
    if not isinstance(leaf, _Leaf):
        return None
    vals: list[bytes] | None = [] if values else None
    ids, weights = _decode(leaf, vals, only)
    got = (ids, weights, vals)
    if key is not None and cache is not None and only is None:
        cache[key] = got
    return got


def _decode(leaf: Any, values: list[bytes] | None = None,
            only: list[int] | None = None) -> tuple[list[int], list[float]]:
    """The ids and weights (and encoded values into `values`) of a raw posting list, one block
    at a time (zlib and pickle in C instead of a Python step per posting).

    With `only` (sorted document numbers), blocks whose range holds none of them are skipped on
    their header: an AND decodes its rarest word whole and the others only where it can match.
    """
    ids: list[int] = []
    weights: list[float] = []
    last = -1  # the previous block's highest id: a block holds ids in (last, _maxid]
    n_only = len(only) if only is not None else 0
    while not leaf._atend:
        wanted = True
        if only is not None:
            k = bisect_right(only, last)
            wanted = k < n_only and only[k] <= leaf._maxid
        if wanted:
            leaf._read_ids()
            leaf._read_weights()
            ids.extend(leaf._ids)
            weights.extend(leaf._weights)
            if values is not None:
                leaf._read_values()
                values.extend(leaf._values)
        if leaf._lastblock or (only is not None and bisect_right(only, leaf._maxid) >= n_only):
            break
        last = leaf._maxid
        leaf._goto(leaf._nextoffset)
    return ids, weights


def raw_lengths(reader: Reader, fieldname: str) -> bytes | None:
    """The segment's length bytes of `fieldname`, one per document (0: none), kept with the
    segment reader; None when the segment has no whoosh3 length column."""
    cache: dict[str, bytes | None] = reader.__dict__.setdefault("_ideabank_lengths", {})
    if fieldname not in cache:
        raw: bytes | None
        try:
            col = cast(Any, reader)._perdoc._cached_reader(whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN)
            raw = b"" if col is None else bytes(col._dbfile.get(col._basepos, col._count))
            raw += bytes(max(0, reader.doc_count_all() - len(raw)))
        except AttributeError:
            raw = None
        cache[fieldname] = raw
    return cache[fieldname]


def positions_decoder(fmt: Format) -> Callable[[bytes], Iterable[int]]:
    """A function from one posting's value to its positions: whoosh's Positions format with the
    deltas summed in C (its own decode_positions loops in Python), or the format's own."""
    from whoosh.formats import Positions
    from whoosh.system import _INT_SIZE

    if type(fmt) is not Positions:
        return fmt.decode_positions

    def decode_positions(value: bytes) -> Iterator[int]:
        if not value.endswith(b"."):
            value += b"."
        return accumulate(pickle.loads(value[_INT_SIZE:]))

    return decode_positions


def positions_of_many(fmt: Format, values: list[bytes]) -> list[list[int]]:
    """The positions of many postings at once: a Positions value is a 4-byte count and a
    pickled list of deltas, so the lists' pickle bodies joined into one list-of-lists pickle
    decode in one C call instead of one per posting (phrase counts at 100,000 projects
    decode up to 150,000 of them)."""
    from whoosh.formats import Positions

    if type(fmt) is Positions and values:
        # Positions.encode: pack_uint(count) + pickle.dumps(deltas, 2), i.e. b"\x80\x02" ... b"."
        try:
            deltas = pickle.loads(b"\x80\x02](" + b"".join(v[6:-1] for v in values) + b"e.")
        except Exception:  # noqa: BLE001 - not the layout expected: one at a time below
            deltas = None
        if deltas is not None and len(deltas) == len(values):
            return list(map(list, map(accumulate, deltas)))
    decode_positions = positions_decoder(fmt)
    return [list(decode_positions(v)) for v in values]


# --- BM25, written once -----------------------------------------------------------------------

class Bm25(dict[tuple[float, int], float]):
    """whoosh's BM25F score of one term by (frequency, length byte): few distinct pairs occur, so
    each is computed once, by whoosh's own `bm25` with the scorer's parameters."""

    def __init__(self, scorer: Any) -> None:  # a whoosh.scoring.BM25FScorer
        super().__init__()
        self.params = (scorer.idf, scorer.avgfl, scorer.B, scorer.K1)

    def __missing__(self, key: tuple[float, int]) -> float:
        idf, avgfl, B, K1 = self.params
        s: float = bm25(idf, key[0], LENGTH[key[1]], avgfl, B, K1)
        self[key] = s
        return s

    @classmethod
    def of(cls, weighting: Weighting, searcher: Searcher, fieldname: str, text: str | bytes) -> Bm25 | None:
        """The term's scorer as a Bm25 table, or None for another weighting."""
        scorer = weighting.scorer(searcher, fieldname, text)
        return cls(scorer) if type(scorer) is BM25FScorer else None


class ScoredList(matching.ListMatcher):
    """Ids with precomputed scores; the max is kept (AndMaybe asks for it often), skip_to bisects."""

    def __init__(self, ids: list[int], scores: list[float], position: int = 0, top: float | None = None) -> None:
        super().__init__(ids, scores, position=position)
        self._top = (max(scores) if scores else 0.0) if top is None else top

    def copy(self) -> ScoredList:
        return ScoredList(self._ids, self._weights, self._i, self._top)

    def items(self) -> tuple[list[int], list[float]]:
        """All (ids, scores), whatever the position."""
        return self._ids, self._weights

    def block_max_weight(self) -> float:
        return self._top

    def skip_to(self, id: int) -> None:
        if self._i >= len(self._ids):
            raise ReadTooFar
        if id > self._ids[self._i]:
            self._i = bisect_left(self._ids, id, self._i)


class ZeroScore(Q.ConstantScoreQuery):
    """A filter inside the query tree: decides the match, adds nothing to the score.

    whoosh's ConstantScoreQuery(q, 0.0) scores 1.0: its ListMatcher reads all_weights=0.0 as
    "not given" and falls back to 1.0, so each filter lifted every score by one (the ranking
    held, the scores differed from whoosh's own `filter=`)."""

    def __init__(self, child: Q.Query) -> None:
        super().__init__(child, 0.0)

    def _rewrap(self, child: Q.Query) -> ZeroScore:
        return self.__class__(child)

    def matcher(self, searcher: Searcher, context: SearchContext | None = None) -> matching.Matcher:
        from whoosh.matching.wrappers import ConstantScoreWrapperMatcher
        from whoosh.searching import SearchContext

        context = context or SearchContext()
        m = self.child.matcher(searcher, context)
        if isinstance(m, matching.NullMatcherClass):
            return m
        if context.needs_current:
            return cast(matching.Matcher, ConstantScoreWrapperMatcher(m, 0.0))
        ids = list(m.all_ids())
        return ScoredList(ids, [0.0] * len(ids), top=0.0)


# --- deletions and reader reuse ----------------------------------------------------------------

def take_over_deletions(searcher: Searcher) -> set[int]:
    """Deleted documents as one set of global numbers, to be applied to the final matches;
    whoosh's own filter wrapped around every posting list of a segment with deletions cost ~30%
    on every query of the big segments after a few edits (measured at 100,000 projects)."""
    deleted: set[int] = set()
    for reader, offset in searcher.reader().leaf_readers():
        seg = reader.segment()
        if seg is not None and seg.has_deletions():
            deleted.update(offset + d for d in seg.deleted_docs())
        reader.__dict__["deleted_docs_set"] = frozenset()  # the cached_property postings() consult
    return deleted


def segments(ix: Index) -> list[Segment]:
    """The segments of the latest commit. A background merge may commit between whoosh finding the
    newest table of contents and opening it (and delete it): then read the newer one."""
    for _ in range(20):
        try:
            return list(ix._read_toc().segments)
        except FileNotFoundError:
            continue
    return list(ix._read_toc().segments)


def refreshed_searcher(ix: Index, old: Searcher | None) -> tuple[Searcher, int]:
    """A searcher on the latest commit that reuses `old`'s readers of unchanged segments.

    Not Searcher.refresh(): whoosh-reloaded 2.7.5 reuses a segment's reader by identity and
    misses deletions made since (an updated project would show twice), while opening a reader
    from scratch copies every segment's term table (~100 ms at 100,000 projects). Deletions
    live in the segment object of the table of contents, so an unchanged segment's reader is
    kept and handed the new segment object. Returns (searcher, generation).
    """
    from whoosh.reading import EmptyReader, MultiReader
    from whoosh.searching import Searcher

    toc = ix._read_toc()
    spare: dict[str, Any] = {}  # whoosh.reading.SegmentReader by segment id
    if old is not None:
        spare = {seg.segment_id(): r for r, _ in old.reader().leaf_readers()
                 if (seg := r.segment()) is not None}
    readers = []
    for seg in toc.segments:
        r = spare.pop(seg.segment_id(), None)
        if r is None:
            r = SegmentReader(ix.storage, toc.schema, seg, generation=toc.generation)
        else:
            r._segment = seg
            r._perdoc._segment = seg
        readers.append(r)
    if not readers:
        reader = EmptyReader(toc.schema)
    elif len(readers) == 1:
        reader = readers[0]
    else:
        reader = MultiReader(readers, generation=toc.generation)
    for r in spare.values():  # segments merged away
        try:
            r.close()
        except Exception:  # noqa: BLE001 - an already closed file is no reason to fail a refresh
            pass
    return Searcher(reader, fromindex=ix), toc.generation


# --- which failures mean a damaged index -------------------------------------------------------

# Garbled index files were seen to raise all of these (random bytes flipped, zeroed or cut off
# in each file of a small index, 900 trials), from whoosh's codec, file and pickle readers.
_FORMAT_ERRORS = (EOFError, zlib.error, pickle.UnpicklingError, struct.error, whoosh_index.IndexError)
# ...and, from inside those readers only, nearly anything else (a garbled table of contents
# unpickles into AttributeError, TypeError, ModuleNotFoundError, MemoryError, ...)
_WHOOSH_DIR = Path(whoosh.__file__).resolve().parent
_STORAGE_CODE = tuple(str(_WHOOSH_DIR / p) for p in ("codec", "filedb", "index.py", "util" + os.sep + "varints.py",
                                                     "util" + os.sep + "numlists.py"))
# What the machine, not the index, is short of: a rebuild would not help and would fail too.
ENVIRONMENT_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EACCES, errno.EPERM, errno.EROFS,
                                errno.EIO, errno.EMFILE, errno.ENFILE, errno.ENOMEM})


def is_environment(exc: BaseException) -> bool:
    """A full disk, a read-only or unreadable folder, an I/O error: not the index's fault."""
    return isinstance(exc, OSError) and exc.errno in ENVIRONMENT_ERRNOS


def is_damage(exc: BaseException) -> bool:
    """True when `exc` says the index files are damaged or missing (a rebuild repairs that);
    False for the machine's problems (`is_environment`) and for programming errors, which a
    rebuild would not fix."""
    if isinstance(exc, OSError):
        return isinstance(exc, (FileNotFoundError, NotADirectoryError, IsADirectoryError))
    if isinstance(exc, (TermNotFound, KeyError)):
        return False  # asking for a word the index lacks: the caller's mistake, not damage
    if isinstance(exc, _FORMAT_ERRORS):
        return True
    return _raised_in_storage_code(exc)


def _raised_in_storage_code(exc: BaseException) -> bool:
    tb = exc.__traceback__
    last = None
    while tb is not None:
        last = tb
        tb = tb.tb_next
    if last is None:
        return False
    filename = os.path.abspath(last.tb_frame.f_code.co_filename)
    return filename.startswith(_STORAGE_CODE)


# --- worker processes of a rebuild --------------------------------------------------------------

class WorkerFailed(RuntimeError):
    """A worker process of a rebuild died or failed; its segment is missing."""


def _die_with_parent() -> None:
    """In a worker: exit as soon as the process that started it is gone (killed, crashed).

    On Linux the kernel sends SIGKILL when the parent dies (PR_SET_PDEATHSIG); everywhere a
    thread waits on the parent's sentinel, which multiprocessing closes when the parent exits.
    """
    if os.name == "posix" and hasattr(os, "getppid"):
        try:
            import ctypes
            import signal

            libc = ctypes.CDLL(None, use_errno=True)
            PR_SET_PDEATHSIG = 1
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):  # not Linux: the sentinel below still works
            pass
    parent = multiprocessing.parent_process()
    if parent is not None:
        def watch() -> None:
            parent.join()
            os._exit(70)

        threading.Thread(target=watch, name="die-with-parent", daemon=True).start()


def _worker_task_class() -> type[Any]:
    from whoosh.multiproc import SubWriterTask

    class Task(SubWriterTask):  # type: ignore[misc]  # whoosh is untyped: SubWriterTask is Any
        """whoosh's worker, which dies with its parent and reports its own failure instead of
        leaving the parent to build an index without its segment."""

        def run(self) -> None:
            _die_with_parent()
            try:
                super().run()
            except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises
                try:
                    self.resultqueue.put(("failed", getattr(exc, "errno", None), repr(exc)), timeout=5)
                    self.resultqueue.close()
                    self.resultqueue.join_thread()  # os._exit would not wait for the feeder thread
                finally:
                    os._exit(1)

    return Task


class _Results:
    """The parent's end of the result queue: a failed or silent worker is an error, not a
    segment quietly missing from the index (whoosh's MpWriter skips a result that does not come
    within a second)."""

    def __init__(self, real: Any, tasks: list[Any]) -> None:  # a multiprocessing queue, whoosh's tasks
        self.real = real
        self.tasks = tasks

    def get(self, timeout: float | None = None) -> Any:
        try:
            # the workers have been joined when whoosh asks: a result is there or never comes
            got = self.real.get(timeout=5)
        except queue_module.Empty:
            codes = [t.exitcode for t in self.tasks]
            raise WorkerFailed(f"a rebuild worker gave no result (exit codes {codes})") from None
        if got and got[0] == "failed":
            _, err, text = got
            if err is not None:
                raise OSError(err, f"{os.strerror(err)} (in a rebuild worker: {text})")
            raise WorkerFailed(f"a rebuild worker failed: {text}")
        return got

    def put(self, *a: Any, **kw: Any) -> None:
        self.real.put(*a, **kw)


def writer(ix: Index, procs: int = 1, limitmb: int = 512) -> Writer:
    """A writer for a full build; with procs > 1 whoosh's MpWriter (one segment per worker),
    whose workers die with this process and are stopped when the build is cancelled."""
    if procs <= 1:
        return ix.writer(limitmb=limitmb)
    from whoosh.multiproc import MpWriter

    Task = _worker_task_class()

    class Writer(MpWriter):  # type: ignore[misc]  # whoosh is untyped: MpWriter is Any
        resultqueue: Any

        def __init__(self, *a: Any, **kw: Any) -> None:
            super().__init__(*a, **kw)
            self._real_results = self.resultqueue
            self.resultqueue = _Results(self._real_results, self.tasks)

        def _new_task(self) -> Any:
            task = Task(self.storage, self.indexname, self.jobqueue, self._real_results,
                        self.subargs, self.multisegment)
            task.daemon = True  # stopped at a normal exit of the parent, whatever happens
            self.tasks.append(task)
            task.start()
            return task

        def cancel(self) -> None:
            # whoosh's cancel only flips a flag in the parent's copy of each task: the workers
            # would wait on the job queue forever
            for task in self.tasks:
                if task.is_alive():
                    task.terminate()
            for task in self.tasks:
                task.join(5)
            self.tasks.clear()
            from whoosh.writing import SegmentWriter

            if not self.is_closed:
                SegmentWriter.cancel(self)

    return Writer(ix, procs=procs, limitmb=limitmb, multisegment=True)


# --- merging segments beside the live index ----------------------------------------------------

def merge_segments(ix: Index, segment_ids: list[str], side: Path,
                   commit_lock: Callable[[], ContextManager[None]]) -> str | None:
    """Merge the named segments into one, without holding the index's write lock while the
    documents are copied; returns the new segment's id, or None when the index changed so that
    the merge no longer applies (the work is thrown away, nothing is lost).

    whoosh merges inside a writer, which holds the index lock (and here the edit lock) for the
    whole merge, so an edit waited for it. Here the merged segment is written into `side` (a
    folder beside the index: whoosh's writers delete unknown files inside it), then, holding
    `commit_lock()` for a few milliseconds: the deletions made meanwhile in the merged segments
    are carried over, the segment file moved in, and a new table of contents written.
    """
    from whoosh.index import TOC, clean_files
    from whoosh.writing import SegmentWriter

    toc = ix._read_toc()
    chosen = [s for s in toc.segments if s.segment_id() in set(segment_ids)]
    if len(chosen) < 2:
        return None
    side.mkdir(parents=True, exist_ok=True)
    side_ix = whoosh_index.create_in(str(side), toc.schema, indexname=ix.indexname)
    w = SegmentWriter(side_ix, _lk=False)
    moved = False
    try:
        docmaps = []
        for seg in chosen:
            reader = SegmentReader(ix.storage, toc.schema, seg)
            try:
                base = w.docnum
                live = list(reader.all_doc_ids())  # in order, as add_reader copies them
                w.add_reader(reader)
            finally:
                reader.close()
            docmaps.append((seg.segment_id(), set(seg.deleted_docs()),
                            {old: base + i for i, old in enumerate(live)}))
        newseg = w._finalize_segment()
        w._finish()
        name: str | None = newseg.make_filename(newseg.COMPOUND_EXT) if newseg.is_compound() else None
        if name is None or not (side / name).exists():
            return None
        with commit_lock():
            current = ix._read_toc()
            by_id = {s.segment_id(): s for s in current.segments}
            if any(sid not in by_id for sid, _, _ in docmaps):
                return None  # merged or replaced by someone else meanwhile
            for sid, before, docmap in docmaps:
                for d in by_id[sid].deleted_docs():
                    if d not in before:  # deleted by an edit while we copied
                        newseg.delete_document(docmap[d])
            os.replace(side / name, Path(ix.storage.folder) / name)
            moved = True
            gone = {sid for sid, _, _ in docmaps}
            first = next(i for i, s in enumerate(current.segments) if s.segment_id() in gone)
            segs = [s for s in current.segments if s.segment_id() not in gone]
            segs.insert(min(first, len(segs)), newseg)
            generation = current.generation + 1
            TOC(current.schema, segs, generation).write(ix.storage, ix.indexname)
            moved = False  # referenced now
            clean_files(ix.storage, ix.indexname, generation, segs)
        return cast(str, newseg.segment_id())
    except BaseException:
        if not w.is_closed:
            try:
                w.cancel()
            except Exception:  # noqa: BLE001 - the side folder goes below anyway
                pass
        if moved and name is not None:  # the table of contents was not written: the moved file is unreferenced
            try:
                os.remove(Path(ix.storage.folder) / name)
            except OSError:
                pass
        raise
    finally:
        shutil.rmtree(side, ignore_errors=True)


def index_lock(ix: Index) -> Lock:
    """whoosh's cross-process write lock of the index (not acquired)."""
    return ix.lock("WRITELOCK")


def abandon(ix: Index, w: Any) -> None:  # w: the failed whoosh SegmentWriter
    """Cancel an incremental writer that failed, even half-way through its commit (a full disk
    fails again while whoosh's cancel closes the files): release the index lock, remove the
    temporary folder and the half-written segment files, which whoosh would leave until its
    next successful commit."""
    if not w.is_closed:
        try:
            w.cancel()
        except Exception:  # noqa: BLE001 - finish what cancel could not
            with contextlib.suppress(Exception):
                w.pool.cleanup()
            with contextlib.suppress(Exception):
                w._tempstorage.destroy()
            if w.writelock is not None:
                with contextlib.suppress(Exception):
                    w.writelock.release()
            w.is_closed = True
    seg = getattr(w, "newsegment", None)
    if seg is None:
        return
    prefix = seg.segment_id() + "."
    for name in list(ix.storage.list()):
        if name.startswith(prefix):
            with contextlib.suppress(OSError):
                ix.storage.delete_file(name)
