"""Writes are all or nothing: when a request fails halfway through a multi-row write, the rows
written before the failure are gone too. Each test lets the first write happen, checks it did,
then makes the next write fail (by patching that model's Python `save`, never the database)."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import Team, User
from joborders.models import Client, JobOrder, Requirement, Submittal, SubmittalEvent
from references.models import ReferenceCall, ReferenceFinding
from tests.factories import (
    CandidateFactory,
    JobOrderFactory,
    ReferenceCallFactory,
    RequirementFactory,
)
from tests.history.test_history import pass_time
from tests.references.test_views_call_form import page_state

HTMX = {"HTTP_HX_REQUEST": "true"}


class DiskFull(RuntimeError):
    pass


def fail_on_save(monkeypatch, model, first_write_happened) -> list[bool]:
    """Make `model.save` fail. The list returned says, for each failed save, whether the
    request's earlier write was in the database at that moment."""
    seen: list[bool] = []

    def save(self, *args, **kwargs):
        seen.append(first_write_happened())
        raise DiskFull("the disk filled up halfway through the request")

    monkeypatch.setattr(model, "save", save)
    return seen


@pytest.fixture
def failing_client(client):
    client.raise_request_exception = False  # the user sees the server error page
    return client


def test_a_new_job_order_whose_requirement_fails_leaves_no_client_and_no_job(
    failing_client, owner, monkeypatch
):
    seen = fail_on_save(
        monkeypatch, Requirement, lambda: JobOrder.objects.filter(title="SRE").exists()
    )
    failing_client.force_login(owner)
    response = failing_client.post(
        reverse("joborders:create"),
        {
            "new_client_name": "Fabrikam Health",
            "title": "SRE",
            "status": "open",
            "openings": "1",
            "project_goal": "Keep the lights on",
            "challenges": "Flaky deploys\nNo on-call rota",
        },
    )
    assert response.status_code == 500
    assert seen == [True]
    assert not Client.objects.exists()
    assert not JobOrder.objects.exists()
    assert not JobOrder.history.exists()


def test_a_submittal_whose_stage_event_fails_is_not_submitted(failing_client, owner, monkeypatch):
    job = JobOrderFactory(owner=owner)
    candidate = CandidateFactory()
    seen = fail_on_save(monkeypatch, SubmittalEvent, lambda: Submittal.objects.exists())
    failing_client.force_login(owner)
    response = failing_client.post(
        reverse("joborders:submittal_add", args=[job.pk]), {"candidate": candidate.pk}
    )
    assert response.status_code == 500
    assert seen == [True]
    assert not Submittal.objects.exists()
    assert not SubmittalEvent.objects.exists()


def test_an_autosave_whose_finding_fails_keeps_the_calls_earlier_notes(
    failing_client, owner, monkeypatch
):
    job = JobOrderFactory(owner=owner)
    need = RequirementFactory(job_order=job, description="Cut release time in half")
    call = ReferenceCallFactory(called_by=owner, job_order=job, summary="Before the call.")
    edit = reverse("references:call_edit", args=[call.pk])
    failing_client.force_login(owner)
    state = page_state(failing_client.get(edit))
    written = lambda: ReferenceCall.objects.filter(pk=call.pk, summary="Typed notes").exists()  # noqa: E731
    seen = fail_on_save(monkeypatch, ReferenceFinding, written)

    response = failing_client.post(
        edit,
        {
            **state,
            "autosave": "1",
            "summary": "Typed notes",
            f"finding-{need.pk}-assessment": "strong",
            f"finding-{need.pk}-quote": "Halved it in a month",
        },
        **HTMX,
    )

    assert response.status_code == 500
    assert seen == [True]
    assert ReferenceCall.objects.get(pk=call.pk).summary == "Before the call."
    assert not ReferenceFinding.objects.exists()
    assert call.history.count() == 1


def test_a_restore_whose_requirement_fails_leaves_the_job_order_as_it_was(
    failing_client, owner, monkeypatch
):
    job = JobOrderFactory(owner=owner, title="Platform engineer")
    pass_time()
    need = RequirementFactory(job_order=job, description="Ship weekly")
    ref = f"requirement-{need.history.get().history_id}"
    pass_time()
    need.delete()
    seen = fail_on_save(
        monkeypatch, Requirement, lambda: JobOrder.objects.filter(pk=job.pk, version=2).exists()
    )
    failing_client.force_login(owner)
    restore = reverse("history:restore", args=["joborder", job.pk])

    response = failing_client.post(restore, {"entry": ref})

    assert response.status_code == 500
    assert seen == [True]
    assert JobOrder.objects.get(pk=job.pk).version == 1
    assert job.history.count() == 1
    assert not Requirement.objects.exists()


def test_an_import_with_a_broken_link_loads_nothing(db, tmp_path):
    rows = [
        {
            "model": "accounts.team",
            "pk": 1,
            "fields": {"name": "North", "created_at": "2026-01-01T00:00:00Z"},
        },
        {
            "model": "accounts.user",
            "pk": 2,
            "fields": {
                "username": "ann",
                "password": "!",
                "team": 1,
                "date_joined": "2026-01-01T00:00:00Z",
            },
        },
        # a client owned by someone who is not in the file
        {
            "model": "joborders.client",
            "pk": 3,
            "fields": {
                "name": "Acme",
                "owner": 99,
                "team": 1,
                "created_at": "2026-01-01T00:00:00Z",
            },
        },
    ]
    path = tmp_path / "team.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was loaded"):
        call_command("import_team_export", str(path))
    assert not Team.objects.exists()
    assert not User.objects.exists()
    assert not Client.objects.exists()
