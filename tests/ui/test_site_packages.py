"""The window's site identity dialog and package actions (offscreen)."""
from __future__ import annotations

import pytest

from app.core.bank import Bank
from app.sync import identity, trust
from tests.ui.conftest import wait_idle

pytestmark = pytest.mark.gui


def test_site_dialog_shows_identity_and_trusts_a_key_file(qtbot, bank, make_ctx, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from app.ui.dialogs.site import SiteDialog
    other = Bank.open(tmp_path / "other")
    identity.rename(other, other.actor(), "山区班组")
    trust.export_key(other, tmp_path / "other.ibkey")
    ctx = make_ctx(bank.actor())
    dialog = SiteDialog(ctx)
    qtbot.addWidget(dialog)
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: dialog.sign_fp.text() != "")
    me = identity.public_identity(bank)
    assert dialog.sign_fp.text() == me.sign_fingerprint and dialog.code.text() == me.code
    assert dialog.empty.isVisibleTo(dialog) and not dialog.table.isVisibleTo(dialog)

    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text: asked.append(text)
                        or QMessageBox.StandardButton.Yes)
    dialog.trust_file(tmp_path / "other.ibkey")
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1)
    assert identity.public_identity(other).sign_fingerprint in asked[0]  # shown before trusting
    assert dialog.table.item(0, 0).text() == "山区班组"
    assert trust.trusted(bank, other.site_id) is not None

    # A forged file is refused with a message and trusts nothing.
    shown = []
    monkeypatch.setattr(ctx, "show_error", lambda error, parent: shown.append(str(error)))
    (tmp_path / "forged.ibkey").write_text((tmp_path / "other.ibkey").read_text().replace("山区班组", "冒充"))
    dialog.trust_file(tmp_path / "forged.ibkey")
    assert shown and "签名与内容不符" in shown[0] and len(trust.trusted_sites(bank)) == 1

    dialog.table.selectRow(0)
    dialog._untrust()
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0)
    assert trust.trusted_sites(bank) == []
    other.close()


def test_package_tools_are_for_admins_only(qtbot, bank, people):
    from app.ui import tools
    admin_keys = {s.key for s in tools.specs("admin")}
    assert {"site", "package_export", "package_import"} <= admin_keys
    assert not {"site", "package_export", "package_import"} & {s.key for s in tools.specs("worker")}
    assert not {"site", "package_export", "package_import"} & {s.key for s in tools.specs("leader")}
