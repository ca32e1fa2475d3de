"""The colours that carry meaning (a status, a warning, an error, the icons), for each theme.

Every one is at least 4.5:1 (WCAG AA) against its theme's window, base and alternate-base colours;
tests/ui/test_theme.py computes each. The style sheets name them as `@key` (e.g. `@error`)."""
from __future__ import annotations

TEXT_COLOURS: dict[str, dict[str, str]] = {
    "light": {
        "status.adopted": "#256d29", "status.not_adopted": "#c62828", "status.under_review": "#9a4a00",
        "status.submitted": "#1565c0", "status.completed": "#6a1b9a", "status.incubating": "#00695c",
        "status.promoted": "#00695c",
        "warning.milestone_overdue": "#b71c1c", "warning.request_unanswered": "#9a4a00",
        "warning.application_unanswered": "#9a4a00", "warning.project_stuck": "#4b5563",
        "error": "#b71c1c", "ok": "#256d29", "muted": "#565d6b", "attention": "#9a4a00", "icon": "#4b5563",
    },
    "dark": {
        "status.adopted": "#81c784", "status.not_adopted": "#ff8a80", "status.under_review": "#ffb74d",
        "status.submitted": "#64b5f6", "status.completed": "#ce93d8", "status.incubating": "#4dd0c4",
        "status.promoted": "#4dd0c4",
        "warning.milestone_overdue": "#ff8a80", "warning.request_unanswered": "#ffcc66",
        "warning.application_unanswered": "#ffcc66", "warning.project_stuck": "#b8bec7",
        "error": "#ff8a80", "ok": "#81c784", "muted": "#a3abb5", "attention": "#ffcc66", "icon": "#c3c9d1",
    },
}
_current = ["light"]  # set by theme.apply


def current() -> str:
    return _current[0]


def colour(key: str) -> str | None:
    """The current theme's colour for a meaning ("status.adopted", "error", ...), or None."""
    return TEXT_COLOURS[_current[0]].get(key)
