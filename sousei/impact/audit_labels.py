"""What impact's audit action codes mean to a reader (registered from ImpactConfig.ready)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from sousei.core.audit import action_labels_register

IMPACT_LABELS = {
    "outcome_records.rebuild": gettext_lazy("Outcome records rebuilt"),
    "residence_check.open": gettext_lazy("Residence check opened"),
    "residence_check.answer": gettext_lazy("Residence check answered"),
    "kpi_targets.set": gettext_lazy("KPI targets set"),
    "early_leaving.record": gettext_lazy("Reason for leaving training early recorded"),
    "grade_rule.set": gettext_lazy("KPI grading thresholds set"),
    "benchmarking.set": gettext_lazy("Benchmarking choice set"),
    "impact.compare": gettext_lazy("Figures read in a comparison of regions"),
    "impact.people_export": gettext_lazy("Per-person impact rows exported"),
    "impact.report_export": gettext_lazy("Impact report downloaded"),
}


def register() -> None:
    action_labels_register(IMPACT_LABELS)
