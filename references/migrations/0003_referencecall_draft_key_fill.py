import uuid

from django.db import migrations


def give_every_call_its_own_key(apps, schema_editor):
    ReferenceCall = apps.get_model("references", "ReferenceCall")
    batch = []
    for call in ReferenceCall.objects.only("pk").iterator(chunk_size=2000):
        call.draft_key = uuid.uuid4()
        batch.append(call)
        if len(batch) >= 2000:
            ReferenceCall.objects.bulk_update(batch, ["draft_key"])
            batch = []
    if batch:
        ReferenceCall.objects.bulk_update(batch, ["draft_key"])


class Migration(migrations.Migration):
    """Step 2 of 3: a separate migration so PostgreSQL never alters the table in the same
    transaction as the data change."""

    dependencies = [
        ("references", "0002_referencecall_draft_key_finding_assessment_blank"),
    ]

    operations = [
        migrations.RunPython(give_every_call_its_own_key, migrations.RunPython.noop),
    ]
