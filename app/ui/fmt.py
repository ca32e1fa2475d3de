"""Dates and numbers in the locale's format (QLocale.setDefault follows the chosen language)."""
from __future__ import annotations

import datetime as dt
from typing import cast

from PySide6.QtCore import QDate, QDateTime, QLocale, QTimeZone


def _qdt(value: dt.datetime | str | None) -> QDateTime | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return QDateTime.fromSecsSinceEpoch(int(value.timestamp()), QTimeZone.systemTimeZone())


def py_date(value: QDate) -> dt.date:
    """A date field's day as Python's date (what QDate.toPython() returns; PySide6's stubs say `object`)."""
    return cast(dt.date, value.toPython())


def date(value: dt.datetime | str | None) -> str:
    q = _qdt(value)
    return QLocale().toString(q.date(), QLocale.FormatType.ShortFormat) if q else ""


def datetime(value: dt.datetime | str | None) -> str:
    q = _qdt(value)
    return QLocale().toString(q, QLocale.FormatType.ShortFormat) if q else ""


def money(value: float | None) -> str:
    """Yuan per year, grouped the locale's way, no decimals."""
    if value is None:
        return ""
    return QLocale().toString(float(value), "f", 0)


def integer(value: int | None) -> str:
    return "" if value is None else QLocale().toString(int(value))
