"""Webhooks: the models (none yet)."""
