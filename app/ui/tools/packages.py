"""Tools menu: the site's identity and trust, and exchange packages for air-gapped sites (admins)."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from app.core.permissions import roles_for
from app.ui.context import UiContext
from app.ui.i18n import QT_TRANSLATE_NOOP
from app.ui.tools import ToolSpec, register

# The core's permission table says who: the menu only hides what a person could never use.
SITE, PACKAGE = roles_for("site.manage"), roles_for("sync.package")


def _site(ctx: UiContext, parent: QWidget) -> None:
    from app.ui.dialogs.site import SiteDialog
    SiteDialog(ctx, parent).exec()


def _actions(ctx: UiContext, parent: QWidget) -> Any:
    from app.ui.dialogs.package import PackageActions
    return PackageActions(ctx, parent)


register(ToolSpec("site", QT_TRANSLATE_NOOP("Tools", "Site identity…"), _site, order=40, roles=SITE,
                  tooltip=QT_TRANSLATE_NOOP("Tools", "This site's keys, and the sites it trusts")))
register(ToolSpec("package_export", QT_TRANSLATE_NOOP("Tools", "Export package…"),
                  lambda ctx, parent: _actions(ctx, parent).export(), order=41, roles=PACKAGE,
                  tooltip=QT_TRANSLATE_NOOP("Tools", "A signed, encrypted package for an air-gapped site (USB)")))
register(ToolSpec("package_import", QT_TRANSLATE_NOOP("Tools", "Import package…"),
                  lambda ctx, parent: _actions(ctx, parent).import_(), order=42, roles=PACKAGE,
                  tooltip=QT_TRANSLATE_NOOP("Tools", "Check and apply a package from a trusted site")))
