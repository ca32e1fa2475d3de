"""Tools menu: deliver the warnings now; and, with every window, delivery shortly after sign-in and
every hour (warning_delivery.py: each warning reaches each person once, however many windows and
sites run it). The status bar says when this window last delivered and what."""
from __future__ import annotations

import datetime as dt
import logging
import weakref
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from app.core import warning_delivery
from app.ui.context import UiContext
from app.ui.i18n import QT_TRANSLATE_NOOP
from app.ui.tools import ToolSpec, register

log = logging.getLogger(__name__)
FIRST_MS = 15_000  # after sign-in, once the window has shown its first page
EVERY_MS = 3_600_000
_STATUS: weakref.WeakKeyDictionary[UiContext, DeliveryStatus] = weakref.WeakKeyDictionary()  # one per window's context


class DeliveryStatus(QLabel):
    """Runs the delivery on the worker on a timer; shows the last run's result."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("muted")
        self.timer = QTimer(self)
        self.timer.setInterval(EVERY_MS)
        self.timer.timeout.connect(self.deliver)
        self.timer.start()
        QTimer.singleShot(FIRST_MS, self, self.deliver)
        _STATUS[ctx] = self

    def deliver(self, tell: bool = False) -> None:
        bank = self.ctx.bank
        self.ctx.write(lambda: warning_delivery.deliver(bank), done=lambda ch: self.show_result(ch, tell),
                       failed=self.failed, label=self.tr("Delivering warnings"))

    def show_result(self, changes: Any, tell: bool = False) -> None:
        result = changes.value
        summary = (self.tr("{n} new notices and {d} digests; {w} warnings in all")
                   .replace("{n}", str(result.delivered)).replace("{d}", str(result.digests))
                   .replace("{w}", str(result.warnings)))
        self.setText(self.tr("Warnings delivered {time}").replace("{time}", dt.datetime.now().strftime("%H:%M")))
        self.setToolTip(summary)
        if tell:
            self.ctx.sig_message.emit(summary)

    def failed(self, error: BaseException) -> None:
        # A busy or unreachable database is no reason to interrupt the person: the next run retries.
        log.warning("warning delivery failed: %s", error)
        self.setText(self.tr("Warnings not delivered"))
        self.setToolTip(str(error))


def _status(ctx: UiContext, parent: QWidget) -> QWidget:
    return DeliveryStatus(ctx, parent)


def _deliver(ctx: UiContext, parent: QWidget) -> None:
    status = _STATUS.get(ctx)
    if status is not None:
        status.deliver(tell=True)


register(ToolSpec("warning_delivery", QT_TRANSLATE_NOOP("Tools", "Deliver warnings now"), _deliver, order=40,
                  tooltip=QT_TRANSLATE_NOOP("Tools", "Send every warning to the inbox of whoever must act on it, "
                                                     "once, and the day's digest to leaders"),
                  status=_status))
