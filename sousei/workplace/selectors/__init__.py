"""Workplace reads."""
