"""Inquiries: the models (none yet)."""
