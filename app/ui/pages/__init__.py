"""The navigation's pages: a registry, and the small interface the window knows pages by.

A page is a module in this package that calls `register(PageSpec(...))` when imported; the
window discovers the modules itself, so adding a page edits neither the window nor this file.
The window talks to a page only through `Page`: it shows and reloads it, passes it the toolbar
search, asks it for the selected project and to show a record, and puts its actions in the
toolbar while it is current. Pages refresh themselves from `ctx.sig_changes` (the `Changes`
every core write returns), and ask for other records to be shown with `sig_open_record`.
"""
from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from app.ui.context import UiContext
from app.ui.i18n import QT_TRANSLATE_NOOP


class Page(QWidget):
    """A page of the navigation. Override what the page needs; the defaults do nothing."""

    sig_badge = Signal(int)
    """A number to show after the page's title in the navigation (e.g. unread notices); 0 hides it."""
    sig_open_record = Signal(str, str)
    """Ask the window to show a record, (entity, id): "project", or an entity some page lists in
    its spec's `entities` (e.g. "incubation", "call")."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def reload(self) -> None:
        """Read everything again (F5, or after the window was told the data changed elsewhere)."""

    def reload_after_changes(self, wanted: Callable[[Any], bool], msecs: int = 300) -> QTimer:
        """Reload a moment after each write whose Changes `wanted` accepts, so a burst of writes (an
        import, a sync) reloads once. Returns the timer (start it to reload after filters change)."""
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(msecs)
        timer.timeout.connect(self.reload)
        self.ctx.sig_changes.connect(lambda changes: timer.start() if wanted(changes) else None)
        return timer

    def select_record(self, entity: str, entity_id: str) -> bool:
        """Show this record if the page has it; False when it does not."""
        return False

    def set_search(self, text: str, ids: list[str] | None) -> None:
        """The toolbar search changed: `ids` are the hits best first, None when there is no search.
        Only pages whose spec says `follows_search` are told."""

    def current_project_id(self) -> str | None:
        """The project the person is looking at on this page, if any (the Export menu uses it)."""
        return None

    def page_actions(self) -> list[QAction]:
        """Actions shown in the toolbar while this page is current."""
        return []

    def save_state(self) -> None:
        """Remember layout (column widths, splitters) before the window closes."""


@dataclass
class PageSpec:
    key: str
    title: str  # English source; shown through QCoreApplication.translate("Pages", title)
    factory: Callable[..., Page]  # factory(ctx) -> the page, built on its first visit
    order: int = 100
    roles: frozenset[str] | None = None  # None: everyone
    counts: bool = False  # shows the page's sig_badge number after its title
    # The number after its title before the page is first built, and after every write: badge(ctx) -> int
    # (a cheap count from the core, e.g. unread notices). A built page may still emit sig_badge.
    badge: Callable[[UiContext], int] | None = None
    follows_search: bool = False  # receives the toolbar search (set_search)
    entities: frozenset[str] = frozenset()  # records this page can show (select_record)
    icon: str = ""  # a Tabler icon name in resources/icons/tabler (app/ui/icons.py), for the navigation
    extra: dict[str, Any] = field(default_factory=dict)

    def label(self) -> str:
        return QCoreApplication.translate("Pages", self.title)


_REGISTRY: dict[str, PageSpec] = {}


def register(spec: PageSpec) -> None:
    """Add or replace a page (a later module replaces a placeholder under the same key)."""
    _REGISTRY[spec.key] = spec


def _discover() -> None:
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")


def specs(role: str) -> list[PageSpec]:
    """The pages this role sees, in navigation order."""
    _discover()
    return sorted((s for s in _REGISTRY.values() if s.roles is None or role in s.roles), key=lambda s: s.order)


__all__ = ["Page", "PageSpec", "QT_TRANSLATE_NOOP", "register", "specs"]
