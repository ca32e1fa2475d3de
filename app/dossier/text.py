"""Turn user values into safe Paragraph markup and printable strings.

reportlab's Paragraph parses its text as markup: unescaped user text can
raise (``I<b``), restyle (``<font size=40>``), embed a local file
(``<img src=...>``) or make a live link. Every user value goes through
``para()`` before it reaches a Paragraph.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timezone
from xml.sax.saxutils import escape

from app.dossier import fonts

# C0/C1 control characters other than tab and newline have no glyph and some
# (NUL) upset PDF viewers; they are dropped, everything else is kept.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_UNBROKEN = 60  # a run of Latin "word" characters longer than this gets break chances


def clean(value: object) -> str:
    """A user value as plain text: str(), line ends unified, control characters removed."""
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return _CONTROL.sub("", text)


def para(value: object, *, empty: str = "") -> str:
    """Markup for a Paragraph that shows ``value`` literally, line breaks kept."""
    text = clean(value).strip("\n")
    if not text.strip():
        return escape(empty)
    return "<br/>".join(_markup_line(line) for line in text.split("\n"))


def _markup_line(line: str) -> str:
    parts = []
    for font, run in fonts.glyph_router().runs(line):
        run = escape(run)
        parts.append(run if font is None else f'<font name="{font}">{run}</font>')
    return "".join(parts)


def paragraphs(value: object) -> list[str]:
    """Markup per paragraph (split on blank or single line ends) for long sections.

    One Paragraph per source paragraph keeps a 20,000-character field cheap to
    lay out and lets it flow over pages.
    """
    text = clean(value).strip("\n")
    return [_markup_line(p) for p in text.split("\n") if p.strip()]


def one_line(value: object, limit: int | None = None) -> str:
    """Plain text on one line (for bookmarks, metadata, the cover), optionally shortened."""
    text = " ".join(clean(value).split())
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def money(value: float | None) -> str:
    if value is None:
        return ""
    if abs(value) >= 10000:
        return f"{value / 10000:,.2f} 万元"
    return f"{value:,.2f} 元"


def years(value: float | None) -> str:
    if value is None:
        return ""
    if value < 1:
        return f"{value * 12:.1f} 个月"
    return f"{value:.2f} 年"


def local_date(value: date | datetime) -> date:
    """Store datetimes are UTC (naive ones too); people read the date where they are."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.astimezone().date()
    return value


def ymd(value: date | datetime | None) -> str:
    if value is None:
        return ""
    value = local_date(value)
    return f"{value.year}年{value.month}月{value.day}日"


_CN_DIGITS = "〇一二三四五六七八九"


def chinese_year_month(value: date) -> str:
    """二〇二五年十一月: how official covers print the date."""
    year = "".join(_CN_DIGITS[int(c)] for c in str(value.year))
    m = value.month
    month = {10: "十", 11: "十一", 12: "十二"}[m] if m >= 10 else _CN_DIGITS[m]
    return f"{year}年{month}月"


def size(num_bytes: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if num_bytes < 1024 or unit == "GB":
            return f"{num_bytes:.0f} {unit}" if unit == "B" else f"{num_bytes:.1f} {unit}"
        num_bytes /= 1024
    return ""
