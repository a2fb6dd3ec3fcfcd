"""Domain events: what happened in a region, told to whoever listens above the app it happened in.

An app's write service calls `domain_event_publish(kind=..., region=..., payload=...)` inside its
transaction, after its rows and audit entry are written. The apps that sit above it in the
layering (webhooks, the virtual workplace's onboarding) subscribe from their `ready()` with
`domain_event_subscribe(kind, handler)`, so the lower app never imports them.

Handlers run at once, in the publisher's transaction: what they write commits or rolls back
with the event that caused it (an onboarding checklist exists exactly when its employee record
does). A handler must therefore be quick and write rows only; anything slow (an HTTP delivery,
an e-mail) is queued by it as a task that runs after the commit.

Payloads carry ids and states, never personal data: they may leave the system (webhooks).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from sousei.core import clock

if TYPE_CHECKING:
    from django.utils.functional import Promise

    from sousei.core.models import Region

#: Every kind of event, with what it means to a reader (operators pick them for webhooks).
KINDS: dict[str, Promise] = {
    "application.decided": _("An application was accepted, waitlisted or rejected"),
    "enrolment.completed": _("A participant completed a course"),
    "assignment.started": _("A participant joined a client project"),
    "week.approved": _("A client approved a participant's week of work"),
    "payrun.completed": _("A month's pay run was confirmed"),
    "candidacy.stage_changed": _("A candidacy moved to another stage"),
    "offer.accepted": _("A candidate accepted an offer"),
    "employee.created": _("A hire's employee record was created"),
    "booking.created": _("A desk or room at the shared office was booked"),
    "inquiry.received": _("An inquiry reached the program's office"),
}

WILDCARD = "*"


@dataclass(frozen=True)
class DomainEvent:
    """One thing that happened: its kind, region, plain payload and moment."""

    kind: str
    region_id: int
    region_slug: str
    payload: Mapping[str, Any]
    occurred_at: datetime = field(default_factory=clock.now)


Handler = Callable[[DomainEvent], None]
_handlers: dict[str, list[Handler]] = {}


def domain_event_subscribe(kind: str, handler: Handler) -> None:
    """Call `handler` for every event of `kind` (or of every kind, with "*"). Idempotent."""
    if kind != WILDCARD and kind not in KINDS:
        raise ValueError(f"Unknown domain event kind {kind!r}; add it to KINDS first.")
    listeners = _handlers.setdefault(kind, [])
    if handler not in listeners:
        listeners.append(handler)


def domain_event_publish(*, kind: str, region: Region, payload: Mapping[str, Any]) -> DomainEvent:
    """Tell every subscriber of `kind` that it happened in `region`, in the caller's transaction."""
    if kind not in KINDS:
        raise ValueError(f"Unknown domain event kind {kind!r}; add it to KINDS first.")
    event = DomainEvent(
        kind=kind, region_id=region.pk, region_slug=region.slug, payload=dict(payload)
    )
    for handler in (*_handlers.get(kind, ()), *_handlers.get(WILDCARD, ())):
        handler(event)
    return event
