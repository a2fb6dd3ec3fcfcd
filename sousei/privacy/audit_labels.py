"""What the audit codes of the breach register and the records of provision mean to a
reader (registered from PrivacyConfig.ready)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from sousei.core.audit import action_labels_register

BREACH_AND_PROVISION_LABELS = {
    "breach.create": gettext_lazy("Breach incident recorded"),
    "breach.update": gettext_lazy("Breach incident changed"),
    "provision_records.export": gettext_lazy("Records of provision exported as CSV"),
    "provision_records.purge": gettext_lazy("Records of provision past three years deleted"),
}


def register() -> None:
    action_labels_register(BREACH_AND_PROVISION_LABELS)
