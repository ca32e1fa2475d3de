"""Pages and tools plug into the window through their registries, without edits to the window."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QVBoxLayout

pytestmark = pytest.mark.gui


@pytest.fixture
def plugged():
    """A page that shows "thing" records and contributes an action, and a tool for leaders only."""
    from app.ui import pages, tools

    class ThingPage(pages.Page):
        def __init__(self, ctx):  # type: ignore[no-untyped-def]
            super().__init__(ctx)
            self.shown: list[str] = []
            self.reloads = 0
            self.action = QAction("Thing action", self)
            QVBoxLayout(self).addWidget(QLabel("things"))

        def reload(self) -> None:
            self.reloads += 1

        def select_record(self, entity: str, entity_id: str) -> bool:
            self.shown.append(entity_id)
            return entity_id.startswith("t")

        def page_actions(self) -> list[QAction]:
            return [self.action]

    ran: list[object] = []
    pages.register(pages.PageSpec("things", "Things", ThingPage, order=99, entities=frozenset({"thing"})))
    tools.register(tools.ToolSpec("thing_tool", "Count things", lambda ctx, parent: ran.append(ctx), order=1,
                                  roles=frozenset({"leader"})))
    yield ran
    pages._REGISTRY.pop("things")
    tools._REGISTRY.pop("thing_tool")


def _window(qtbot, ctx):  # type: ignore[no-untyped-def]
    from app.ui.main_window import MainWindow
    window = MainWindow(ctx, start_search=False)
    qtbot.addWidget(window)
    window.show()
    return window


def test_a_registered_page_is_shown_asked_for_records_and_contributes_actions(qtbot, bank, people, make_ctx, plugged):
    ctx = make_ctx(people["L001"])
    window = _window(qtbot, ctx)
    keys = [s.key for s in window.specs]
    assert "things" in keys
    assert window.open_record("thing", "t1") is True  # routed to the page that lists "thing"
    page = window.page("things")
    assert page.shown == ["t1"] and window.current_page() is page
    assert page.action in window._toolbar.actions()  # its action sits in the toolbar while current
    assert window.open_record("thing", "x9") is False and page.shown == ["t1", "x9"]
    assert window.open_record("nobody-lists-this", "1") is False
    window.refresh()
    assert page.reloads == 1
    window.show_page("bank")
    assert page.action not in window._toolbar.actions()  # and leaves with the page


def test_tools_menu_lists_registered_tools_for_their_roles(qtbot, bank, people, make_ctx, plugged):
    leader = _window(qtbot, make_ctx(people["L001"]))
    (action,) = [a for a in leader.tools_menu.actions() if a.objectName() == "tool_thing_tool"]
    action.trigger()
    assert plugged == [leader.ctx]
    worker = _window(qtbot, make_ctx(people["W001"]))
    assert not [a for a in worker.tools_menu.actions() if a.objectName() == "tool_thing_tool"]
