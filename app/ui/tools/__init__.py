"""Window-wide tools (the toolbar's Tools menu): synchronise, exchange packages, check, back up...

A feature adds a tool with a module in this package that calls `register(ToolSpec(...))` when
imported; the window discovers the modules, so a new tool edits neither the window nor this
file. A tool runs with the UI context and a parent widget for its dialogs; long work goes to the
worker (`ctx.run`/`ctx.write`) so the window never waits.
"""
from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.ui.context import UiContext


@dataclass
class ToolSpec:
    key: str
    title: str  # English source; shown through QCoreApplication.translate("Tools", title)
    run: Callable[[UiContext, QWidget], object]  # run(ctx, parent); what it returns is not used
    order: int = 100
    roles: frozenset[str] | None = None  # None: everyone
    tooltip: str = ""  # English source, context "Tools"
    shortcut: str = ""
    # A small widget the tool keeps in the status bar (e.g. when the site last synchronised):
    # status(ctx, parent) -> QWidget, made once with the window.
    status: Callable[[UiContext, QWidget], QWidget] | None = None

    def label(self) -> str:
        return QCoreApplication.translate("Tools", self.title)


_REGISTRY: dict[str, ToolSpec] = {}


def register(spec: ToolSpec) -> None:
    _REGISTRY[spec.key] = spec


def specs(role: str) -> list[ToolSpec]:
    """The tools this role may use, in menu order."""
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")
    return sorted((s for s in _REGISTRY.values() if s.roles is None or role in s.roles), key=lambda s: s.order)
