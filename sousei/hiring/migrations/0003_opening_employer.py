"""Every opening names its employer. Openings made before employers existed were the
operator's: they get the region's operator organisation (the first one on record; a region
with none gets one created under a placeholder name, to be renamed in the admin)."""

import django.db.models.deletion
from django.db import migrations, models

PLACEHOLDER = "運営事業者（名称未設定）"


def operator_as_employer(apps, schema_editor):
    JobOpening = apps.get_model("hiring", "JobOpening")
    Organization = apps.get_model("core", "Organization")
    RegionOrganization = apps.get_model("core", "RegionOrganization")
    region_ids = set(
        JobOpening.objects.filter(employer__isnull=True).values_list("region_id", flat=True)
    )
    for region_id in sorted(region_ids):
        link = (
            RegionOrganization.objects.filter(
                region_id=region_id, organization__kind="operator"
            )
            .order_by("id")
            .first()
        )
        if link is not None:
            operator_id = link.organization_id
        else:
            operator, _created = Organization.objects.get_or_create(
                kind="operator", name=PLACEHOLDER
            )
            RegionOrganization.objects.get_or_create(region_id=region_id, organization=operator)
            operator_id = operator.pk
        JobOpening.objects.filter(region_id=region_id, employer__isnull=True).update(
            employer_id=operator_id
        )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_organization_profile_employer"),
        ("hiring", "0002_offer_link_secret"),
    ]

    operations = [
        migrations.AddField(
            model_name="jobopening",
            name="employer",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.organization",
                verbose_name="employer",
            ),
        ),
        migrations.RunPython(operator_as_employer, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="jobopening",
            name="employer",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.organization",
                verbose_name="employer",
            ),
        ),
    ]
