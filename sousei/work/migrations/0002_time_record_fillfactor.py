"""Time records: leave room in each page for the pay run's in-place updates (PostgreSQL)."""

from typing import Any

from django.db import migrations


def leave_room_for_in_place_updates(apps: Any, schema_editor: Any) -> None:
    # PostgreSQL: pages 70 % full, so marking two million records paid rewrites each row in
    # its own page (a HOT update, no index entries touched). Other databases: nothing to do.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE work_timerecord SET (fillfactor = 70)")


class Migration(migrations.Migration):
    dependencies = [("work", "0001_initial")]

    operations = [
        migrations.RunPython(leave_room_for_in_place_updates, migrations.RunPython.noop),
    ]
