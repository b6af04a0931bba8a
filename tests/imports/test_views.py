"""/import/ as a person uses it: upload → (map) → preview → confirm → result, the error report,
the progress page of a file big enough for the worker, and constant queries."""

import csv
import io

import pytest
from django.urls import reverse

from candidates.models import Candidate
from imports.models import ImportRun
from tests.imports.conftest import fixture_bytes, preview

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
DUMMY = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


def upload(client, content: bytes, name="candidates.csv", kind="candidates"):
    file = io.BytesIO(content)
    file.name = name
    return client.post(reverse("imports:index"), {"kind": kind, "file": file})


def test_a_salesperson_uploads_previews_confirms_and_sees_the_result(client, owner):
    client.force_login(owner)
    response = upload(client, fixture_bytes("bullhorn_candidates.csv"))
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response.url == reverse("imports:run", args=[run.pk])
    page = client.get(response.url).content.decode()
    assert "Bullhorn Candidate list export" in page
    assert "What the import will do" in page and 'data-testid="count-new">3<' in page
    assert "ada.quill@example.test" in page  # the first rows, as stored
    assert "Add “Kubernetes” as a new skill" in page
    assert not Candidate.objects.exists()  # nothing before confirm
    response = client.post(reverse("imports:confirm", args=[run.pk]), {"skill0": "skip"})
    assert response.status_code == 302
    page = client.get(reverse("imports:run", args=[run.pk])).content.decode()
    assert "What the import did" in page and 'data-testid="import-done"' in page
    assert Candidate.objects.filter(owner=owner).count() == 3
    ada = Candidate.objects.get(first_name="Ada")
    assert "Kubernetes" not in set(ada.skills.values_list("skill__name", flat=True))
    # Confirming twice writes nothing twice.
    response = client.post(reverse("imports:confirm", args=[run.pk]))
    assert response.status_code == 409 and Candidate.objects.count() == 3


def test_the_refused_rows_come_as_a_csv_report(client, owner):
    client.force_login(owner)
    data = (
        fixture_bytes("bullhorn_candidates.csv") + b"4104,Dee,,=cmd|calc,x@example.test,,,,,,,,\n"
    )
    upload(client, data)
    run = ImportRun.objects.get()
    page = client.get(reverse("imports:run", args=[run.pk])).content.decode()
    assert 'data-testid="count-refused">1<' in page and "Download the refused rows" in page
    response = client.get(reverse("imports:errors", args=[run.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["line", "column", "value", "reason"]
    assert {(r[0], r[1]) for r in rows[1:]} == {("5", "lastName"), ("5", "email")}
    assert "'=cmd|calc" in [r[2] for r in rows]  # shown as text, with the apostrophe
    # The report itself never carries a live formula.
    assert all(not cell.startswith("=") for row in rows for cell in row)


def test_an_unknown_layout_is_mapped_on_the_page(client, owner):
    client.force_login(owner)
    upload(client, fixture_bytes("spreadsheet_candidates.csv"))
    run = ImportRun.objects.get()
    page = client.get(reverse("imports:run", args=[run.pk])).content.decode()
    assert "Which field is each column?" in page
    fields = {f"col{i}": "" for i in range(7)}
    response = client.post(reverse("imports:map", args=[run.pk]), fields)
    assert response.status_code == 422
    assert "Map a column to First name and Last name at least." in response.content.decode()
    fields.update(col0="name", col1="email", col3="skills", save_as="Team sheet")
    response = client.post(reverse("imports:map", args=[run.pk]), fields)
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.status == ImportRun.Status.PREVIEWED and run.preview["counts"]["new"] == 2


def test_a_big_file_runs_in_the_worker_and_the_page_follows_its_progress(client, owner, settings):
    settings.IMPORT_INLINE_MAX_BYTES = 10
    settings.TASKS = DUMMY  # queued, never run: the page shows the waiting state
    client.force_login(owner)
    upload(client, fixture_bytes("bullhorn_candidates.csv"))
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.ANALYSING
    page = client.get(reverse("imports:run", args=[run.pk])).content.decode()
    assert 'data-hx-trigger="every 1s"' in page and "You can leave this page" in page
    status = client.get(reverse("imports:status", args=[run.pk]), headers={"HX-Request": "true"})
    assert status.status_code == 200 and "import-progress" in status.content.decode()
    settings.TASKS = IMMEDIATE
    from imports.tasks import analyse_import

    analyse_import.enqueue(run.pk)
    status = client.get(reverse("imports:status", args=[run.pk]), headers={"HX-Request": "true"})
    assert status.headers["HX-Refresh"] == "true"  # finished: the page reloads into the preview
    response = client.post(reverse("imports:confirm", args=[run.pk]))
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE and Candidate.objects.count() == 3


def test_a_teammate_sees_the_run_but_cannot_confirm_it(client, owner, teammate):
    run = preview(owner, fixture_bytes("bullhorn_candidates.csv"))
    client.force_login(teammate)
    assert client.get(reverse("imports:run", args=[run.pk])).status_code == 200
    assert client.post(reverse("imports:confirm", args=[run.pk])).status_code == 403
    assert not Candidate.objects.exists()


def test_another_team_cannot_see_a_run(client, owner, outsider):
    run = preview(owner, fixture_bytes("bullhorn_candidates.csv"))
    client.force_login(outsider)
    assert client.get(reverse("imports:run", args=[run.pk])).status_code == 404
    assert client.get(reverse("imports:errors", args=[run.pk])).status_code == 404


def _file(rows: int) -> bytes:
    lines = [f"{i},F{i},L{i},Dev,p{i}@example.test,Go ({i % 5})" for i in range(rows)]
    bad = [f"{1000 + i},F,,Dev,q{i}@example.test," for i in range(rows)]
    header = "id,firstName,lastName,occupation,email,skillSet\n"
    return (header + "\n".join(lines + bad) + "\n").encode()


@pytest.mark.parametrize("page", ["preview", "result", "index"])
def test_the_pages_ask_the_same_queries_for_2_or_10_rows(
    client, manager, django_assert_num_queries, page
):
    client.force_login(manager)
    counts = []
    for rows in (2, 10):
        run = preview(manager, _file(rows), name=f"{rows}.csv")
        if page == "result":
            client.post(reverse("imports:confirm", args=[run.pk]))
        url = reverse("imports:index") if page == "index" else reverse("imports:run", args=[run.pk])
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
