"""The staffing API: one router per area, mounted at /api/v1/ by sousei/api.py."""

from __future__ import annotations

from ninja import Router

from sousei.staffing.api import careers, payroll, projects, timesheets

router = Router()
router.add_router("", projects.router)
router.add_router("", timesheets.router)
router.add_router("", payroll.router)
router.add_router("", careers.router)
