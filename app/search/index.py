"""The on-disk search index (whoosh). Nothing outside app/search sees whoosh.

One `SearchIndex` per index folder and process: it keeps one searcher open (reopening per
query costs 30-130 ms) and refreshes it after each commit, and it funnels every write through
one lock, waiting for another process's writer instead of letting whoosh's LockError out.
A missing, damaged or outdated index (other segmenter, dictionary or schema) reports
`needs_rebuild`; the feed rebuilds it from the database, which is the source of truth. Only
damage rebuilds (whoosh_compat.is_damage): a full disk or an unreadable folder raises
IndexUnavailable, and any other exception is a bug that leaves the index alone.
Everything below whoosh's public API is in whoosh_compat.
"""
from __future__ import annotations

import contextlib
import itertools
import json
import logging
import math
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.util import random_name
from whoosh.util.filelock import try_for
from whoosh.writing import LockError

from app.core.errors import Cancelled as Cancelled  # re-exported: the service imports it from here
from app.search import analyzer, matchset, topk
from app.search import whoosh_compat as compat
from app.search.fastand import words_and
from app.search.query import Clause, ParsedQuery, parse, year_values
from app.search.schema import SCHEMA_VERSION, SearchDoc, build_schema, doc_fields
from app.search.whoosh_compat import Q

log = logging.getLogger(__name__)

STAMP_FILE = "ideabank-index.json"
FACETS = ("category", "status", "studio", "year")
# Latin words and model numbers this long or longer tolerate one typo (M3000 -> M300).
FUZZY_MIN_LEN = 4
WRITE_TIMEOUT = 10.0       # seconds to wait for another process's writer
# Small segments (one per edit) are merged in the background, MERGE_FACTOR of a size tier at a
# time (tiers: 1-3, 4-15, 16-63, ... documents), so each document is copied about log4(n) times;
# segments past MERGE_MAX documents (or an eighth of the index) are left to rebuilds. Each small
# segment costs a search ~0.1 ms (20 of them: p50 +10%, p95 +2-4% at 100,000 projects); a factor
# of 2 kept fewer of them but merged twice as often, and each merge has a fixed cost (~50-100 ms
# on a busy machine), so during a burst of edits the merges fell behind (42 segments after 100).
MERGE_FACTOR = 4
MERGE_MAX = 20_000

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


class SearchIndexError(Exception):
    """Base of the index's own failures (the service maps them to user messages)."""


class IndexCorrupt(SearchIndexError):
    """The index files are damaged or missing: a rebuild repairs it."""


class IndexUnavailable(SearchIndexError):
    """The machine, not the index: a full disk, a read-only or unreadable folder, an I/O error,
    a file where the index folder should be. A rebuild would not help; `cause` says what."""

    def __init__(self, message: str, cause: BaseException | None = None):
        super().__init__(message)
        self.cause = cause


class IndexBusy(SearchIndexError):
    """Another process held the index writer for longer than WRITE_TIMEOUT."""


@dataclass
class Hit:
    id: str
    score: float


@dataclass
class SearchResults:
    hits: list[Hit]
    total: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    terms: list[str] = field(default_factory=list)   # for snippets
    query: ParsedQuery | None = None

    @property
    def ids(self) -> list[str]:
        return [h.id for h in self.hits]


_BUILDING: set[Path] = set()


def _process_alive(pid: int, folder: Path) -> bool:
    if os.name == "posix":
        try:
            os.kill(pid, 0)  # signal 0 only asks whether the process exists
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    # elsewhere signal 0 is not harmless: trust the folder's age instead
    return time.time() - folder.stat().st_mtime < 6 * 3600


def _classify(exc: Exception) -> Exception:
    """What an exception from whoosh means for the index: damage (IndexCorrupt), the machine
    (IndexUnavailable), or a bug (the exception itself, left to the caller to report)."""
    if isinstance(exc, SearchIndexError):
        return exc
    if compat.is_environment(exc):
        return IndexUnavailable(str(exc), exc)
    if compat.is_damage(exc):
        return IndexCorrupt(repr(exc))
    return exc


