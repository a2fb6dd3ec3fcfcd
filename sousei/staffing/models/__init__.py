"""Staffing models, one module per area; importing them registers the models."""

from sousei.staffing.models import careers, payroll, projects, timesheets  # noqa: F401
