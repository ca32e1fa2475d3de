"""A git merge driver for Qt Linguist catalogues (resources/i18n/*.ts).

Two branches that each add strings to a .ts file touch neighbouring lines of one XML file, so
git's line merge conflicts although nothing really collides. This driver merges by message:
the union of both sides' messages per context, a message deleted on one side stays deleted,
and where both sides changed one message the finished translation wins (ours on a tie).

Set up once per clone (documented in docs/DEVELOPING.md):
    git config merge.ts.name "Qt .ts catalogue merge"
    git config merge.ts.driver "python3 packaging/ts_merge.py %O %A %B"
.gitattributes routes resources/i18n/*.ts to it. `make translations` afterwards rewrites the file
in lupdate's own order.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

_CONTEXT = re.compile(r"<context>\s*<name>(.*?)</name>\n(.*?)</context>", re.S)
_MESSAGE = re.compile(r"[ \t]*<message\b.*?</message>\n?", re.S)
_KEY_PARTS = re.compile(r"<message\b([^>]*)>|<source>(.*?)</source>|<comment>(.*?)</comment>", re.S)

Catalogue = dict[str, dict[str, str]]  # context -> message key -> message block


def _key(block: str) -> str:
    return "\x00".join("".join(g or "" for g in m.groups()) for m in _KEY_PARTS.finditer(block))


def parse(text: str) -> tuple[str, Catalogue]:
    head = text.split("<context>", 1)[0] if "<context>" in text else text.rsplit("</TS>", 1)[0]
    contexts: Catalogue = {}
    for name, body in _CONTEXT.findall(text):
        msgs = contexts.setdefault(name, {})
        for m in _MESSAGE.finditer(body):
            block = m.group(0).rstrip("\n") + "\n"
            msgs[_key(block)] = block
    return head, contexts


def _finished(block: str) -> bool:
    return 'type="unfinished"' not in block and 'type="vanished"' not in block and "<translation/>" not in block


def merge(base: Catalogue, ours: Catalogue, theirs: Catalogue) -> Catalogue:
    out: Catalogue = {}
    for ctx in sorted(set(ours) | set(theirs)):
        o, a, b = base.get(ctx, {}), ours.get(ctx, {}), theirs.get(ctx, {})
        merged: dict[str, str] = {}
        for key in list(a) + [k for k in b if k not in a]:
            if key in o and (key not in a or key not in b):
                continue  # deleted on one side
            if key in a and key in b and a[key] != b[key]:
                if a[key] == o.get(key) or (_finished(b[key]) and not _finished(a[key])):
                    merged[key] = b[key]
                else:
                    merged[key] = a[key]
            else:
                merged[key] = a.get(key) or b[key]
        if merged:
            out[ctx] = merged
    return out


def render(head: str, contexts: Catalogue) -> str:
    parts = [head.rstrip("\n") + "\n"]
    for name, msgs in contexts.items():
        parts.append(f"<context>\n    <name>{name}</name>\n" + "".join(msgs.values()) + "</context>\n")
    parts.append("</TS>\n")
    return "".join(parts)


def main(argv: list[str]) -> int:
    base_path, ours_path, theirs_path = (Path(p) for p in argv[1:4])
    _, base = parse(base_path.read_text(encoding="utf-8"))
    head, ours = parse(ours_path.read_text(encoding="utf-8"))
    _, theirs = parse(theirs_path.read_text(encoding="utf-8"))
    ours_path.write_text(render(head, merge(base, ours, theirs)), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
