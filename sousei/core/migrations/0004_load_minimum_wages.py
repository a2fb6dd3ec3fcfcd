"""Load the shipped prefectural minimum wages (core/data/minimum_wages.csv: the 2024 and 2025
revisions of all 47 prefectures), so that a new installation can create projects and pay in
any prefecture at once. Later revisions are added with `sousei load-minimum-wages`."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

from django.db import migrations

CSV = Path(__file__).resolve().parent.parent / "data" / "minimum_wages.csv"


def load(apps: Any, schema_editor: Any) -> None:
    minimum_wage = apps.get_model("core", "MinimumWage")
    with CSV.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            minimum_wage.objects.update_or_create(
                prefecture=row["prefecture"].strip(),
                effective_from=date.fromisoformat(row["effective_from"]),
                defaults={"amount_jpy": int(row["amount_jpy"]), "source": row["source"].strip()},
            )


class Migration(migrations.Migration):
    dependencies = [("core", "0003_region_name_kana")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
