"""The upload moves from a BinaryField to the "imports" storage: a waiting run's file is
written there, so an import started before the upgrade can still be confirmed."""

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import migrations, models


def files_to_storage(apps, schema_editor):
    ImportRun = apps.get_model("imports", "ImportRun")
    for run in ImportRun.objects.exclude(data=b"").iterator(chunk_size=10):
        name = storages["imports"].save(f"{run.team_id}/{run.file_format}", ContentFile(bytes(run.data)))
        ImportRun.objects.filter(pk=run.pk).update(stored_as=name)


class Migration(migrations.Migration):
    dependencies = [("imports", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="importrun",
            name="stored_as",
            field=models.CharField(blank=True, editable=False, max_length=255),
        ),
        migrations.RunPython(files_to_storage, migrations.RunPython.noop),
        migrations.RemoveField(model_name="importrun", name="data"),
    ]
