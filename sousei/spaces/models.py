"""Spaces, resources and bookings."""

from __future__ import annotations
