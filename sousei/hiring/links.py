"""Links in candidates' e-mails. The offer link carries a signed token (Django's signing
with its own salt and the SECRET_KEY) that names the offer and holds the offer's random link
secret: whoever holds the mail may answer the offer; nobody can make a link to an offer
without its secret, not even with the SECRET_KEY (offer ids are sequential); and the link
stops working after OFFER_LINK_DAYS."""

from __future__ import annotations

from typing import NamedTuple

from django.core import signing
from django.urls import reverse

from sousei.core.http import site_url
from sousei.hiring.models import Offer

# Links made before offers had a secret were signed with "sousei.recruiting.offer"; the new
# salt keeps them from ever being read as links of this shape.
OFFER_SALT = "sousei.hiring.offer-link"
OFFER_LINK_DAYS = 60


class OfferLink(NamedTuple):
    region_id: int
    offer_id: int
    secret: str


def offer_token(*, offer: Offer) -> str:
    return signing.dumps(
        [offer.region_id, offer.pk, offer.link_secret], salt=OFFER_SALT, compress=True
    )


def offer_from_token(token: str) -> OfferLink | None:
    """What a valid, unexpired token names; None otherwise. The secret still has to match
    the offer's (hiring/access.py)."""
    try:
        region_id, offer_id, secret = signing.loads(
            token, salt=OFFER_SALT, max_age=OFFER_LINK_DAYS * 24 * 3600
        )
        return OfferLink(int(region_id), int(offer_id), str(secret))
    except (signing.BadSignature, ValueError, TypeError):
        return None


def offer_url(*, slug: str, offer: Offer) -> str:
    token = offer_token(offer=offer)
    return site_url() + reverse("job-offer-answer", kwargs={"slug": slug, "offer_token": token})


def opening_url(*, slug: str, opening_id: int) -> str:
    return site_url() + reverse("job-detail", kwargs={"slug": slug, "opening_id": opening_id})
