"""Recruiting models, one module per area; importing them registers the models."""

from sousei.recruiting.models import events, hiring  # noqa: F401
