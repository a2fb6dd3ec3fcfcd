"""Which openings, candidacies, interviews and offers a caller may see, shared by the pages
and the API.

Operators run recruiting: they see every opening, candidacy, interview and offer of the
region. Employer staff (Role.EMPLOYER) see the same of their own company's openings only:
another employer's opening, candidacy, interview or offer answers them 404, as an object of
another region would. Everyone else sees the published openings; a candidate sees their own
offer once it is sent (signed in, or through the secret link in its e-mail).
"""

from __future__ import annotations

from django.http import Http404

from sousei.core.access import Reader
from sousei.core.links import secret_matches
from sousei.core.models import Organization, Region
from sousei.core.roles import Role
from sousei.hiring import links, selectors
from sousei.hiring.models import (
    Candidacy,
    Interview,
    JobOpening,
    Offer,
    OfferStatus,
    OpeningStatus,
)

RECRUITERS = frozenset({Role.OPERATOR})
EMPLOYER_STAFF = frozenset({Role.EMPLOYER})
# Who may open the recruiting pages at all; which openings they see is decided below.
HIRING_STAFF = RECRUITERS | EMPLOYER_STAFF


def employers_seen(reader: Reader) -> frozenset[int] | None:
    """The employers whose openings the reader recruits for: None for every one (an
    operator), else the companies they act for as employer staff (maybe none)."""
    if reader.has_any(RECRUITERS):
        return None
    if reader.has_any(EMPLOYER_STAFF):
        return reader.employers
    return frozenset()


def _recruits_for(reader: Reader, employer_id: int) -> bool:
    seen = employers_seen(reader)
    return seen is None or employer_id in seen


def opening_visible(reader: Reader, opening_id: int) -> JobOpening:
    """An opening: operators any, employer staff their own company's, everyone else the
    published ones."""
    try:
        found = selectors.opening_get(opening_id=opening_id, published_only=False)
    except JobOpening.DoesNotExist:
        raise Http404("No such opening.") from None
    if _recruits_for(reader, found.employer_id):
        return found
    if found.status != OpeningStatus.PUBLISHED:
        raise Http404("No such opening.")
    return found


def opening_managed(reader: Reader, opening_id: int) -> JobOpening:
    """An opening the reader recruits for (its pipeline, its edits): operators any,
    employer staff their own company's; any other answers 404."""
    if not reader.has_any(HIRING_STAFF):
        raise Http404("No such opening.")
    found = opening_visible(reader, opening_id)
    if not _recruits_for(reader, found.employer_id):
        raise Http404("No such opening.")
    return found


def opening_to_apply(opening_id: int) -> JobOpening:
    """An opening that takes applications: a published one, whoever asks."""
    try:
        return selectors.opening_get(opening_id=opening_id, published_only=True)
    except JobOpening.DoesNotExist:
        raise Http404("No such opening.") from None


def candidacy_visible(reader: Reader, candidacy_id: int) -> Candidacy:
    """A candidacy, with its personal data and CV: operators, and the staff of the
    opening's employer."""
    if not reader.has_any(HIRING_STAFF):
        raise Http404("No such candidacy.")
    try:
        found = selectors.candidacy_get(candidacy_id=candidacy_id)
    except Candidacy.DoesNotExist:
        raise Http404("No such candidacy.") from None
    if not _recruits_for(reader, found.opening.employer_id):
        raise Http404("No such candidacy.")
    return found


def interview_visible(reader: Reader, interview_id: int) -> Interview:
    """An interview: operators, and the staff of the opening's employer (who may score it
    is the service's rule)."""
    if not reader.has_any(HIRING_STAFF):
        raise Http404("No such interview.")
    try:
        found = selectors.interview_get(interview_id=interview_id)
    except Interview.DoesNotExist:
        raise Http404("No such interview.") from None
    if not _recruits_for(reader, found.candidacy.opening.employer_id):
        raise Http404("No such interview.")
    return found


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
    """An offer: operators any, employer staff their company's; its candidate once it is
    sent. `own=True` is for the candidate's answer, which only the candidate gives, even one
    who is also an operator."""
    offer = _offer(offer_id)
    staff = not own and reader.has_any(HIRING_STAFF)
    if staff and _recruits_for(reader, offer.candidacy.opening.employer_id):
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


def employer_visible(organization_id: int) -> selectors.EmployerProfile:
    """An employer's public profile: any company taking part in the region's program;
    another region's or a city's answers 404."""
    try:
        return selectors.employer_profile(organization_id=organization_id)
    except Organization.DoesNotExist:
        raise Http404("No such employer.") from None


def employer_managed(reader: Reader, organization_id: int) -> Organization:
    """An employer whose profile the reader keeps: operators any company of the region,
    employer staff their own; any other answers 404."""
    if not reader.has_any(HIRING_STAFF):
        raise Http404("No such employer.")
    profile = employer_visible(organization_id)
    if not _recruits_for(reader, organization_id):
        raise Http404("No such employer.")
    return profile.organization


def employer_editable(reader: Reader, organization_id: int) -> bool:
    """Whether the reader may keep this employer's profile (for the page's edit link)."""
    return reader.has_any(HIRING_STAFF) and _recruits_for(reader, organization_id)
