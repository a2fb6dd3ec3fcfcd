"""Staffing writes, one module per area; each takes `actor=` and records an audit entry."""
