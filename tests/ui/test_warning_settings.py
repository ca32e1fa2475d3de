"""The warning thresholds are set in the window, in the one settings place (the studio settings
dialog, opened from the warnings page at its Warnings tab), by whom the permission table allows:
a leader for their studio, an administrator for the site (and each studio from Organisation)."""
from __future__ import annotations

import pytest

from app.core import alerts
from tests.ui.conftest import wait_idle

pytestmark = pytest.mark.gui


def test_leaders_set_their_studios_thresholds_from_the_warnings_page(qtbot, bank, people, make_ctx):
    from app.ui.pages.alerts import WarningsPanel
    ctx = make_ctx(people["L001"])
    page = WarningsPanel(ctx)
    qtbot.addWidget(page)
    assert page.settings_button.isVisibleTo(page)
    dlg = page.settings_dialog()
    assert dlg.parent() is page  # deleted with the page
    studio = people["L001"].studio_id
    assert "王建国劳模创新工作室" in dlg.windowTitle()  # their own studio, not the site
    section = dlg.sections["thresholds"]
    assert dlg.tabs.currentWidget() is section
    section.spins["unanswered_days"].setValue(3)
    section.spins["stuck:under_review"].setValue(10)
    dlg.save()
    wait_idle(qtbot, ctx)
    saved = alerts.thresholds_for(bank, studio)
    assert saved["unanswered_days"] == 3 and saved["stuck_days"]["under_review"] == 10
    assert alerts.thresholds_for(bank, None)["unanswered_days"] == alerts.DEFAULTS["unanswered_days"]

    admin_page = WarningsPanel(make_ctx(people["admin"]))
    qtbot.addWidget(admin_page)
    site = admin_page.settings_dialog()
    assert set(site.sections) == {"templates", "thresholds", "targets"}  # the site's shared settings
    assert site.tabs.currentWidget() is site.sections["thresholds"]

    worker = WarningsPanel(make_ctx(people["W001"]))
    qtbot.addWidget(worker)
    assert not worker.settings_button.isVisibleTo(worker)
