"""Background tasks (Django's tasks framework; `manage.py db_worker` runs them)."""

from django.tasks import task

from imports.services import importrun_analyse, importrun_execute


@task
def analyse_import(run_id: int) -> str:
    """Read an uploaded file and build its preview; returns the run's status."""
    return importrun_analyse(run_id=run_id).status


@task
def execute_import(run_id: int) -> str:
    """Write a confirmed import's valid rows in one transaction; returns the run's status."""
    return importrun_execute(run_id=run_id).status
