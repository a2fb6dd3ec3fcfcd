"""staffing timesheets: endpoints, the objects their paths name, and request bodies."""

from __future__ import annotations

from tests.matrix import Area, Endpoint

ENDPOINTS: list[Endpoint] = []

AREA = Area(name="staffing_timesheets", endpoints=ENDPOINTS)
