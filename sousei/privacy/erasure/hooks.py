"""How the lower apps learn who is suspended (core.processing) and how a restore replays
erasures (core.backup.hooks); registered from PrivacyConfig.ready()."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy

from sousei.core.audit import action_labels_register
from sousei.core.backup.hooks import after_restore_register
from sousei.core.models import Region
from sousei.core.processing import suspension_register
from sousei.privacy.erasure import notifications, panels
from sousei.privacy.erasure.replay import after_restore
from sousei.privacy.models import PersonPrivacy

AUDIT_LABELS = {
    "privacy.suspend": gettext_lazy("Use of a person's data suspended"),
    "privacy.resume": gettext_lazy("Use of a person's data resumed"),
    "privacy.erase": gettext_lazy("Person's data erased"),
    "privacy.retention_end": gettext_lazy("Retained records' identity erased"),
    "privacy.restricted_read": gettext_lazy("Restricted identity read for a legal need"),
}


def suspended_q(path: str) -> Q:
    prefix = f"{path}__" if path else ""
    return Q(**{f"{prefix}privacy_state__use_stopped": True})


def recipient_suspended(region: Region, user_id: int | None, email: str) -> bool:
    who = Q(person__user_id=user_id) if user_id is not None else Q()
    if email:
        who |= Q(person__email__iexact=email)
    # The base manager with an explicit region: the outbox may queue outside a region scope.
    return PersonPrivacy._base_manager.filter(who, region=region, use_stopped=True).exists()


def register() -> None:
    action_labels_register(AUDIT_LABELS)
    notifications.register()
    panels.register()
    suspension_register(
        suspended_q=suspended_q,
        recipient_suspended=recipient_suspended,
        exempt=notifications.EXEMPT,
    )
    after_restore_register(after_restore)
