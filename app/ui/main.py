"""`python -m app` / `ideabank-gui`: open the bank (the first-run wizard for a new data folder), sign in,
show the window.

Takes the same global options as the `ideabank` command (--data-dir, --db-url, --lang).
"""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app import __version__

if TYPE_CHECKING:  # imported where used: PySide6 is imported after the core (see preload)
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from app.core.actor import Actor
    from app.core.bank import Bank
    from app.core.inbox import Digest
    from app.ui.context import UiContext
    from app.ui.main_window import MainWindow

EXIT_NO_DISPLAY = 2
ICON = Path(__file__).resolve().parents[2] / "resources" / "icons" / "ideabank.svg"


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="ideabank-gui", description="创新智慧库 / Idea Bank")
    p.add_argument("--version", action="version", version=f"ideabank-gui {__version__}")
    p.add_argument("--data-dir", metavar="DIR", help="数据文件夹 / data folder (default: per-user data folder or $IDEABANK_HOME)")
    p.add_argument("--db-url", metavar="URL", help="数据库地址 / database URL, e.g. a PostgreSQL hub")
    p.add_argument("--lang", choices=["zh_CN", "en"], help="界面语言 / interface language")
    p.add_argument("--theme", choices=["light", "dark"], help="配色 / colour theme")
    p.add_argument("--self-test", action="store_true",
                   help="检查本程序是否完整（打开并关闭主窗口）后退出 / check that this copy of the program is complete "
                        "(opens and closes the main window), then exit")
    return p.parse_args(list(argv))


