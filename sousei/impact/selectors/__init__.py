"""Reads of impact: the summary shared by pages and the API (`summary`), the council's
report built from it (`report`), and the reads of
the program's own records that the outcome records are built from (`sources`)."""

from sousei.impact.selectors.comparison import comparable_regions, impact_comparison
from sousei.impact.selectors.people import (
    impact_cohorts,
    impact_people,
    impact_people_shown,
    impact_trend,
)
from sousei.impact.selectors.report import impact_report
from sousei.impact.selectors.sources import (
    application_for_update,
    application_ids_of,
    audit_tail_id,
    changed_person_ids,
    employee_ids_of,
    hire_sources,
    outcome_records_of_person,
    program_sources,
    residence_checks_of_person,
)
from sousei.impact.selectors.summary import (
    SummaryPeriod,
    benchmarking_opted_in,
    grade_thresholds,
    impact_summary,
    kpi_history,
    kpi_targets,
    outcome_record_of,
    outcome_values,
    residence_check_of,
    residence_checks_open,
    residence_checks_open_count,
    sees_exact_figures,
)

__all__ = [
    "SummaryPeriod",
    "application_for_update",
    "application_ids_of",
    "audit_tail_id",
    "benchmarking_opted_in",
    "changed_person_ids",
    "comparable_regions",
    "employee_ids_of",
    "grade_thresholds",
    "hire_sources",
    "impact_cohorts",
    "impact_comparison",
    "impact_people",
    "impact_people_shown",
    "impact_report",
    "impact_summary",
    "impact_trend",
    "kpi_history",
    "kpi_targets",
    "outcome_record_of",
    "outcome_records_of_person",
    "outcome_values",
    "program_sources",
    "residence_check_of",
    "residence_checks_of_person",
    "residence_checks_open",
    "residence_checks_open_count",
    "sees_exact_figures",
]
