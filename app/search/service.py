"""What the GUI and the CLI call: search, similar ideas, reindex and sync over one bank.

The service owns the index folder (<data folder>/search/index), rebuilds it when it is
missing, outdated or damaged, and drains the change queue before answering, so callers never
see the engine or its failures other than as IdeaBankErrors with a message to act on:
SearchUnavailable (damaged beyond a rebuild, a full disk, an unusable folder, an untested
whoosh), SearchFailed (a bug: logged with its traceback, the index left alone) and
ValidationError (a query that is not text).
"""
from __future__ import annotations

import contextlib
import errno
import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from app.core.actor import Actor
from app.core.errors import IdeaBankError, ValidationError
from app.search import feed
from app.search.index import Cancel, Cancelled, IndexBusy, IndexCorrupt, IndexUnavailable, Progress, SearchIndex
from app.search.query import Snippet, parse, snippet
from app.search.whoosh_compat import IncompatibleWhoosh, WorkerFailed

if TYPE_CHECKING:
    from app.core.bank import Bank

log = logging.getLogger(__name__)
T = TypeVar("T")


class SearchUnavailable(IdeaBankError):
    """The index could not be used even after a rebuild; the message says what to do."""

    exit_code = 7


class SearchFailed(IdeaBankError):
    """A bug in the search code (logged with its traceback); the index was left as it is."""

    exit_code = 1


@dataclass
class ResultRow:
    id: str
    score: float
    number: str
    title: str
    category: str
    status: str
    snippet: Snippet

    def as_dict(self) -> dict[str, object]:
        return {"id": self.id, "number": self.number, "title": self.title, "score": round(self.score, 4),
                "category": self.category, "status": self.status, "snippet": self.snippet.text,
                "highlights": [list(s) for s in self.snippet.spans]}


@dataclass
class SearchPage:
    query: str
    total: int
    rows: list[ResultRow]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    offset: int = 0

    def as_dict(self) -> dict[str, object]:
        return {"query": self.query, "total": self.total, "offset": self.offset,
                "results": [r.as_dict() for r in self.rows], "facets": self.facets}


def _message(zh: str, en: str, **kw: object) -> str:
    try:
        from app.core.i18n import t

        return t(zh, en, **kw)
    except Exception:  # the search package also runs without core (bench)
        return (zh + " / " + en).format(**kw)


def _unavailable(exc: IndexUnavailable | OSError, path: Path) -> SearchUnavailable:
    cause = exc.cause if isinstance(exc, IndexUnavailable) else exc
    code = getattr(cause, "errno", None)
    if code in (errno.ENOSPC, errno.EDQUOT):
        return SearchUnavailable(_message(
            "磁盘已满，搜索索引无法更新（{path}）。请腾出空间后重试；已做的修改都在数据库中，不会丢失。",
            "The disk is full: the search index cannot be updated ({path}). Free some space and try again; "
            "every change is safe in the database.", path=path.parent))
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return SearchUnavailable(_message(
            "搜索索引文件夹不可写或不可读（{path}）：请检查其权限。",
            "The search index folder cannot be written or read ({path}): check its permissions.", path=path))
    return SearchUnavailable(_message(
        "搜索索引无法使用：{err}（{path}）。", "The search index cannot be used: {err} ({path}).", err=exc, path=path))


def check_text(text: str) -> None:
    """A query must be text: invalid UTF-8 (a terminal's bytes reach Python as lone surrogates)
    gets one clear line instead of reaching the segmenter."""
    try:
        (text or "").encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValidationError(_message(
            "搜索内容含有无效字符（第 {pos} 个字符不是有效的 UTF-8 文本），请重新输入。",
            "The search text holds an invalid character (character {pos} is not valid UTF-8); type it again.",
            pos=exc.start + 1)) from None


