"""Calendar files (RFC 5545 iCalendar) for events: one event for a registrant, and a feed
of a region's events for staff. Pure text building; callers pass what to show."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

PRODID = "-//Sousei//Events//JA"


@dataclass(frozen=True)
class CalendarEntry:
    uid: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""
    cancelled: bool = False


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character (RFC 5545 §3.1)."""
    out: list[str] = []
    current = ""
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def _utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(entries: Iterable[CalendarEntry], *, name: str = "", now: dt.datetime) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    lines.append("METHOD:PUBLISH")
    if name:
        lines.append(f"X-WR-CALNAME:{_escape(name)}")
    lines.append("X-WR-TIMEZONE:Asia/Tokyo")
    for entry in entries:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{entry.uid}",
            f"DTSTAMP:{_utc(now)}",
            f"DTSTART:{_utc(entry.starts_at)}",
            f"DTEND:{_utc(entry.ends_at)}",
            f"SUMMARY:{_escape(entry.summary)}",
        ]
        if entry.description:
            lines.append(f"DESCRIPTION:{_escape(entry.description)}")
        if entry.location:
            lines.append(f"LOCATION:{_escape(entry.location)}")
        if entry.url:
            lines.append(f"URL:{entry.url}")
        lines.append(f"STATUS:{'CANCELLED' if entry.cancelled else 'CONFIRMED'}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
