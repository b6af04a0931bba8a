import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    """Step 3 of 3: every call has its own key now; make it required and unique."""

    dependencies = [
        ("references", "0003_referencecall_draft_key_fill"),
    ]

    operations = [
        migrations.AlterField(
            model_name="referencecall",
            name="draft_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
