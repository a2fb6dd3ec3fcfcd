"""The recruiting API: one router per area, mounted at /api/v1/ by sousei/api.py."""

from __future__ import annotations

from ninja import Router

from sousei.recruiting.api import events, hiring

router = Router()
router.add_router("", events.router)
router.add_router("", hiring.router)
