"""Background tasks of training. Tasks take ids and re-enter the region scope."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task

from sousei.core import clock
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.training.models import Notification


@task()
def notification_email_send(*, notification_id: int, region_id: int) -> bool:
    """E-mail one notification to its user, once. Returns whether a mail went out."""
    region = Region.objects.get(pk=region_id)
    with region_scope(region):
        notification = Notification.objects.select_related("user").get(pk=notification_id)
        if notification.emailed_at is not None or not notification.user.email:
            return False
        send_mail(
            subject=f"[創生 Sousei] {notification.subject}",
            message=notification.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[notification.user.email],
        )
        Notification.objects.filter(pk=notification.pk).update(emailed_at=clock.now())
        return True


@task()
def training_daily(*, day: str | None = None) -> dict[str, int]:
    """Daily upkeep in every region: free the seats of graduates past their grace period and
    of expired pools (handing them on), and re-assess every learner's pace (idle learners
    become at risk with time, not only when they log study)."""
    from sousei.training.services.enrolments import enrolments_refresh_pace
    from sousei.training.services.licences import licences_release_due

    today = dt.date.fromisoformat(day) if day else clock.today()
    freed = assessed = 0
    for region in Region.objects.all():
        with region_scope(region):
            freed += licences_release_due(day=today)
            assessed += enrolments_refresh_pace(today=today)
    return {"seats_freed": freed, "enrolments_assessed": assessed}
