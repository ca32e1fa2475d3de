"""Plain-text tables that line up with Chinese (wide) characters."""
from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def clip(text: str, limit: int) -> str:
    out, used = "", 0
    for c in text:
        w = 2 if unicodedata.east_asian_width(c) in "WF" else 1
        if used + w > limit - 1 and width(text) > limit:
            return out + "…"
        out, used = out + c, used + w
    return out


def render(headers: Sequence[str], rows: Sequence[Sequence[object]], limits: Sequence[int] | None = None) -> str:
    cells = [[str(h) for h in headers]] + [["" if v is None else str(v) for v in r] for r in rows]
    if limits:
        cells = [[clip(c, lim) for c, lim in zip(r, limits)] for r in cells]
    widths = [max(width(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(c + " " * (w - width(c)) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
