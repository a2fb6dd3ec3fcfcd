"""The one send task of the outbox. It takes ids and re-enters the region scope."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from sousei.core.models import Region
from sousei.core.outbox.models import OutboxMessage
from sousei.core.scoping import region_scope


@task()
def outbox_send(*, message_id: int, region_id: int) -> bool:
    """E-mail one message, once: a retried or repeated task finds it sent and does nothing.
    Returns whether a mail went out."""
    region = Region.objects.get(pk=region_id)
    # The row stays locked while the mail goes out, so two workers cannot both send it, and
    # a failed send rolls back and leaves it unsent for a retry.
    with region_scope(region), transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update()
            .filter(pk=message_id, by_email=True, sent_at__isnull=True)
            .first()
        )
        if message is None:
            return False
        message.as_email().send()
        message.sent_at = timezone.now()
        message.save(update_fields=["sent_at"])
        return True
