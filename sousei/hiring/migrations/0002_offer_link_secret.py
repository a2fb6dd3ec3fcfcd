"""Offers get a random link secret, one of their own for the offers already made. Links
sent before it no longer open the offer: they carried no secret."""

import secrets

from django.db import migrations, models

import sousei.hiring.models


def give_each_offer_its_secret(apps, schema_editor):
    Offer = apps.get_model("hiring", "Offer")
    for offer in Offer._base_manager.filter(link_secret__isnull=True).only("pk").iterator():
        Offer._base_manager.filter(pk=offer.pk).update(link_secret=secrets.token_urlsafe(24))


class Migration(migrations.Migration):
    dependencies = [
        ("hiring", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="offer",
            name="link_secret",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(give_each_offer_its_secret, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="offer",
            name="link_secret",
            field=models.CharField(
                default=sousei.hiring.models.new_offer_link_secret, editable=False, max_length=64
            ),
        ),
    ]
