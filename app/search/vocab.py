"""Category and status names as the query language accepts them (code, 中文 or English).

The labels are the core's (app/core/vocab.py): one vocabulary for the whole program.
"""
from __future__ import annotations

from app.core import vocab as core_vocab

# Words people use for a status that is not its label.
_SYNONYMS = {"status": {"待评审": "submitted", "实施中": "in_progress", "pending": "submitted"}}


def table(kind: str) -> dict[str, tuple[str, str]]:
    found = core_vocab.CATEGORIES if kind == "category" else core_vocab.STATUSES
    return {code: (labels[0], labels[1]) for code, labels in found.items()}


def match(kind: str, text: str) -> list[str]:
    """Codes whose code or label equals `text`, else whose label contains it (发明 -> invention)."""
    needle = text.strip().lower().replace(" ", "").replace("-", "_")
    if not needle:
        return []
    entries = table(kind)
    synonym = _SYNONYMS.get(kind, {}).get(needle)
    if synonym:
        return [synonym]
    exact = [code for code, (zh, en) in entries.items()
             if needle in (code.lower(), zh.lower(), en.lower().replace(" ", ""))]
    if exact:
        return exact
    return [code for code, (zh, en) in entries.items()
            if needle in zh.lower() or needle in en.lower().replace(" ", "")]


def label(kind: str, code: str) -> str:
    zh_en = table(kind).get(code)
    return zh_en[0] if zh_en else code
