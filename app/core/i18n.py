"""The core's message catalogue: every message is written in Chinese first, English second.

The GUI translates its own strings through Qt; the core's messages (errors, notices) are chosen
here by the active language, so the CLI and the GUI show the same words.
"""
from __future__ import annotations

import os

_language = os.environ.get("IDEABANK_LANG", "zh_CN")


def set_language(code: str) -> None:
    global _language
    _language = "en" if code.lower().startswith("en") else "zh_CN"


def language() -> str:
    return _language


def t(zh: str, en: str, **values: object) -> str:
    """Pick the message for the active language and fill in its {placeholders}."""
    text = en if _language == "en" else zh
    return text.format(**values) if values else text
