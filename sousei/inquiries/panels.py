"""Inquiries on the region dashboard (registered from InquiriesConfig.ready): the operators'
queue item for the inquiries nobody has answered yet."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sousei.core.models import Region
from sousei.core.panels import QueueItem, queue_register
from sousei.inquiries import selectors
from sousei.inquiries.access import INBOX_ROLES
from sousei.inquiries.models import InquiryStatus


def new_inquiries(request: HttpRequest, region: Region) -> int:
    return selectors.new_count(region=region)


def register() -> None:
    queue_register(
        QueueItem(
            name="inquiries.new",
            roles=INBOX_ROLES,
            label=_("New inquiries to answer"),
            url="inquiry-inbox",
            count=new_inquiries,
            query=f"?status={InquiryStatus.NEW}",
        )
    )
