"""The warning thresholds are set in the window (not only with `ideabank warnings config`), by whom
the permission table allows: a leader for their studio, an administrator for any and for the site."""
from __future__ import annotations

import pytest

from app.core import alerts
from tests.ui.conftest import wait_idle

pytestmark = pytest.mark.gui


def test_leaders_set_their_studios_thresholds(qtbot, bank, people, make_ctx):
    from app.ui.dialogs.warning_settings import WarningSettingsDialog
    ctx = make_ctx(people["L001"])
    dlg = WarningSettingsDialog(ctx)
    qtbot.addWidget(dlg)
    assert [dlg.scope.itemText(i) for i in range(dlg.scope.count())] == ["王建国劳模创新工作室"]  # no site, no other studio
    dlg.unanswered.setValue(3)
    dlg.stuck["under_review"].setValue(10)
    dlg.save()
    wait_idle(qtbot, ctx)
    studio = people["L001"].studio_id
    saved = alerts.thresholds_for(bank, studio)
    assert saved["unanswered_days"] == 3 and saved["stuck_days"]["under_review"] == 10
    assert alerts.thresholds_for(bank, None)["unanswered_days"] == alerts.DEFAULTS["unanswered_days"]

    admin = WarningSettingsDialog(make_ctx(people["admin"]))
    qtbot.addWidget(admin)
    assert admin.scope.itemData(0) is None and admin.scope.count() == 3  # the site and both studios

    from app.ui.pages.alerts import WarningsPanel
    worker = WarningsPanel(make_ctx(people["W001"]))
    qtbot.addWidget(worker)
    assert not worker.settings_button.isVisibleTo(worker)
