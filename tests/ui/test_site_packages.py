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


def test_export_and_import_package_from_the_window(qtbot, bank, people, make_ctx, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from app.core import projects
    from app.ui.context import UiContext
    from app.ui.dialogs.package import PackageActions, PackageExportDialog
    from db.models import Project
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    other = Bank.open(tmp_path / "other")
    for src, dst in ((bank, other), (other, bank)):
        trust.export_key(src, tmp_path / "k")
        trust.trust(dst, dst.actor(), tmp_path / "k")
    trust.set_people(bank, bank.actor(), other.site_id, [], everyone=True)
    pid = projects.propose(bank, people["W001"], {"title": "电缆沟盖板省力搬运小车", "category": "小革新"}).value
    ctx = make_ctx(bank.actor())
    dialog = PackageExportDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.site.currentData() == other.site_id and dialog.path.text().endswith(".ibpkg")
    target = tmp_path / "usb" / "to-other.ibpkg"

    actions = PackageActions(ctx, None)
    # Cancelled at once: a message, no file.
    state = actions.export_to(other.site_id, None, target)
    state.cancel()
    wait_idle(qtbot, ctx)
    assert not target.parent.exists() or not any(target.parent.iterdir())  # no file, no temporary left
    actions.export_to(other.site_id, None, target)
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: actions.last is not None and not isinstance(actions.last, BaseException))
    assert target.exists() and shown and "1" in shown[-1]

    octx = UiContext(other, other.actor())
    seen = []
    octx.sig_changes.connect(seen.append)
    incoming = PackageActions(octx, None)
    incoming.import_from(target)
    octx.worker.wait()
    qtbot.waitUntil(lambda: incoming.last is not None)
    assert not isinstance(incoming.last, BaseException) and seen and seen[0].membership
    with other.session() as s:
        assert s.get(Project, pid).title == "电缆沟盖板省力搬运小车"
    # The same package again: refused with its one line, shown to the person.
    errors = []
    monkeypatch.setattr(octx, "show_error", lambda error, parent: errors.append(str(error)))
    incoming.import_from(target)
    octx.worker.wait()
    qtbot.waitUntil(lambda: bool(errors))
    assert "导入过" in errors[0]
    other.close()


def test_site_dialog_lets_a_site_receive_secret_projects(qtbot, bank, make_ctx, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from app.sync.visibility import EVERYONE
    from app.ui.dialogs.site import SiteDialog
    other = Bank.open(tmp_path / "other")
    trust.export_key(other, tmp_path / "other.ibkey")
    trust.trust(bank, bank.actor(), tmp_path / "other.ibkey")
    ctx = make_ctx(bank.actor())
    dialog = SiteDialog(ctx)
    qtbot.addWidget(dialog)
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1)
    assert dialog.table.item(0, 5).text() == "无"
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    dialog.table.selectRow(0)
    dialog._secret()
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: dialog.table.item(0, 5) is not None and dialog.table.item(0, 5).text() == "全部")
    assert trust.people(bank, other.site_id) == [EVERYONE]
    other.close()
