"""No two live bookings of one resource overlap: an exclusion constraint on PostgreSQL.

SQLite has no exclusion constraints; there the booking service's lock-and-check is the
guard (SQLite serialises writers). The statuses listed are spaces.models.LIVE_STATUSES.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE spaces_booking ADD CONSTRAINT booking_no_overlap EXCLUDE USING gist (
    region_id WITH =,
    resource_id WITH =,
    tstzrange(starts_at, ends_at, '[)') WITH &&
) WHERE (status IN ('booked', 'checked_in', 'checked_out'));
"""
DROP = "ALTER TABLE spaces_booking DROP CONSTRAINT IF EXISTS booking_no_overlap;"


def create(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("spaces", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
