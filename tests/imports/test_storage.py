"""Where an uploaded file waits between upload, preview and write: in the "imports" storage as a
file streamed to disk, never in memory whole or in a database row, and gone once the import is
done or refused."""

import io

import pytest
from django.core.files.storage import storages
from django.urls import reverse

from candidates.models import Candidate
from imports.models import ImportRun
from imports.services import importrun_analyse
from tests.imports.conftest import fixture_bytes

pytestmark = pytest.mark.django_db


def _rows(n: int) -> bytes:
    lines = ["id,firstName,lastName,email,occupation,skillSet"]
    lines += [f"{i},Ann{i},Lee{i},ann{i}@example.test,Dev,Python ({i % 9 + 1})" for i in range(n)]
    return ("\n".join(lines) + "\n").encode()


def _upload(client, content: bytes, name: str = "candidates.csv"):
    file = io.BytesIO(content)
    file.name = name
    return client.post(reverse("imports:index"), {"kind": "candidates", "file": file})


def _kept(run: ImportRun) -> bytes:
    with storages["imports"].open(run.stored_as, "rb") as file:
        return file.read()


def test_a_big_upload_is_spooled_to_disk_and_kept_as_uploaded_until_the_import_is_done(
    client, owner, settings, django_capture_on_commit_callbacks
):
    # Over Django's in-memory limit the upload is a temporary file, which the import copies to
    # storage in chunks and reads back as a stream.
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10_000
    data = _rows(2_000)
    assert len(data) > 80_000
    client.force_login(owner)
    _upload(client, data)
    run = ImportRun.objects.get()
    assert run.size == len(data) and _kept(run) == data
    assert run.status == ImportRun.Status.PREVIEWED and run.total == 2_000
    with django_capture_on_commit_callbacks(execute=True):  # deleted once the write commits
        client.post(reverse("imports:confirm", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE and Candidate.objects.count() == 2_000
    assert run.stored_as == ""
    assert storages["imports"].listdir(str(owner.team_id))[1] == []  # the file is deleted


def test_a_refused_file_is_not_kept(client, owner):
    client.force_login(owner)
    header = fixture_bytes("bullhorn_candidates.csv").splitlines()[0]
    _upload(client, header + b"\n")  # a header and no rows
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.REFUSED and "no rows below it" in run.message
    assert run.stored_as == ""
    assert storages["imports"].listdir(str(owner.team_id))[1] == []


def test_a_run_whose_file_was_cleaned_away_asks_for_the_file_again(client, owner, settings):
    settings.IMPORT_INLINE_MAX_BYTES = 10
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    client.force_login(owner)
    _upload(client, fixture_bytes("bullhorn_candidates.csv"))
    run = ImportRun.objects.get()
    storages["imports"].delete(run.stored_as)  # e.g. a tidy-up of the folder by the operator
    run = importrun_analyse(run_id=run.pk)
    assert run.status == ImportRun.Status.REFUSED
    page = client.get(reverse("imports:run", args=[run.pk])).content.decode()
    assert "no longer kept: upload it again" in page


def test_the_command_streams_the_file_from_disk(owner, tmp_path):
    from django.core.management import call_command

    path = tmp_path / "bullhorn.csv"
    path.write_bytes(fixture_bytes("bullhorn_candidates.csv"))
    call_command(
        "import_records",
        str(path),
        "--kind",
        "candidates",
        "--team",
        owner.team.name,
        "--user",
        owner.username,
        stdout=io.StringIO(),
    )
    run = ImportRun.objects.get()
    assert run.file_name == "bullhorn.csv" and run.status == ImportRun.Status.DONE
    assert Candidate.objects.filter(owner=owner).count() == 3