def _merge_plan(sizes: list[tuple[str, int]], cap: int) -> list[str]:
    """Segment ids to merge next (empty: none): MERGE_FACTOR segments of the smallest size tier
    that holds that many, never one of `cap` documents or more."""
    tiers: dict[int, list[str]] = {}
    for sid, n in sorted(sizes, key=lambda x: x[1]):
        if n >= cap:
            continue
        tier = 0 if n < MERGE_FACTOR else int(math.log(n, MERGE_FACTOR))
        tiers.setdefault(tier, []).append(sid)
    for tier in sorted(tiers):
        if len(tiers[tier]) >= MERGE_FACTOR:
            return tiers[tier][:MERGE_FACTOR]
    return []


def current_stamp() -> dict[str, str | int]:
    return {"schema": SCHEMA_VERSION, **analyzer.stamp()}


class SearchIndex:
    def __init__(self, path: str | os.PathLike[str]):
        compat.require()  # a clear error on an untested whoosh, not wrong results
        self.path = Path(path)
        self._ix: compat.Index | None = None
        self._searcher: compat.Searcher | None = None
        self._write_lock = threading.RLock()
        self._read_lock = threading.RLock()
        self._merge_thread: threading.Thread | None = None
        self._closing = False
        self._generation = -1
        self._id_docs: dict[str, dict[str, tuple[int, ...]]] = {}  # segment -> project id -> docs
        self._facets = matchset.FacetTable(FACETS)
        self._mask: set[int] | None = None
        self.needs_rebuild = False
        self.reason = ""
        self.moved_aside: Path | None = None
        self._open()

    # --- opening and health -----------------------------------------------------------------

    def _open(self) -> None:
        self._close_searcher()
        self._ix = None
        self.needs_rebuild, self.reason = False, ""
        self._remove_leftovers()
        self._move_aside_non_folder()
        try:
            present = self.path.exists() and whoosh_index.exists_in(str(self.path))
        except Exception as exc:  # a garbled table of contents
            self._damaged(exc)
            return
        if not present:
            self.needs_rebuild, self.reason = True, "missing"
            return
        try:
            stamp = json.loads((self.path / STAMP_FILE).read_text("utf-8"))
        except (OSError, ValueError):
            stamp = None
        if stamp != current_stamp():
            self.needs_rebuild, self.reason = True, "outdated"
            return
        try:
            ix: compat.Index = whoosh_index.open_dir(str(self.path))
            searcher = ix.searcher()
            searcher.doc_count()
            # touch every segment's files: a garbled posting file shows up here, not mid-query
            for name in ("content", "id"):
                for _ in zip(searcher.reader().lexicon(name), range(1)):
                    pass
            self._ix, self._searcher = ix, searcher
            self._mask = compat.take_over_deletions(searcher) or None
            self._generation = ix.latest_generation()
        except Exception as exc:  # whoosh raises many kinds for damaged files
            self._damaged(exc)

    def _damaged(self, exc: Exception) -> None:
        """Opening failed: damage means rebuild; the machine's problems and bugs are raised."""
        found = _classify(exc)
        if isinstance(found, IndexCorrupt):
            log.warning("search index at %s unreadable: %r", self.path, exc)
            self.needs_rebuild, self.reason = True, "corrupt"
            return
        raise found from exc

    def _move_aside_non_folder(self) -> None:
        """A file where the index folder (or the folder holding it) should be: moved aside under
        a telling name (never deleted: it is not ours to judge), so the index can be rebuilt."""
        for path in (self.path.parent, self.path):
            if path.is_symlink() or not path.exists() or path.is_dir():
                continue
            aside = path.with_name(f"{path.name}.not-a-folder-{time.strftime('%Y%m%d-%H%M%S')}")
            try:
                os.replace(path, aside)
            except OSError as exc:
                raise IndexUnavailable(f"{path} is a file, not a folder, and cannot be moved aside: {exc}",
                                       exc) from exc
            log.warning("search index: %s was a file, not a folder; moved it to %s", path, aside)
            self.moved_aside = aside
        self.path.parent.mkdir(parents=True, exist_ok=True)

    def _side(self, suffix: str) -> Path:
        # per process, so a GUI opening the index never removes the CLI's rebuild in progress
        return self.path.with_name(f"{self.path.name}.{suffix}-{os.getpid()}")

    def _remove_leftovers(self) -> None:
        """Folders of rebuilds that died half-way (the live folder is still whole)."""
        if not self.path.parent.exists():
            return
        for leftover in self.path.parent.glob(self.path.name + ".*-*"):
            try:
                pid = int(leftover.name.rsplit("-", 1)[1])
            except ValueError:
                continue
            if leftover in _BUILDING:  # another SearchIndex of this process is building it
                continue
            if pid == os.getpid() or not _process_alive(pid, leftover):
                shutil.rmtree(leftover, ignore_errors=True)

    def _close_searcher(self) -> None:
        with self._read_lock:
            if self._searcher is not None:
                try:
                    self._searcher.close()
                except Exception:
                    pass
                self._searcher = None

    def close(self) -> None:
        self._closing = True  # no further merge starts; one under way finishes first
        self.wait_for_merges()
        self._close_searcher()
        self._ix = None

    def doc_count(self) -> int:
        if self._ix is None:
            return 0
        with self._read_lock:
            assert self._searcher is not None  # open with the index
            return self._searcher.doc_count()

    def size_bytes(self) -> int:
        return sum(f.stat().st_size for f in self.path.glob("*") if f.is_file()) if self.path.exists() else 0

    def _require(self) -> None:
        if self._ix is None:
            raise IndexCorrupt(self.reason or "missing")

    # --- building ---------------------------------------------------------------------------

    def rebuild(self, docs: Iterable[SearchDoc], progress: Progress | None = None,
                cancel: Cancel | None = None, total: int = 0, procs: int | None = None) -> int:
        """Build a fresh index beside the live one and swap it in; the old one serves until then.

        `procs` > 1 segments in worker processes (whoosh's multi-process writer, one segment each).
        Raises Cancelled (leaving the old index untouched) when `cancel()` turns true.
        """
        if procs is None:  # worker processes pay off only for a big bank
            procs = max(1, min(2, os.cpu_count() or 1)) if total >= 5000 else 1
        analyzer.ensure_dictionary()  # loaded before fork, so workers inherit it
        # Built in a folder of its own without holding the write lock, so searches go on
        # against the live index meanwhile; callers keep updates away until the swap (the
        # service's lock), and the queue carries what changed during the build.
        new = self._side("new")
        _BUILDING.add(new)
        try:
            try:
                self._move_aside_non_folder()
                shutil.rmtree(new, ignore_errors=True)
                new.mkdir(parents=True)
                count = self._build(new, docs, progress, cancel, total, procs)
            except BaseException:
                # nothing half-built stays behind (a full disk, a cancel, a killed worker)
                shutil.rmtree(new, ignore_errors=True)
                raise
        except Exception as exc:
            raise _classify(exc) from exc
        finally:
            _BUILDING.discard(new)
        return count

    def _build(self, new: Path, docs: Iterable[SearchDoc], progress: Progress | None, cancel: Cancel | None,
               total: int, procs: int) -> int:
        ix = whoosh_index.create_in(str(new), build_schema())
        writer = compat.writer(ix, procs=procs, limitmb=512)
        count = 0
        try:
            for doc in docs:
                writer.add_document(**doc_fields(doc))
                count += 1
                if count % 500 == 0:
                    if cancel is not None and cancel():
                        raise Cancelled()
                    if progress is not None:
                        progress(count, total)
            if progress is not None:
                # Every project is handed over; the worker processes finish and merge their segments
                # now (a good part of the build): total 0 = "no measure", not a bar stuck at 100 %.
                progress(count, 0)
            writer.commit()
        except BaseException:
            if not writer.is_closed:
                writer.cancel()
            raise
        (new / STAMP_FILE).write_text(json.dumps(current_stamp()), "utf-8")
        with self._write_lock:
            self._swap_in(new)
        if progress is not None:
            progress(count, total or count)
        return count

    def _swap_in(self, new: Path) -> None:
        self._close_searcher()
        self._ix = None
        old = self._side("old")
        if self.path.exists():
            os.replace(self.path, old)
        os.replace(new, self.path)
        shutil.rmtree(old, ignore_errors=True)
        self._open()

    # --- incremental writes -----------------------------------------------------------------

    def _writer(self) -> compat.Writer:
        assert self._ix is not None  # callers checked (_require)
        try:
            return self._ix.writer(timeout=WRITE_TIMEOUT, delay=0.05)
        except LockError as exc:
            raise IndexBusy(str(exc)) from exc

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """This process's write lock and whoosh's (held by another process's writer too)."""
        with self._write_lock:
            assert self._ix is not None  # merges run on an open index
            lock = compat.index_lock(self._ix)
            if not try_for(lock.acquire, timeout=WRITE_TIMEOUT, delay=0.05):
                raise IndexBusy("index writer held elsewhere")
            try:
                yield
            finally:
                lock.release()

    def update(self, docs: Iterable[SearchDoc], delete_ids: Iterable[str] = ()) -> None:
        """Add or replace projects and delete others in one commit."""
        self._require()
        assert self._ix is not None  # open (_require)
        docs, delete_ids = list(docs), list(delete_ids)
        if not docs and not delete_ids:
            return
        try:
            with self._write_lock:
                writer = self._writer()
                try:
                    if self._generation != self._ix.latest_generation():
                        self._refresh()  # another process committed since our last look
                    # the cached searcher finds the old versions: the writer's own would open
                    # every segment again (~80 ms at 100,000 projects)
                    searcher = self._searcher
                    latest = {d.id: d for d in docs}
                    for pid in list(delete_ids) + list(latest):
                        writer.delete_by_term("id", pid, searcher=searcher)
                    for doc in latest.values():
                        writer.add_document(**doc_fields(doc))
                    # merge=False keeps one edit fast; small segments are merged in the background
                    writer.commit(merge=False)
                except BaseException:
                    compat.abandon(self._ix, writer)  # a full disk leaves nothing half-written
                    raise
                self._refresh()
        except Exception as exc:
            raise _classify(exc) from exc
        self._maybe_merge()

    def delete(self, ids: Iterable[str]) -> None:
        self.update([], ids)

    def _refresh(self) -> None:
        """Point the cached searcher at the latest commit, reopening only new segments."""
        with self._read_lock:
            assert self._ix is not None  # refreshed only while open
            self._searcher, self._generation = compat.refreshed_searcher(self._ix, self._searcher)
            self._mask = compat.take_over_deletions(self._searcher) or None  # whoosh wants a set

    def _follow_other_writers(self) -> None:
        """Another process (`ideabank reindex`, a second window) may have committed or swapped
        in a rebuilt index: listing the folder is cheap, so look before each query."""
        try:
            assert self._ix is not None  # a closed index: nothing to follow (as any failure here)
            latest = self._ix.latest_generation()
        except Exception:
            return
        if latest != self._generation:
            try:
                with self._write_lock:
                    if self._ix.latest_generation() != self._generation:
                        self._refresh()
            except Exception as exc:
                raise _classify(exc) from exc

    def segment_count(self) -> int:
        return len(compat.segments(self._ix)) if self._ix is not None else 0

    # --- merging in the background -------------------------------------------------------------

    def _next_merge(self) -> list[str]:
        assert self._ix is not None  # callers catch the failure of a closed index
        segs = compat.segments(self._ix)
        sizes = [(s.segment_id(), s.doc_count_all() - s.deleted_count()) for s in segs]
        total = sum(n for _, n in sizes)
        return _merge_plan(sizes, cap=max(min(MERGE_MAX, total // 8), 2 * MERGE_FACTOR))

    def _maybe_merge(self) -> None:
        """Merge small segments on a thread of its own: searches go on against the cached
        searcher and edits commit meanwhile (the copy holds no lock; only the final swap, a few
        milliseconds, takes the write lock)."""
        if self._closing or (self._merge_thread is not None and self._merge_thread.is_alive()):
            return
        try:
            if not self._next_merge():
                return
        except Exception as exc:  # noqa: BLE001 - the next edit looks again
            log.info("merge plan skipped: %r", exc)
            return
        self._merge_thread = threading.Thread(target=self._merge_all, name="search-merge", daemon=True)
        self._merge_thread.start()

    def _merge_all(self) -> None:
        while not self._closing:
            side = self.path.with_name(f"{self.path.name}.merge{random_name(6)}-{os.getpid()}")
            _BUILDING.add(side)
            try:
                ix = self._ix
                plan = self._next_merge() if ix is not None else []
                if not plan or ix is None:
                    return
                if compat.merge_segments(ix, plan, side, self._locked) is None:
                    return  # the index changed under us (a rebuild, another process): next edit
                with self._write_lock:
                    if self._ix is ix:
                        self._refresh()
            except Exception as exc:  # noqa: BLE001 - a later edit tries again
                log.info("background merge skipped: %r", exc)
                return
            finally:
                _BUILDING.discard(side)

    def wait_for_merges(self) -> None:
        thread = self._merge_thread
        if thread is not None and thread is not threading.current_thread():
            thread.join()

    # --- searching --------------------------------------------------------------------------

    def _masked(self, searcher: compat.Searcher, hidden: Iterable[str]) -> set[int] | None:
        """Deleted documents plus the projects `hidden` names (secret ones the viewer may not
        see): left out of the hits, the total and the facets alike."""
        hidden = list(hidden)
        if not hidden:
            return self._mask
        out = set(self._mask or ())
        live: set[str] = set()
        for reader, offset in searcher.reader().leaf_readers():
            seg = reader.segment()
            key = seg.segment_id() if seg is not None else str(id(reader))
            live.add(key)
            # segments never change, so a project's documents in one are looked up once
            known = self._id_docs.setdefault(key, {})
            for pid in hidden:
                docs = known.get(pid)
                if docs is None:
                    docs = known[pid] = (tuple(reader.postings("id", pid).all_ids())
                                         if ("id", pid) in reader else ())
                if docs:
                    out.update(offset + d for d in docs)
        for key in set(self._id_docs) - live:  # merged away
            del self._id_docs[key]
        return out or None

    def search(self, query: str | ParsedQuery, limit: int = 20, offset: int = 0,
               facets: bool = False, count: bool = True, hidden: Iterable[str] = ()) -> SearchResults:
        """Top `limit` hits after `offset`, by relevance, leaving out the projects in `hidden`.

        `total` is exact when `count` or `facets` is asked (a second, unscored pass over the
        matches); otherwise it is a lower bound. The scored pass alone cannot count: whoosh
        prunes union matchers that can no longer reach the top k.
        """
        parsed = parse(query) if isinstance(query, str) else query
        self._require()
        if parsed.is_empty():
            return SearchResults([], 0, {}, [], parsed)
        self._follow_other_writers()
        try:
            with self._read_lock, compat.shared_postings():
                searcher = self._searcher
                assert searcher is not None  # open (_require)
                wq = compile_query(parsed, searcher.reader())
                if wq is None:
                    return SearchResults([], 0, {}, parsed.highlight_terms(), parsed)
                mask = self._masked(searcher, hidden)
                top: list[tuple[float, int]] | None  # None: that shortcut does not apply
                top = []
                if limit > 0:  # limit 0: the count and facets alone (the window's result count)
                    top = topk.top(searcher, wq, offset + limit, mask)
                    if top is None:
                        top = topk.phrase_top(searcher, wq, offset + limit, mask)
                    if top is None:
                        top = topk.bulk_top(searcher, wq, offset + limit, mask)
                    if top is None:
                        top = _exact_top(searcher, wq, offset + limit, mask)
                hits = [Hit(searcher.stored_fields(docnum)["id"], float(score))
                        for score, docnum in top[offset:offset + limit]]
                total = len(top)
                groups: dict[str, dict[str, int]] = {}
                if count or facets:
                    matches = matchset.matching(searcher, wq, mask)
                    total = sum(len(docs) for _, _, docs in matches)
                    if facets:
                        groups = self._facets.count(matches)
        except Exception as exc:
            raise _classify(exc) from exc
        return SearchResults(hits, total, groups, parsed.highlight_terms(), parsed)

    def more_like_this(self, text: str, limit: int = 10, exclude: Iterable[str] = (),
                       max_terms: int = 10, budget: int = 30_000, hidden: Iterable[str] = ()) -> SearchResults:
        """Projects sharing the most distinctive words of `text` (a draft or an existing project).

        Words are taken by tf-idf until their posting lists hold `budget` entries: the union is
        a Python loop per posting, and 12 common words took 0.5-1.3 s at 100,000 projects.
        Numbers and the sub-words of a word already taken add nothing but cost.
        """
        self._require()
        exclude = set(exclude)
        with self._read_lock:
            assert self._searcher is not None  # open (_require)
            reader = self._searcher.reader()
            n = max(reader.doc_count(), 1)
            tf: dict[str, int] = {}
            for term, _pos in analyzer.segment(text or ""):
                if (len(term) > 1 or analyzer.is_latin(term)) and not term.replace(".", "").isdigit():
                    tf[term] = tf.get(term, 0) + 1
            weighted = []
            least = 2 if exclude else 1  # a word only the project itself has finds nothing else
            for term, count in tf.items():
                df = reader.doc_frequency("content", term)
                if df < least:
                    continue
                weighted.append((count * math.log(1 + n / df), df, term))
            weighted.sort(reverse=True)
            top: list[tuple[float, str]] = []
            spent = 0
            for weight, df, term in weighted:
                if len(top) >= max_terms or (len(top) >= 2 and spent + df > budget):
                    break
                if any(term in analyzer.subwords(t) for _, t in top):
                    continue
                top.append((weight, term))
                spent += df
            if not top:
                return SearchResults([], 0)
            best = top[0][0]
            wq = Q.Or([Q.Term("content", t, boost=w / best) for w, t in top])
            results = self._searcher.search(wq, limit=limit + len(exclude),
                                            mask=self._masked(self._searcher, hidden))
            hits = [Hit(r["id"], float(r.score)) for r in results if r["id"] not in exclude][:limit]
            return SearchResults(hits, len(hits), {}, [t for _, t in top])


def _exact_top(searcher: compat.Searcher, wq: Q.Query, k: int, mask: set[int] | None) -> list[tuple[float, int]]:
    """whoosh's top k without its block-quality skipping and matcher replacement: under the
    title boost (AndMaybe over a union of title words) they dropped projects and parts of
    their title bonus from the top 20 (7 of 216 benchmark queries at 100,000 projects still
    after the union bound fix in postings.py). Without them the top k is the exhaustive one."""
    from whoosh import collectors

    if not (isinstance(wq, Q.AndMaybe) and isinstance(wq.b, Q.Or)):
        # elsewhere whoosh's skipping kept the exhaustive top k on every benchmark query
        return searcher.search(wq, limit=k, mask=mask).top_n
    top = collectors.TopCollector(limit=k, usequality=False, replace=0)
    c: compat.Collector = collectors.FilterCollector(top, restrict=mask) if mask else top
    searcher.search_with_collector(wq, c)
    return c.results().top_n


# --- query compilation ----------------------------------------------------------------------

def _category_codes(text: str) -> list[str]:
    from app.search import vocab

    return vocab.match("category", text)


def _status_codes(text: str) -> list[str]:
    from app.search import vocab

    return vocab.match("status", text)


def _any(queries: Sequence[Q.Query | None]) -> Q.Query:
    present = [q for q in queries if q is not None]
    if not present:
        return Q.NullQuery
    return present[0] if len(present) == 1 else Q.Or(present)


MAX_PREFIX_TERMS = 64


def _prefix_terms(reader: compat.Reader, field: str, prefix: str) -> list[str]:
    """The words a prefix stands for, minus those whose documents another one already covers.

    A long word is indexed with the dictionary words inside it, so every project holding
    变压器 also holds 变压: for `变压*` the list of 变压 alone is enough, and the union matcher
    (a Python loop per posting) no longer walks the same projects twice.
    """
    terms = []
    for t in itertools.islice(reader.expand_prefix(field, prefix), 4096):
        terms.append(t.decode("utf-8") if isinstance(t, bytes) else t)
    present = set(terms)
    keep = [t for t in terms if not any(sub in present for sub in analyzer.subwords(t))]
    if len(keep) > MAX_PREFIX_TERMS:  # `变*`: the most frequent words carry the answer
        keep.sort(key=lambda t: -reader.doc_frequency(field, t))
        keep = keep[:MAX_PREFIX_TERMS]
    return keep


def _word_query(word: str, reader: compat.Reader, prefix: bool = False) -> Q.Query:
    """One word over content, plus people/extra/tags only where their lexicon has it.

    Checking the lexicon first keeps the common case to a single posting list: an Or over
    fields that do not contain the word still costs a matcher per field in pure Python.
    """
    alts: list[Q.Query]
    if prefix:
        alts = []
        for name in ("content", "extra"):
            alts.extend(Q.Term(name, t) for t in _prefix_terms(reader, name, word))
        if analyzer.is_latin(word):
            alts.append(Q.Prefix("people", word))
        return _any(alts)
    alts = [Q.Term("content", word)]
    for name in ("people", "extra", "tags"):
        if reader.doc_frequency(name, word):
            alts.append(Q.Term(name, word))
    if analyzer.is_latin(word) and len(word) >= FUZZY_MIN_LEN and not word.replace(".", "").isdigit():
        alts.append(Q.FuzzyTerm("content", word, maxdist=1, prefixlength=1, boost=0.5))
    return alts[0] if len(alts) == 1 else Q.Or(alts)


def _words_clause(text: str, reader: compat.Reader, prefix: bool) -> Q.Query | None:
    words = analyzer.query_words(text)
    if prefix:  # the prefix is the last piece typed, even a stop word (在* -> 在线)
        typed = analyzer.query_words(text, keep_stopwords=True)
        if typed and (not words or typed[-1] != words[-1]):
            words.append(typed[-1])
    if not words:
        return None
    parts = [_word_query(w, reader, prefix=(prefix and i == len(words) - 1)) for i, w in enumerate(words)]
    q: Q.Query = parts[0] if len(parts) == 1 else words_and(parts)
    whole = text.lower()
    if len(words) > 1 and reader.doc_frequency("people", whole):  # a name jieba split: 张三丰
        q = Q.Or([q, Q.Term("people", whole, boost=2.0)])
    return q


def _phrase_clause(text: str, reader: compat.Reader) -> Q.Query | None:
    words = analyzer.query_words(text)
    if not words:
        return None
    if len(words) == 1:
        return _word_query(words[0], reader)
    phrase: Q.Query = Q.Phrase("content", words)
    if all(reader.doc_frequency("extra", w) for w in words):  # else a matcher that finds nothing
        phrase = Q.Or([phrase, Q.Phrase("extra", words)])
    return phrase


def _filter_clause(c: Clause, reader: compat.Reader) -> Q.Query | None:
    value = c.text
    if c.field == "category":
        return _any([Q.Term("category", code) for code in _category_codes(value)])
    if c.field == "status":
        return _any([Q.Term("status", code) for code in _status_codes(value)])
    if c.field == "year":
        return _any([Q.Term("year", y) for y in year_values(value)])
    if c.field == "tag":
        return Q.Term("tags", value.lower())
    if c.field == "studio":
        words = analyzer.query_words(value)
        exact: Q.Query = Q.Term("studio", value)
        if not words:
            return exact
        return Q.Or([exact, Q.And([Q.Term("studio_text", w) for w in words])])
    if c.field == "person":
        whole = Q.Term("people", value.lower())
        words = analyzer.query_words(value)
        if len(words) > 1:
            return Q.Or([whole, Q.And([Q.Term("people", w) for w in words])])
        return whole
    return None


def compile_query(parsed: ParsedQuery, reader: compat.Reader) -> Q.Query | None:
    """Build the whoosh query straight from tokens (no whoosh QueryParser on the hot path)."""
    must: list[Q.Query] = []
    must_not: list[Q.Query] = []
    filters: list[Q.Query] = []
    for c in parsed.clauses:
        if c.kind == "words":
            q = _words_clause(c.text, reader, c.prefix)
        elif c.kind == "phrase":
            q = _phrase_clause(c.text, reader)
        else:
            q = _filter_clause(c, reader)
            if q is not None and not c.negated:
                filters.append(q)
                continue
        if q is None:
            continue
        (must_not if c.negated else must).append(q)
    if not must and not filters:
        return None
    if filters:
        # filters narrow without changing the ranking among the remaining projects
        must.extend(compat.ZeroScore(f) for f in filters)
    q = must[0] if len(must) == 1 else words_and(must)
    if must_not:
        q = Q.AndNot(q, _any(must_not))
    # Title words raise the score without deciding the match (content holds the title too):
    # an optional matcher skips along the short title lists, where an Or per word made every
    # AND walk two lists per word (two-word AND p95 100 -> 65 ms CPU at 100,000 projects).
    titles: list[Q.Query] = []
    for c in parsed.positive:
        if c.kind == "filter" or c.prefix:
            continue
        for w in analyzer.query_words(c.text):
            if reader.doc_frequency("title", w):
                titles.append(Q.Term("title", w))
    if titles:
        q = Q.AndMaybe(q, titles[0] if len(titles) == 1 else Q.Or(titles))
    return q
