"""Which openings, candidacies, interviews and offers a caller may see, shared by the pages
and the API.

Operators run recruiting: they see every opening, candidacy, interview and offer of the
region. Everyone else sees the published openings; a candidate sees their own offer once it
is sent (signed in, or through the secret link in its e-mail). Anything else answers 404, as
an object of another region would.
"""

from __future__ import annotations

from django.http import Http404

from sousei.core.access import Reader
from sousei.core.links import secret_matches
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.hiring import links, selectors
from sousei.hiring.models import Candidacy, Interview, JobOpening, Offer, OfferStatus

RECRUITERS = frozenset({Role.OPERATOR})


def opening_visible(reader: Reader, opening_id: int) -> JobOpening:
    """An opening: operators any, everyone else the published ones."""
    try:
        return selectors.opening_get(
            opening_id=opening_id, published_only=not reader.has_any(RECRUITERS)
        )
    except JobOpening.DoesNotExist:
        raise Http404("No such opening.") from None


def opening_to_apply(opening_id: int) -> JobOpening:
    """An opening that takes applications: a published one, whoever asks."""
    try:
        return selectors.opening_get(opening_id=opening_id, published_only=True)
    except JobOpening.DoesNotExist:
        raise Http404("No such opening.") from None


def candidacy_visible(reader: Reader, candidacy_id: int) -> Candidacy:
    """A candidacy, with its personal data and CV: operators only."""
    if not reader.has_any(RECRUITERS):
        raise Http404("No such candidacy.")
    try:
        return selectors.candidacy_get(candidacy_id=candidacy_id)
    except Candidacy.DoesNotExist:
        raise Http404("No such candidacy.") from None


def interview_visible(reader: Reader, interview_id: int) -> Interview:
    """An interview: operators only (who may score it is the service's rule)."""
    if not reader.has_any(RECRUITERS):
        raise Http404("No such interview.")
    try:
        return selectors.interview_get(interview_id=interview_id)
    except Interview.DoesNotExist:
        raise Http404("No such interview.") from None


def _offer(offer_id: int) -> Offer:
    try:
        return selectors.offer_get(offer_id=offer_id)
    except Offer.DoesNotExist:
        raise Http404("No such offer.") from None


def _sent(offer: Offer) -> Offer:
    if offer.status == OfferStatus.DRAFT:
        raise Http404("No such offer.")
    return offer


def offer_visible(reader: Reader, offer_id: int, *, own: bool = False) -> Offer:
    """An offer: operators any; its candidate once it is sent. `own=True` is for the
    candidate's answer, which only the candidate gives, even one who is also an operator."""
    offer = _offer(offer_id)
    if not own and reader.has_any(RECRUITERS):
        return offer
    if offer.candidacy.user_id != reader.user_id:
        raise Http404("No such offer.")
    return _sent(offer)


def offer_by_token_visible(region: Region, token: str) -> Offer:
    """The sent offer that a secret link names: the token is the permission."""
    found = links.offer_from_token(token)
    if found is None or found.region_id != region.pk:
        raise Http404("No such offer.")
    offer = _offer(found.offer_id)
    if not secret_matches(found.secret, offer.link_secret):
        raise Http404("No such offer.")
    return _sent(offer)
