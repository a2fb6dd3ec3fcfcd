"""API tokens remember the password they were issued under. Tokens issued before carry no
fingerprint and stop working: whether their user's password changed since cannot be known."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="password_fingerprint",
            field=models.CharField(default="", editable=False, max_length=64),
        ),
    ]
