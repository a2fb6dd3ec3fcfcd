"""Background tasks of events: registrants' e-mails and the periodic expiry of waitlist
offers. Tasks take ids and re-enter the region scope."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from sousei.core import clock
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.events.models import Registration


@task()
def registration_mail_send(*, registration_id: int, region_id: int, kind: str) -> bool:
    """E-mail a registrant about their registration. Returns whether a mail went out."""
    from sousei.events.mail import registration_message

    region = Region.objects.get(pk=region_id)
    with region_scope(region):
        registration = (
            Registration.objects.select_related("event__booking__resource__space", "region")
            .filter(pk=registration_id)
            .first()
        )
        if registration is None or not registration.email:
            return False
        registration_message(registration, kind).send()
        return True


@task()
def events_offers_expire(*, now: str | None = None) -> dict[str, int]:
    """In every region: expire waitlist offers not confirmed in time and pass each place
    to the next in line. Run it often (every 10–15 minutes) from cron or the worker."""
    from sousei.events.services import offers_expire

    moment = dt.datetime.fromisoformat(now) if now else clock.now()
    expired = 0
    for region in Region.objects.all():
        with region_scope(region):
            expired += offers_expire(now=moment)
    return {"offers_expired": expired}
