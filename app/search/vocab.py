"""Category and status names as the query language accepts them (code, 中文 or English).

The labels belong to app/core/vocab.py; the copy below only serves until that module is
importable (and keeps the search package usable on its own in tests and benchmarks).
"""
from __future__ import annotations

_FALLBACK = {
    "category": {
        "invention": ("小发明", "Invention"), "creation": ("小创造", "Creation"),
        "innovation": ("小革新", "Innovation"), "design": ("小设计", "Design"),
        "suggestion": ("小建议", "Suggestion"), "tech_challenge": ("技改攻关", "Technical challenge"),
        "management": ("管理创新", "Management innovation"), "qc": ("QC成果", "QC result"),
    },
    "status": {
        "draft": ("草稿", "Draft"), "submitted": ("已提交", "Submitted"),
        "under_review": ("评审中", "Under review"), "adopted": ("已采纳", "Adopted"),
        "not_adopted": ("未采纳", "Not adopted"), "in_progress": ("攻关中", "In progress"),
        "completed": ("已完成", "Completed"), "incubating": ("孵化中", "Incubating"),
        "promoted": ("已推广", "Promoted"),
    },
}
# Words people use for a status that is not its label.
_SYNONYMS = {"status": {"待评审": "submitted", "实施中": "in_progress", "pending": "submitted"}}


def table(kind: str) -> dict[str, tuple[str, str]]:
    try:
        from app.core import vocab as core_vocab

        found = getattr(core_vocab, "CATEGORIES" if kind == "category" else "STATUSES", None)
        if found:
            return {code: (labels[0], labels[1]) for code, labels in found.items()}
    except Exception:  # core not importable yet: use the copy
        pass
    return _FALLBACK[kind]


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
