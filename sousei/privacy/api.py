"""Privacy: the API endpoints."""

from __future__ import annotations

from ninja import Router

from sousei.privacy.breach.api import router as breach_router
from sousei.privacy.provisions.api import router as provisions_router

router = Router(tags=["privacy"])
router.add_router("", breach_router)
router.add_router("", provisions_router)
