"""Writes of impact: the outcome records (derived from the program's records), residence
checks, KPI targets and grading thresholds."""

from sousei.impact.services.checks import (
    CheckAnswer,
    residence_check_answer,
    residence_check_open,
    residence_check_record,
    residence_checks_ask,
    residence_checks_create,
)
from sousei.impact.services.comparison import (
    benchmarking_set,
    comparison_audit,
    region_figures_refresh,
)
from sousei.impact.services.kpis import DEFAULT_TARGETS, grade_rule_set, kpi_targets_set
from sousei.impact.services.records import (
    early_leaving_record,
    outcome_record_refresh,
    outcome_records_catch_up,
    outcome_records_rebuild,
)

__all__ = [
    "DEFAULT_TARGETS",
    "CheckAnswer",
    "benchmarking_set",
    "comparison_audit",
    "early_leaving_record",
    "grade_rule_set",
    "kpi_targets_set",
    "outcome_record_refresh",
    "outcome_records_catch_up",
    "outcome_records_rebuild",
    "region_figures_refresh",
    "residence_check_answer",
    "residence_check_open",
    "residence_check_record",
    "residence_checks_ask",
    "residence_checks_create",
]
