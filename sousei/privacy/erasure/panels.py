"""The operator's dashboard queue: persons whose use is suspended, each a request to answer
(erase, or resume). Registered from PrivacyConfig.ready()."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sousei.core.models import Region
from sousei.core.panels import QueueItem, queue_register
from sousei.core.roles import Role
from sousei.privacy.erasure import selectors


def suspended_count(request: HttpRequest, region: Region) -> int:
    return selectors.suspended_count()


def register() -> None:
    operators = frozenset({Role.OPERATOR})
    queue_register(
        QueueItem(
            name="privacy.suspended",
            roles=operators,
            label=_("Persons whose data use is suspended"),
            url="privacy-erasures",
            query="?state=suspended",
            count=suspended_count,
        )
    )
