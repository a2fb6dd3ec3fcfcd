"""Workplace: the models (none yet)."""
