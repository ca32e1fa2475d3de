from __future__ import annotations

from tests.sheets.office import NOTE, SOFFICE


def pytest_terminal_summary(terminalreporter):
    if not SOFFICE:
        terminalreporter.write_line(f"note: {NOTE}")
