"""Field-by-field merge of two versions of a row, by their clocks (docs/SYNC.md, "Merge rules").

A row's `versions` holds, for each field changed since the row was made, `[who, head, older...]`:
the clock of the current value first, then the clocks of the values it replaced. The clock of a
value never changed is the row's making, written "" here, which every history includes.

For one field, local value (clock `l`) against incoming value (clock `r`):
- `l == r`: the same value (a difference means a write that kept no clock: the row clock decides);
- `r` is in the local history: the incoming value is one this site has already replaced: keep;
- `l` is in the incoming history: the other site replaced ours: take theirs;
- neither: concurrent edits. The higher clock wins (hybrid logical clocks compare like times and
  never tie between sites); the merged history holds both, so neither side sees it as new again;
  the losing value is kept as a conflict (when the two values differ).

The rule depends only on the two versions, not on which side is local, so every site reaches the
same value whatever the order it hears of the edits in (it is commutative, associative and
idempotent: merging the same change twice changes nothing).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from db.sequence import HISTORY

CREATED = ""  # the clock of a value nobody changed since the row was made


def head(entry: list[Any] | None) -> str:
    return entry[1] if entry and len(entry) > 1 else CREATED


def history(entry: list[Any] | None) -> set[str]:
    return set(entry[1:]) | {CREATED} if entry else {CREATED}


def by(entry: list[Any] | None) -> str | None:
    return entry[0] if entry else None


@dataclass
class Collision:
    """Two concurrent values of one field: `winner` kept, `loser` recorded as a conflict."""

    field: str
    winner: Any
    winner_entry: list[Any] | None
    loser: Any
    loser_entry: list[Any] | None


@dataclass
class Merged:
    values: dict[str, Any] = field(default_factory=dict)  # fields to write (taken from the incoming row)
    versions: dict[str, Any] = field(default_factory=dict)  # the merged versions, every field
    collisions: list[Collision] = field(default_factory=list)
    took_all: bool = True  # the result is exactly the incoming row (so its site has it already)

    @property
    def changed(self) -> bool:
        return bool(self.values)


def merge_entries(a: list[Any], b: list[Any]) -> list[Any]:
    """Both histories, the winner's (higher) clock first."""
    winner = a if head(a) > head(b) else b
    clocks = sorted((set(a[1:]) | set(b[1:])), reverse=True)[:HISTORY]
    return [winner[0]] + clocks


def merge_row(fields: tuple[str, ...], local: dict[str, Any], incoming: dict[str, Any]) -> Merged:
    """Merge `incoming` into `local` (both: column values plus `versions` and `hlc`)."""
    lv: dict[str, Any] = dict(local.get("versions") or {})
    rv: dict[str, Any] = dict(incoming.get("versions") or {})
    out = Merged(versions=dict(lv))
    newer_row = (incoming.get("hlc") or "") > (local.get("hlc") or "")
    for name in fields:
        le, re = lv.get(name), rv.get(name)
        lval, rval = local.get(name), incoming.get(name)
        lh, rh = head(le), head(re)
        if lh == rh:
            if lval != rval:  # written without a clock (a bulk update): the later row wins
                if newer_row:
                    out.values[name] = rval
                else:
                    out.took_all = False
            continue
        if rh in history(le):
            out.took_all = False  # ours replaced theirs
            continue
        if lh in history(re):
            out.values[name] = rval
            out.versions[name] = re
            continue
        # concurrent: the merged history holds our clock, which theirs lacks, so they need it back
        out.versions[name] = merge_entries(le or [None], re or [None])
        out.took_all = False
        if rh > lh:
            out.values[name] = rval
            if lval != rval:
                out.collisions.append(Collision(name, rval, re, lval, le))
        elif lval != rval:
            out.collisions.append(Collision(name, lval, le, rval, re))
    return out


def unseen_edit(versions: dict[str, Any] | None, seen: dict[str, Any] | None) -> bool:
    """Whether a row has a field value that a deletion (which saw `seen`) did not know."""
    seen_versions = (seen or {}).get("versions") or {}
    for name, entry in (versions or {}).items():
        if name.startswith("_"):
            continue  # not a field (the row's maker)
        if head(entry) not in history(seen_versions.get(name)):
            return True
    return False


def after_deletion(versions: dict[str, Any] | None, hlc: str | None, seen: dict[str, Any] | None) -> str | None:
    """What a row is to a deletion that saw `seen`: "edited" (an edit it did not know: the row
    stays, flagged), "remade" (the same fact recorded again after it, e.g. a vote cast again: the
    row stays), or None (the deletion knew this row: it goes)."""
    if unseen_edit(versions, seen):
        return "edited"
    if (hlc or "") > str((seen or {}).get("hlc") or ""):
        return "remade"
    return None
