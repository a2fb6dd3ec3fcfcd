"""Links in candidates' e-mails. The offer link carries a signed token (Django's signing
with its own salt and the SECRET_KEY): whoever holds the mail may answer the offer, nobody
can forge a link to another offer, and the link stops working after OFFER_LINK_DAYS."""

from __future__ import annotations

from django.core import signing
from django.urls import reverse

from sousei.core.http import site_url

# Named when hiring was part of an app called recruiting; kept, so offer links already sent
# by e-mail stay valid.
OFFER_SALT = "sousei.recruiting.offer"
OFFER_LINK_DAYS = 60


def offer_token(*, region_id: int, offer_id: int) -> str:
    return signing.dumps([region_id, offer_id], salt=OFFER_SALT, compress=True)


def offer_from_token(token: str) -> tuple[int, int] | None:
    """(region id, offer id) of a valid, unexpired token; None otherwise."""
    try:
        region_id, offer_id = signing.loads(
            token, salt=OFFER_SALT, max_age=OFFER_LINK_DAYS * 24 * 3600
        )
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return int(region_id), int(offer_id)


def offer_url(*, slug: str, region_id: int, offer_id: int) -> str:
    token = offer_token(region_id=region_id, offer_id=offer_id)
    return site_url() + reverse("job-offer-answer", kwargs={"slug": slug, "offer_token": token})


def opening_url(*, slug: str, opening_id: int) -> str:
    return site_url() + reverse("job-detail", kwargs={"slug": slug, "opening_id": opening_id})
