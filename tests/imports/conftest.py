from pathlib import Path

import pytest
from django.core.files.base import ContentFile

from imports.models import ImportRun
from imports.services import (
    importrun_analyse,
    importrun_confirm,
    importrun_create,
    importrun_execute,
    importrun_map,
)

FIXTURES = Path(__file__).parent / "fixtures"


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def preview(user, data: bytes, *, kind: str = "candidates", name: str = "file.csv", mapping=None):
    run = importrun_create(user=user, kind=kind, file=ContentFile(data, name=name))
    if run.status == ImportRun.Status.MAPPING:
        assert mapping is not None, f"not recognised: {run.headers}"
        run = importrun_map(run=run, user=user, mapping=mapping)
    return importrun_analyse(run_id=run.pk)


def run_import(
    user, data: bytes, *, kind="candidates", name="file.csv", mapping=None, choices=None
):
    run = preview(user, data, kind=kind, name=name, mapping=mapping)
    assert run.status == ImportRun.Status.PREVIEWED, run.message
    choices = choices or {}
    importrun_confirm(run=run, user=user, skill_choices=choices, enqueue=lambda pk: None)
    return importrun_execute(run_id=run.pk)


@pytest.fixture
def importer(manager):
    return manager
