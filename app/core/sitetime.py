"""The site's time zone: days, months and years people talk about are counted in it, not in UTC.

Stored times are UTC. A plant site in China counts its days in Asia/Shanghai (the default); another
zone can be set in the site setting `site_time_zone` (an IANA name).
"""
from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.core.bank import Bank
from app.core.changes import Changes

SETTING = "site_time_zone"
DEFAULT_ZONE = "Asia/Shanghai"
# China has kept UTC+8 without daylight saving since 1991: exact where no time-zone database is
# installed (Windows without the tzdata package).
_CHINA = dt.timezone(dt.timedelta(hours=8), "CST")


def zone(bank: Bank) -> dt.tzinfo:
    name = bank.setting(SETTING) or DEFAULT_ZONE
    try:
        return ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError):
        return _CHINA if name == DEFAULT_ZONE else dt.timezone.utc


def start_of_day(day: dt.date, tz: dt.tzinfo) -> dt.datetime:
    """The UTC instant at which `day` begins in the zone `tz`."""
    return dt.datetime.combine(day, dt.time(), tzinfo=tz).astimezone(dt.timezone.utc)


def today(bank: Bank) -> dt.date:
    return bank.now().astimezone(zone(bank)).date()


def set_zone(bank: Bank, actor: Any, name: str) -> Changes:
    """Set the site's time zone (administrators): an IANA name such as Asia/Shanghai or Asia/Urumqi.
    Due dates, "today" and the year of warnings and campaigns are counted in it."""
    from app.core import audit
    from app.core.errors import ValidationError
    from app.core.i18n import t
    from app.core.permissions import check
    from db.models import Setting
    check(actor, "site.settings")
    name = (name or "").strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        if name != DEFAULT_ZONE:
            raise ValidationError(t("未知的时区：“{z}”（应为 Asia/Shanghai 这样的名称）。",
                                    "Unknown time zone '{z}' (a name such as Asia/Shanghai).", z=name)) from None
    with bank.write() as s:
        row = s.get(Setting, SETTING)
        old = row.value if row else None
        if row is None:
            s.add(Setting(key=SETTING, value=name))
        else:
            row.value = name
        audit.record(s, actor, "setting", SETTING, "edit", field=SETTING, old=old, new=name, site_id=bank.site_id,
                     at=bank.now())
    return Changes(value=name)
