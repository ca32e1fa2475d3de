"""Tools menu: synchronise with the central hub, and when this site last did (status bar)."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.ui.context import UiContext
from app.ui.i18n import QT_TRANSLATE_NOOP
from app.ui.tools import ToolSpec, register


def _sync(ctx: UiContext, parent: QWidget) -> None:
    from app.ui.dialogs.sync import SyncActions
    SyncActions.of(ctx).start(parent=parent)


def _status(ctx: UiContext, parent: QWidget) -> QWidget:
    from app.ui.dialogs.sync import SyncStatus
    return SyncStatus(ctx, parent)


register(ToolSpec("sync", QT_TRANSLATE_NOOP("Tools", "Synchronise with hub…"), _sync, order=30, shortcut="F9",
                  tooltip=QT_TRANSLATE_NOOP("Tools", "Send this computer's changes to the central hub and take "
                                                     "everyone else's"),
                  status=_status))
