"""Show what a person may do, as the core answers it (permissions.Verdicts): an action they may
take is enabled; one they may not take here (another studio's project, the wrong state) is shown
disabled with the core's reason as its tooltip; one that is never theirs is hidden."""
from __future__ import annotations

from typing import Any

from app.core.permissions import Verdicts

_TIP = "_ideabank_tip"  # the widget's own tooltip, restored when the action becomes allowed


def offer(target: Any, verdicts: Verdicts | None, action: str) -> bool:
    """Set `target` (a widget or a QAction) visible, enabled and its tooltip from the verdict on
    `action`; returns whether it is allowed."""
    v = verdicts.get(action) if verdicts is not None else None
    if target.property(_TIP) is None:
        target.setProperty(_TIP, target.toolTip() or "")
    target.setVisible(v is not None and v.offer)
    target.setEnabled(v is not None and v.allowed)
    target.setToolTip(target.property(_TIP) if v is None or v.allowed else v.reason)
    return v is not None and v.allowed
