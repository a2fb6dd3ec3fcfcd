"""The work API: time records and approvals, pay runs and statements; mounted by sousei/api.py."""

from __future__ import annotations

from ninja import Router

from sousei.work.api import payroll, timesheets

router = Router()
router.add_router("", timesheets.router)
router.add_router("", payroll.router)
