"""The one-click link of a residence check. It carries a signed token (Django's signing, its
own salt and the SECRET_KEY): whoever holds the message may answer that one check, nobody
can forge a link to another, and the link stops working after CHECK_LINK_DAYS."""

from __future__ import annotations

from django.core import signing
from django.urls import reverse

from sousei.core.http import site_url

CHECK_SALT = "sousei.impact.residence-check"
CHECK_LINK_DAYS = 120


def check_token(*, region_id: int, check_id: int) -> str:
    return signing.dumps([region_id, check_id], salt=CHECK_SALT, compress=True)


def check_from_token(token: str) -> tuple[int, int] | None:
    """(region id, check id) of a valid, unexpired token; None otherwise."""
    try:
        region_id, check_id = signing.loads(
            token, salt=CHECK_SALT, max_age=CHECK_LINK_DAYS * 24 * 3600
        )
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return int(region_id), int(check_id)


def check_path(*, slug: str, region_id: int, check_id: int) -> str:
    token = check_token(region_id=region_id, check_id=check_id)
    return reverse("impact-residence-answer", kwargs={"slug": slug, "token": token})


def check_url(*, slug: str, region_id: int, check_id: int) -> str:
    return site_url() + check_path(slug=slug, region_id=region_id, check_id=check_id)
