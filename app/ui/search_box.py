"""Searching from the toolbar: queries run on the worker, and a stale answer is dropped.

The search service (app/search/service.py) is used when it is installed and works; otherwise the
list is filtered by title, so the box is never dead.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from app.core import choices
from app.core.actor import Actor
from app.core.bank import Bank
from app.core.errors import IdeaBankError
from app.ui.context import UiContext

if TYPE_CHECKING:  # imported when used: search is optional for the window
    from app.search.service import SearchService

TABLE_LIMIT = 2000  # search hits put in the table, best first


def make_service(bank: Bank) -> SearchService | None:
    try:
        from app.search.service import SearchService
    except Exception:  # noqa: BLE001 - search is optional for the window
        return None
    return SearchService(bank)


def find_ids(bank: Bank, service: SearchService | None, text: str, limit: int = TABLE_LIMIT,
             notify: Callable[[str], None] | None = None) -> list[str]:
    # Unfiltered ids: the table's filter carries the viewer, so secret projects drop out there.
    if service is not None:
        try:
            return [r.id for r in service.search(text, limit=limit).rows]
        except IdeaBankError as exc:  # a full disk, a bug (logged by the service): said, not hidden
            if notify is not None:
                notify(exc.message)
        except Exception:  # noqa: BLE001 - fall back to the title filter rather than show nothing
            pass
    return choices.title_ids(bank, text, limit)


def similar(bank: Bank, service: SearchService | None, text: str, limit: int = 5, viewer: Actor | None = None) -> list[tuple[str, str, str]]:
    """(id, number, title) of existing projects like the text being typed."""
    if service is None or len(text.strip()) < 4:
        return []
    try:
        return [(r.id, r.number, r.title) for r in service.similar(text=text, limit=limit, viewer=viewer).rows]
    except Exception:  # noqa: BLE001
        return []


class Searcher(QObject):
    """Debounces typing, runs each query on the worker, delivers only the newest answer."""

    sig_results = Signal(str, object)
    """(query text, list of ids or None when the box was cleared)."""

    def __init__(self, ctx: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.service: SearchService | None = None
        self.ready = False  # the index is built and synced; until then the title filter answers
        self._generation = 0
        self._text = ""
        self.ids: list[str] | None = None  # the newest answer's hits, best first; None without a search
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._run)

    @property
    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        self._text = text.strip()
        self._generation += 1  # any answer still on its way is now stale
        if not self._text:
            self._timer.stop()
            self.ids = None
            self.sig_results.emit("", None)
        else:
            self._timer.start()

    def search_now(self) -> None:
        self._timer.stop()
        self._run()

    def _run(self) -> None:
        text, generation, bank = self._text, self._generation, self.ctx.bank
        if not text:
            return
        service = self.service if self.ready else None

        def done(ids: list[str]) -> None:
            if generation == self._generation:
                self.ids = ids
                self.sig_results.emit(text, ids)
        # Reads go to their own thread, so a query never waits behind a long write or an index build.
        # the title filter answers meanwhile; the status bar says why (sig_message is queued to the GUI)
        self.ctx.reader.submit(lambda state: find_ids(bank, service, text, notify=self.ctx.sig_message.emit),
                               done=done,
                               failed=lambda e: self.ctx.show_error(e, None), label="search")

