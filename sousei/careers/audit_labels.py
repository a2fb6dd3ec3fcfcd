"""What careers' audit action codes mean to a reader (registered from CareersConfig.ready)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from sousei.core.audit import action_labels_register

CAREER_LABELS = {
    "evaluation.record": gettext_lazy("Assignment evaluated"),
    "career_outcome.record": gettext_lazy("Career outcome recorded"),
}


def register() -> None:
    action_labels_register(CAREER_LABELS)
