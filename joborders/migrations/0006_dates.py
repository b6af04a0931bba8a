import django.utils.timezone
from django.db import migrations, models
from django.utils import timezone


def received_on_from_created_at(apps, schema_editor):
    """Existing job orders were received, as far as anyone knows, the day they were typed in
    (in the firm's time zone, as the forms show dates)."""
    for name in ("JobOrder", "HistoricalJobOrder"):
        model = apps.get_model("joborders", name)
        changed = []
        for row in model.objects.only("pk", "created_at").iterator(chunk_size=2000):
            row.received_on = timezone.localdate(row.created_at)
            changed.append(row)
            if len(changed) >= 2000:
                model.objects.bulk_update(changed, ["received_on"])
                changed = []
        model.objects.bulk_update(changed, ["received_on"])


class Migration(migrations.Migration):
    dependencies = [
        ("joborders", "0005_joborder_value_fields"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicaljoborder",
            name="received_on",
            field=models.DateField(default=django.utils.timezone.localdate),
        ),
        migrations.AddField(
            model_name="joborder",
            name="received_on",
            field=models.DateField(default=django.utils.timezone.localdate),
        ),
        migrations.AddField(
            model_name="submittal",
            name="start_on",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.RunPython(received_on_from_created_at, migrations.RunPython.noop),
    ]
