"""The site's time zone: days, months and years people talk about are counted in it, not in UTC.

Stored times are UTC. A plant site in China counts its days in Asia/Shanghai (the default); another
zone can be set in the site setting `site_time_zone` (an IANA name).
"""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.core.bank import Bank

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