def no_display_message() -> str | None:
    """A clear message when Qt has nowhere to draw (Linux without X11/Wayland and no platform set)."""
    if not sys.platform.startswith("linux"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    return ("ideabank-gui: 没有图形显示（未设置 DISPLAY 或 WAYLAND_DISPLAY）。\n"
            "  在虚拟屏幕中运行：  xvfb-run -a make run   （或 xvfb-run -a python -m app）\n"
            "  不显示窗口运行：    QT_QPA_PLATFORM=offscreen python -m app\n"
            "  命令行版本：        ideabank --help\n"
            "ideabank-gui: no graphical display (DISPLAY and WAYLAND_DISPLAY are not set).\n"
            "  Run it on a virtual screen:  xvfb-run -a make run   (or xvfb-run -a python -m app)\n"
            "  Run it without a window:     QT_QPA_PLATFORM=offscreen python -m app\n"
            "  The command line:            ideabank --help")


def preload() -> None:
    """Import the store and the core before Qt: once PySide6 is imported, its feature hook reads the
    source of every module imported after it (~0.2 s more at start-up for SQLAlchemy and alembic)."""
    import app.core.bank  # noqa: F401
    import app.core.queries  # noqa: F401


def make_app(argv: Sequence[str], lang: str | None = None, theme_name: str | None = None) -> QApplication:
    """The QApplication with organisation names (for QSettings), translators, CJK font and theme."""
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    from app.ui import i18n, theme
    if QApplication.instance() is None:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QGuiApplication
        # Fractional scales (125 %, 150 % on laptops) as they are, not rounded to 1x or 2x.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    assert isinstance(app, QApplication)  # one made earlier (by the tests) is a QApplication too
    QCoreApplication.setOrganizationName("IdeaBank")
    QCoreApplication.setApplicationName("ideabank")
    app.setApplicationDisplayName("")
    from PySide6.QtGui import QIcon
    app.setWindowIcon(QIcon(str(ICON)))
    i18n.install(app, i18n.chosen_language(lang))
    i18n.apply_font(app)
    theme.apply(app, theme_name or str(QSettings().value("theme", "light")))
    return app


class Controller:
    """Signs people in and out: the window is rebuilt for each person."""

    def __init__(self, app: QApplication, bank: Bank) -> None:
        from PySide6.QtCore import QObject, QTimer
        self.app, self.bank = app, bank
        self.window: MainWindow | None = None
        self.ctx: UiContext | None = None
        self.idle = QTimer()
        self.idle.setSingleShot(True)
        self.idle.timeout.connect(self.idle_sign_out)

        controller = self

        class _Activity(QObject):
            def eventFilter(self, obj: QObject, event: QEvent) -> bool:
                from PySide6.QtCore import QEvent
                if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel,
                                    QEvent.Type.MouseMove) and controller.idle.isActive():
                    controller.idle.start()
                return False
        self._activity = _Activity()
        app.installEventFilter(self._activity)

    def sign_in(self) -> bool:
        """Show the sign-in dialog; kiosk sessions loop back to it after each proposal."""
        from PySide6.QtWidgets import QDialog

        from app.ui.dialogs.signin import SignInDialog
        while True:
            dlg = SignInDialog(self.bank)
            if dlg.exec() != QDialog.DialogCode.Accepted or dlg.actor is None:
                return False
            if dlg.kiosk:
                self.kiosk(dlg.actor)
                continue
            self.open_window(dlg.actor)
            return True

    def kiosk(self, actor: Actor) -> None:
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QMessageBox

        from app.ui.context import UiContext
        from app.ui.dialogs.propose import ProposeDialog
        ctx = UiContext(self.bank, actor)
        dlg = ProposeDialog(ctx, kiosk=True)
        dlg.setWindowTitle(QCoreApplication.translate("Controller", "Kiosk: propose an idea as %1").replace("%1", f"{actor.name}（{actor.employee_no}）"))
        saved: list[str] = []
        dlg.sig_saved.connect(saved.append)
        dlg.exec()
        ctx.worker.wait()
        if saved:
            QMessageBox.information(None, QCoreApplication.translate("Controller", "Thank you"),
                                    QCoreApplication.translate("Controller", "Your idea was submitted. Your studio leader will confirm and review it; "
                                        "you will find the answer under your notices."))

    def open_window(self, actor: Actor) -> None:
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QMessageBox

        from app.core import auth, inbox
        from app.core.errors import IdeaBankError
        from app.ui.context import UiContext
        from app.ui.main_window import MainWindow
        from app.ui.worker import alive
        self.ctx = ctx = UiContext(self.bank, actor)
        self.window = MainWindow(ctx)
        self.window.sig_sign_out.connect(self.signed_out)
        self.window.sig_closed.connect(self.app.quit)
        self.window.show()
        self.watch_store()
        minutes = auth.idle_minutes(self.bank)
        if minutes:
            self.idle.start(minutes * 60 * 1000)
        bank, window = self.bank, self.window

        def show_digest(digest: Digest | None) -> None:
            if digest is None or not alive(window):
                return
            window.statusBar().showMessage(digest.text(), 15000)
            QMessageBox.information(window, QCoreApplication.translate("Controller", "Today's notices"),
                                    digest.text() + "\n\n" + "\n".join(f"• {t}（{n}）" for t, n in digest.projects))

        def no_digest(error: BaseException) -> None:  # a busy database: the digest comes at the next start
            if not isinstance(error, IdeaBankError):
                ctx.show_error(error, window)
        # It marks the digest as given (a write): on the worker, like every write of the window.
        self.ctx.write(lambda: inbox.daily_digest(bank, actor), done=show_digest, failed=no_digest)

    def bring_to_front(self) -> None:
        """Another start for this data folder asked for the window (app/ui/single_instance.py)."""
        from PySide6.QtWidgets import QApplication
        widget = self.window or QApplication.activeModalWidget() or next(
            (w for w in self.app.topLevelWidgets() if w.isVisible()), None)
        if widget is not None:
            if widget.isMinimized():
                widget.showNormal()
            widget.raise_()
            widget.activateWindow()

    def watch_store(self) -> None:
        """The check of the database file that started at open finishes on the reader; a damaged
        store is offered a restore. Automatic backups are taken on the reader as they fall due."""
        from PySide6.QtCore import QTimer
        ctx, bank = self.ctx, self.bank
        assert ctx is not None  # open_window made it just before
        ctx.reader.submit(lambda _st: bank.verify(), failed=self.store_damaged)
        self.backup_timer = QTimer(self.window)
        self.backup_timer.timeout.connect(
            lambda: ctx.reader.submit(lambda _st: bank.maybe_backup() if bank.wrote else None, failed=lambda _e: None))
        self.backup_timer.start(10 * 60 * 1000)

    def store_damaged(self, error: BaseException) -> None:
        from app.core.backups import BackupInfo
        from app.core.errors import DamagedDatabase
        from app.ui.dialogs.data import offer_restore, restore_backup
        if not isinstance(error, DamagedDatabase) or self.window is None or self.ctx is None:
            return
        if offer_restore(self.window, error, allow_fresh=False) == "restore":
            assert isinstance(error.backup, BackupInfo)  # restoring is offered only with a backup
            restore_backup(self.ctx, self.window, error.backup.path, confirm=False)
        else:
            self.app.quit()

    def signed_out(self) -> None:
        self.idle.stop()
        if self.ctx is not None:
            self.ctx.worker.wait()
        self.window = None
        if not self.sign_in():
            self.app.quit()

    def idle_sign_out(self) -> None:
        if self.window is not None:
            for w in self.app.topLevelWidgets():
                if w is not self.window and w.isVisible() and hasattr(w, "reject"):
                    w.reject()  # forms save their drafts on the way out
            self.window.sign_out()