class SearchService:
    def __init__(self, bank: Bank, index_dir: Path | str | None = None, procs: int | None = None):
        """`procs`: worker processes for a full rebuild (None: 2 for big banks). A frozen
        (PyInstaller) build must call multiprocessing.freeze_support() first, or pass 1."""
        self.bank = bank
        self.procs = procs
        self.index_dir = Path(index_dir) if index_dir else Path(bank.data_dir) / "search" / "index"
        self._index: SearchIndex | None = None
        self._lock = threading.RLock()

    # --- lifecycle ---------------------------------------------------------------------------

    @property
    def index(self) -> SearchIndex:
        with self._lock:
            if self._index is None:
                self._index = SearchIndex(self.index_dir)
            return self._index

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        """The index's failures as the messages a person can act on."""
        try:
            yield
        except (IdeaBankError, Cancelled):
            raise
        except IncompatibleWhoosh as exc:
            raise SearchUnavailable(_message("搜索不可用：{err}", "Search is unavailable: {err}", err=exc)) from exc
        except IndexUnavailable as exc:
            raise _unavailable(exc, self.index_dir) from exc
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EACCES, errno.EPERM, errno.EROFS):
                raise _unavailable(exc, self.index_dir) from exc
            raise self._bug(exc) from exc
        except IndexCorrupt as exc:
            raise SearchUnavailable(_message(
                "搜索索引无法使用：{err}。请运行 `ideabank reindex`，或删除 {path} 后重启。",
                "The search index cannot be used: {err}. Run `ideabank reindex`, or delete {path} and restart.",
                err=exc, path=self.index_dir)) from exc
        except WorkerFailed as exc:
            raise SearchUnavailable(_message("重建搜索索引失败：{err}", "Rebuilding the search index failed: {err}",
                                             err=exc)) from exc
        except Exception as exc:
            raise self._bug(exc) from exc

    def _bug(self, exc: Exception) -> SearchFailed:
        log.error("search failed (a bug; the index at %s was left as it is)", self.index_dir, exc_info=exc)
        return SearchFailed(_message(
            "搜索出错：{err}。这是程序缺陷，详情已记入日志；搜索索引未作改动。",
            "Search failed: {err}. This is a bug, logged with its details; the search index was left as it is.",
            err=f"{type(exc).__name__}: {exc}"))

    def needs_rebuild(self) -> bool:
        return self.index.needs_rebuild

    def ensure_ready(self, progress: Progress | None = None, cancel: Cancel | None = None) -> None:
        """Rebuild if the index is missing/outdated/damaged, then apply queued changes."""
        with self._errors(), self._lock:
            self._ensure_ready(progress, cancel)

    def _ensure_ready(self, progress: Progress | None = None, cancel: Cancel | None = None) -> None:
        if self.index.needs_rebuild:
            log.info("search index %s (%s): rebuilding", self.index_dir, self.index.reason)
            self._reindex(progress, cancel)
        else:
            self._sync()

    def reindex(self, progress: Progress | None = None, cancel: Cancel | None = None) -> int:
        with self._errors(), self._lock:
            return self._reindex(progress, cancel)

    def _reindex(self, progress: Progress | None = None, cancel: Cancel | None = None) -> int:
        return feed.reindex(self.bank, self.index, progress, cancel, procs=self.procs)

    def sync(self) -> int:
        """Index what changed since the last sync; a busy index leaves the queue for next time."""
        with self._errors(), self._lock:
            return self._sync()

    def _sync(self) -> int:
        if self.index.needs_rebuild:
            return 0
        try:
            return feed.sync_index(self.bank, self.index)
        except IndexBusy:
            log.info("search index busy in another process; queued changes wait")
            return 0
        except IndexCorrupt as exc:
            log.warning("search index damaged (%s); rebuilding", exc)
            self._reindex()
            return 0

    def close(self) -> None:
        with self._lock:
            if self._index is not None:
                self._index.close()
                self._index = None

    # --- queries -----------------------------------------------------------------------------

    def _run(self, fn: Callable[[SearchIndex], T]) -> T:
        with self._errors():
            if self._lock.acquire(blocking=False):
                try:
                    self._ensure_ready()
                finally:
                    self._lock.release()
            elif self.index.needs_rebuild:
                # a rebuild is running in another thread and there is nothing to search meanwhile
                with self._lock:
                    self._ensure_ready()
            # else: a reindex or sync is running in another thread; search the live index meanwhile
            try:
                return fn(self.index)
            except IndexCorrupt as exc:
                # only damage to the files gets here (whoosh_compat.is_damage): rebuild once
                log.warning("search index damaged during a query (%s); rebuilding", exc)
                with self._lock:
                    self.index.needs_rebuild = True
                    self._ensure_ready()
                return fn(self.index)  # damaged again: _errors says to reindex

    def search(self, text: str, limit: int = 20, offset: int = 0, facets: bool = False,
               count: bool = True, viewer: Actor | None = None) -> SearchPage:
        """Ranked projects for the search box's text; never raises for odd input.

        `count=False` skips the exact total (a second pass over every match: about half the
        time at 100,000 projects); `total` is then only a lower bound. Search-as-you-type can
        ask for the count once the user pauses.
        """
        check_text(text)
        parsed = parse(text)
        hidden = self._hidden(viewer)
        res = self._run(lambda ix: ix.search(parsed, limit=limit, offset=offset, facets=facets, count=count,
                                             hidden=hidden))
        rows = self._rows([(h.id, h.score) for h in res.hits], res.terms, viewer)
        return SearchPage(text, res.total, rows, res.facets, offset)

    def similar(self, project_id: str | None = None, text: str | None = None, limit: int = 10,
                viewer: Actor | None = None) -> SearchPage:
        """Existing projects most like a project (by id) or like a draft's text."""
        exclude = []
        if project_id:
            docs, _gone = feed.docs_for_ids(self.bank, [project_id])
            if not docs:
                from app.core.errors import NotFound

                raise NotFound(_message("没有编号为 {id} 的项目。", "No project with id {id}.", id=project_id))
            d = docs[0]
            text = "\n".join([d.title, d.title, d.body, " ".join(d.tags)])
            exclude = [project_id]
        check_text(text or "")
        hidden = self._hidden(viewer)
        res = self._run(lambda ix: ix.more_like_this(text or "", limit=limit, exclude=exclude, hidden=hidden))
        rows = self._rows([(h.id, h.score) for h in res.hits], res.terms, viewer)
        return SearchPage(project_id or (text or "")[:40], len(rows), rows)

    def _hidden(self, viewer: Actor | None) -> list[str]:
        """Ids of the projects `viewer` may not see (queries.visible_to, the SQL form of
        permissions.may_see): the index holds every project, so hits, totals and facets leave
        these out."""
        if viewer is None:
            return []
        from sqlalchemy import not_, select

        from app.core.queries import visible_to
        from db.models import Project

        clause = visible_to(viewer)
        if clause is None:
            return []
        with self.bank.session() as s:
            return list(s.scalars(select(Project.id).where(not_(clause))))

    def _rows(self, scored: list[tuple[str, float]], terms: list[str], viewer: Actor | None = None) -> list[ResultRow]:
        """Result rows read back from the database; with a viewer, secret projects they may not
        see are left out (the index holds every project; visibility is the core's rule)."""
        if not scored:
            return []
        from sqlalchemy import select

        from app.core.queries import visible_to
        from db.models import Project

        stmt = select(Project).where(Project.id.in_([i for i, _ in scored]))
        clause = visible_to(viewer) if viewer is not None else None
        if clause is not None:
            stmt = stmt.where(clause)
        with self.bank.session() as s:
            found = {p.id: p for p in s.scalars(stmt)}
        rows = []
        for pid, score in scored:
            p = found.get(pid)
            if p is None:  # deleted after the last sync (the next sync drops it), or not visible
                continue
            text = "\n".join(x for x in (p.title, p.background, p.solution, "\n".join(p.innovation_points or []),
                                          p.implementation) if x)
            # the body shows more than the title the list already displays; fall back to the
            # title, then to comments (a match may sit only there)
            body_only = "\n".join(x for x in (p.background, p.solution, p.implementation) if x)
            snip = snippet(body_only or text, terms)
            if not snip.spans:
                snip = snippet(text, terms)
            if not snip.spans and p.comment_count:
                with self.bank.session() as s:
                    from db.models import Comment

                    bodies = s.scalars(select(Comment.body).where(Comment.project_id == pid).limit(50)).all()
                alt = snippet("\n".join(bodies), terms)
                if alt.spans:
                    snip = alt
            rows.append(ResultRow(pid, score, p.number or "", p.title or "", p.category or "", p.status or "", snip))
        return rows
