"""The navigation's pages, in one registry: a page is added with one line.

Other issues plug their pages in here, e.g. in their own module
``pages.register(PageSpec("teams", QT_TRANSLATE_NOOP("Pages", "Teams"), TeamsPage, order=40))``
and add the import to PLUGINS below. Until a page's module exists the navigation shows a
placeholder that says what will be there.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


@dataclass
class PageSpec:
    key: str
    title: str  # English source; shown through QCoreApplication.translate("Pages", title)
    factory: Callable[..., QWidget] | None  # factory(ctx) -> QWidget; None: a placeholder
    order: int = 100
    roles: frozenset[str] | None = None  # None: everyone
    placeholder: str = ""  # English source, translated in context "Pages"
    shortcut: str = ""
    counts: bool = False  # shows a number after its title (e.g. unread notices)
    extra: dict = field(default_factory=dict)

    def label(self) -> str:
        return QCoreApplication.translate("Pages", self.title)


_REGISTRY: dict[str, PageSpec] = {}

# Modules that register pages of other issues when they exist (import errors are ignored).
PLUGINS = ["app.ui.teams_page", "app.ui.incubation_board", "app.ui.warnings_panel", "app.ui.stats_page", "app.ui.studios_page"]


def register(spec: PageSpec) -> None:
    """Add or replace a page (a later module replaces its placeholder under the same key)."""
    _REGISTRY[spec.key] = spec


def specs(role: str) -> list[PageSpec]:
    for module in PLUGINS:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
    return sorted((s for s in _REGISTRY.values() if s.roles is None or role in s.roles), key=lambda s: s.order)


class Placeholder(QWidget):
    """A page that is not built yet, saying so plainly."""

    def __init__(self, spec: PageSpec, ctx=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        layout = QVBoxLayout(self)
        title = QLabel(f"<h2>{spec.label()}</h2>")
        text = QLabel(QCoreApplication.translate("Pages", spec.placeholder or "This page is coming in a later version."))
        text.setWordWrap(True)
        for w in (title, text):
            w.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(w)
        layout.addStretch()
        layout.insertStretch(0)


# Placeholders for the pages other issues build; their modules replace them by key.
register(PageSpec("teams", QT_TRANSLATE_NOOP("Pages", "Teams"), None, order=50,
                  placeholder=QT_TRANSLATE_NOOP("Pages", "Tackling teams and the maker alliance will be shown here: "
                                                         "forming a team around a project, open calls and members.")))
register(PageSpec("incubation", QT_TRANSLATE_NOOP("Pages", "Incubation"), None, order=60,
                  placeholder=QT_TRANSLATE_NOOP("Pages", "Requests to the incubation base will be shown here: "
                                                         "prototype processing, volume production and market promotion.")))
register(PageSpec("stats", QT_TRANSLATE_NOOP("Pages", "Statistics"), None, order=70,
                  placeholder=QT_TRANSLATE_NOOP("Pages", "Statistics by unit, studio, category and year will be "
                                                         "shown here.")))
register(PageSpec("studios", QT_TRANSLATE_NOOP("Pages", "Studios"), None, order=80,
                  placeholder=QT_TRANSLATE_NOOP("Pages", "The innovation studios, their leaders and members will "
                                                         "be shown here.")))
