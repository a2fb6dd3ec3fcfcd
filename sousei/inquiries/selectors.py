"""Inquiries: the reads. The inbox list (filtered by status and kind, searched), its counts
per status in one query, one inquiry with its replies, the new ones for the dashboard."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from sousei.core.models import Region
from sousei.inquiries.models import Inquiry, InquiryReply, InquiryStatus


@dataclass(frozen=True)
class InboxFilters:
    status: str = ""
    kind: str = ""
    q: str = ""


def inquiry_list(*, filters: InboxFilters) -> QuerySet[Inquiry]:
    """The region's inquiries, newest first, narrowed by `filters`."""
    qs = Inquiry.objects.all().order_by("-received_at", "-id")
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    words = filters.q.strip()
    if words:
        qs = qs.filter(
            Q(name__icontains=words)
            | Q(organisation__icontains=words)
            | Q(email__icontains=words)
            | Q(message__icontains=words)
        )
    return qs


def inquiry_counts() -> dict[str, int]:
    """How many inquiries the region has in each status, and in all, in one query."""
    row = Inquiry.objects.aggregate(
        all=Count("id"),
        **{status: Count("id", filter=Q(status=status)) for status in InquiryStatus.values},
    )
    return {key: int(value or 0) for key, value in row.items()}


def new_count(*, region: Region) -> int:
    """The region's inquiries nobody has answered yet (the dashboard's queue)."""
    return Inquiry.objects.filter(region=region, status=InquiryStatus.NEW).count()


def inquiry_get(*, inquiry_id: int) -> Inquiry:
    """One inquiry of the region (raises Inquiry.DoesNotExist)."""
    return Inquiry.objects.select_related("region").get(pk=inquiry_id)


def replies_of(*, inquiry: Inquiry) -> list[InquiryReply]:
    return list(
        InquiryReply.objects.filter(inquiry=inquiry).select_related("by").order_by("sent_at", "id")
    )


def decoy_number() -> int:
    """A number that looks like the next inquiry's, for a bot's submission (which is not
    kept): the bot is answered as a person would be and learns nothing."""
    latest = Inquiry.objects.order_by("-id").values_list("id", flat=True).first()
    return int(latest or 0) + 1
