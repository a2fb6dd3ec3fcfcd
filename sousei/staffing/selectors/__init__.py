"""Staffing reads, one module per area."""
