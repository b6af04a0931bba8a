import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    """Step 1 of 3: the draft key arrives nullable and not unique, because AddField would give
    every existing call the same default value (see 0003 and 0004)."""

    dependencies = [
        ("references", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="referencecall",
            name="draft_key",
            field=models.UUIDField(null=True, default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name="referencefinding",
            name="assessment",
            field=models.CharField(
                blank=True,
                choices=[("strong", "Strong"), ("adequate", "Adequate"), ("concern", "Concern")],
                max_length=10,
            ),
        ),
    ]
