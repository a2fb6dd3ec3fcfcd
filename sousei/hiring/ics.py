"""The .ics invitation of an interview (RFC 5545, built by the events' calendar writer)."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from sousei.core import clock
from sousei.events.ics import CalendarEntry, calendar
from sousei.hiring.models import Interview


def interview_calendar(interview: Interview, *, for_candidate: bool) -> str:
    """One interview as a calendar file. The candidate's copy names the job and the place;
    the staff copy also names the candidate."""
    candidacy = interview.candidacy
    opening = candidacy.opening
    language = candidacy.language if for_candidate else (translation.get_language() or "ja")
    with translation.override(language[:2] if language[:2] in ("ja", "en") else "ja"):
        if for_candidate:
            summary = _("Interview: %(title)s") % {"title": opening.title}
        else:
            summary = _("Interview: %(name)s (%(title)s)") % {
                "name": candidacy.person.full_name,
                "title": opening.title,
            }
        description = interview.online_url or interview.place
    return calendar(
        [
            CalendarEntry(
                uid=f"interview-{interview.pk}-{interview.region_id}@sousei",
                starts_at=interview.starts_at,
                ends_at=interview.ends_at,
                summary=summary,
                description=description,
                location=interview.place or interview.online_url,
                url=interview.online_url,
            )
        ],
        now=clock.now(),
    )
