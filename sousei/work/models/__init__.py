"""Work models, one module per area; importing them registers the models."""

from sousei.work.models import payroll, timesheets  # noqa: F401
