"""Background tasks (Django's tasks framework; `manage.py db_worker` runs them)."""

from django.tasks import task

from reviews.services import bulkexport_run


@task
def export_plans_pdf(export_id: int) -> int:
    """Merge an export's plans into one PDF; returns how many plans were processed."""
    return bulkexport_run(export_id=export_id).done