def choose_folder(data_dir: str | None) -> tuple[Path, bool]:
    """The data folder, and whether the person fixed it (--data-dir, IDEABANK_HOME) or the first-run
    wizard may offer another one (the one chosen there is remembered for the next start)."""
    from app.core.paths import default_data_dir
    from app.ui.first_run import remembered_folder
    if data_dir:
        return Path(data_dir).expanduser(), True
    if os.environ.get("IDEABANK_HOME"):
        return default_data_dir(), True
    return remembered_folder() or default_data_dir(), False


@dataclass
class FirstStart:
    bank: Bank
    folder: Path
    demo_projects: int


def first_run(folder: Path, fixed: bool) -> FirstStart | None:
    """The first-run wizard for a folder without a bank: the bank it set up, or None (cancelled)."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QDialog

    from app.core.paths import default_data_dir
    from app.ui.first_run import FirstRunWizard, remember_folder
    wizard = FirstRunWizard(folder, fixed=fixed)
    try:
        if wizard.exec() != QDialog.DialogCode.Accepted or wizard.bank is None:
            return None
        if not fixed and wizard.folder() != default_data_dir():
            remember_folder(wizard.folder())
        if wizard.admin_no:
            QSettings().setValue("last_user", wizard.admin_no)
        return FirstStart(wizard.bank, wizard.folder(), wizard.demo_projects)
    finally:
        import shiboken6
        shiboken6.delete(wizard)  # at once: Qt must never call its pages' Python overrides once they are gone


def open_bank(data_dir: Path, db_url: str | None) -> Bank | None:
    """The bank, or None when the person chose to quit. A database that failed its check was moved
    aside by the core; here the person chooses: restore the newest sound backup, start empty, quit."""
    from app.core import backups
    from app.core.bank import Bank
    from app.core.errors import DamagedDatabase
    from app.ui.dialogs.data import offer_restore
    fresh = False
    while True:
        try:
            return Bank.open(data_dir, db_url, fresh=fresh)
        except DamagedDatabase as exc:
            choice = offer_restore(None, exc, allow_fresh=True)
            if choice == "restore":
                assert isinstance(exc.backup, backups.BackupInfo)  # restoring is offered only with a backup
                backups.restore(data_dir, exc.backup.path)
            elif choice == "fresh":
                fresh = True
            else:
                return None


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    message = no_display_message()
    if message:
        print(message, file=sys.stderr)
        return EXIT_NO_DISPLAY
    preload()
    app = make_app([], args.lang, args.theme)
    from PySide6.QtWidgets import QMessageBox

    from app.core.errors import IdeaBankError
    from app.core.paths import DB_FILE
    from app.ui.single_instance import SingleInstance
    data_dir, fixed = choose_folder(args.data_dir)
    first = None

    def already_open() -> int:
        print(app.translate("FirstStart", "ideabank-gui: %1 is already open in another window; it was brought "
                                          "to the front.").replace("%1", str(data_dir)), file=sys.stderr)
        return 0
    # --self-test checks the program, not a first start: it opens (or creates) the folder directly.
    if args.db_url is None and not args.self_test and not (data_dir / DB_FILE).exists():
        if SingleInstance(data_dir).ask_running():  # another start is still setting this folder up
            return already_open()
        first = first_run(data_dir, fixed)  # creates nothing unless it finishes
        if first is None:
            return 0
        data_dir = first.folder
    instance = SingleInstance(data_dir)
    if not instance.claim():  # before the database is opened: a second start never touches it
        return already_open()
    try:
        try:
            bank = first.bank if first is not None else open_bank(data_dir, args.db_url)
        except IdeaBankError as exc:
            QMessageBox.critical(None, app.translate("FirstStart", "Cannot open the idea bank"), exc.message)
            return exc.exit_code
        if bank is None:
            return 0
        try:
            if bank.warning:
                QMessageBox.warning(None, app.translate("FirstStart", "Idea Bank"), bank.warning)
            if args.self_test:
                from app.ui import i18n, self_test
                return self_test.run(app, bank, i18n.chosen_language(args.lang))
            if first is not None and first.demo_projects:
                from app.ui.first_run import run_demo
                run_demo(bank, first.demo_projects)
            controller = Controller(app, bank)
            instance.sig_raise.connect(controller.bring_to_front)
            if not controller.sign_in():
                return 0
            # The window closing for a sign-out must not end the program; closing it otherwise does.
            app.setQuitOnLastWindowClosed(False)
            return app.exec()
        finally:
            bank.close()
    finally:
        instance.release()


def launch() -> None:
    """The program (`ideabank-gui`, `python -m app`, the bundle): main(), then leave at once.
    PySide6 6.12 on Python 3.11 can abort while the interpreter tears its objects down at exit
    (bool_dealloc, none_dealloc); by then the bank is closed and everything saved, so the program
    ends with main's status instead of that crash."""
    import logging
    import os
    status = main()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


if __name__ == "__main__":
    launch()
