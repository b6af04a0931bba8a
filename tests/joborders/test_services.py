from decimal import Decimal
from functools import partial

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from candidates.models import Skill
from candidates.services import skill_create
from core.locking import StaleEdit
from joborders.models import Client, ClientContact, JobOrder, Requirement, Submittal
from joborders.services import (
    client_contact_create,
    client_create,
    joborder_change_status,
    joborder_create,
    joborder_create_qualified,
    joborder_update,
    requirement_add,
    requirement_add_skill,
    requirement_move,
    requirement_remove,
    requirement_update,
    submittal_change_status,
    submittal_create,
)
from tests.factories import (
    CandidateFactory,
    ClientContactFactory,
    ClientFactory,
    JobOrderFactory,
    RequirementFactory,
    SkillFactory,
)


def test_a_job_order_belongs_to_its_owners_team(owner):
    client = client_create(owner=owner, name="Contoso Bank")
    contact = client_contact_create(client=client, name="Dana Ruiz", phone="+1 555 0123")
    job = joborder_create(owner=owner, client=client, contact=contact, title="DevOps engineer")
    assert job.team == owner.team
    assert job.status == JobOrder.Status.OPEN


def test_a_job_order_cannot_use_another_teams_client(owner, outsider):
    foreign_client = ClientFactory(owner=outsider)
    with pytest.raises(ValidationError, match="belongs to another team"):
        joborder_create(owner=owner, client=foreign_client, title="Data engineer")


def test_requirements_keep_the_order_they_were_added_in(owner):
    job = JobOrderFactory(owner=owner)
    first = requirement_add(job_order=job, kind=Requirement.Kind.CHALLENGE, description="A")
    second = requirement_add(
        job_order=job, kind=Requirement.Kind.SKILL, skill=SkillFactory(name="AWS"), min_years=3
    )
    assert list(job.requirements.all()) == [first, second]


def test_a_skill_requirement_must_name_its_skill(owner):
    job = JobOrderFactory(owner=owner)
    with pytest.raises(ValidationError, match="must name the skill"):
        requirement_add(job_order=job, kind=Requirement.Kind.SKILL, description="Cloud")


def test_submitting_a_candidate_twice_says_so_and_keeps_the_first(owner):
    job = JobOrderFactory(owner=owner)
    candidate = CandidateFactory()
    first = submittal_create(job_order=job, candidate=candidate, submitted_by=owner)
    with pytest.raises(ValidationError, match="already submitted to this job order"):
        submittal_create(job_order=job, candidate=candidate, submitted_by=owner)
    assert list(Submittal.objects.all()) == [first]


def test_the_database_refuses_a_duplicate_submittal(owner):
    job = JobOrderFactory(owner=owner)
    candidate = CandidateFactory()
    submittal_create(job_order=job, candidate=candidate, submitted_by=owner)
    with pytest.raises(IntegrityError), transaction.atomic():
        Submittal.objects.create(
            job_order=job, candidate=candidate, submitted_by=owner, submitted_at=job.created_at
        )


def test_every_stage_change_is_recorded(owner, manager):
    submittal = submittal_create(
        job_order=JobOrderFactory(owner=owner), candidate=CandidateFactory(), submitted_by=owner
    )
    submittal_change_status(
        submittal=submittal, status=Submittal.Status.INTERVIEW_SCHEDULED, changed_by=owner
    )
    submittal_change_status(submittal=submittal, status=Submittal.Status.OFFER, changed_by=manager)
    steps = [(e.from_status, e.to_status, e.changed_by) for e in submittal.events.all()]
    assert steps == [
        ("", "submitted", owner),
        ("submitted", "interview_scheduled", owner),
        ("interview_scheduled", "offer", manager),
    ]


def test_an_unknown_stage_is_refused(owner):
    submittal = submittal_create(
        job_order=JobOrderFactory(owner=owner), candidate=CandidateFactory(), submitted_by=owner
    )
    with pytest.raises(ValidationError, match="not a submittal stage"):
        submittal_change_status(submittal=submittal, status="hired", changed_by=owner)
    assert submittal.events.count() == 1


def test_a_job_order_with_submittals_cannot_be_deleted(owner):
    job = JobOrderFactory(owner=owner)
    submittal_create(job_order=job, candidate=CandidateFactory(), submitted_by=owner)
    with pytest.raises(ProtectedError):
        job.delete()


def test_a_salesperson_who_owns_job_orders_cannot_be_deleted(owner):
    JobOrderFactory(owner=owner)
    with pytest.raises(ProtectedError):
        owner.delete()


# --- The qualification form ------------------------------------------------------------------


def test_a_qualified_job_order_is_saved_with_a_new_client_contact_and_rows(owner):
    job = joborder_create_qualified(
        owner=owner,
        title="Senior DevOps Engineer",
        new_client_name="  Contoso   Bank ",
        new_client_industry="Banking",
        new_contact_name="Dana Ruiz",
        new_contact_phone="+1 512 555 0147",
        project_goal="Move payments to Kubernetes before Q3.",
        challenges=["Releases take two days", "Staging cannot be trusted"],
        deliverables=["Terraform modules"],
        results=["Release time under 30 minutes"],
    )
    assert job.client.name == "Contoso Bank"
    assert job.client.team == owner.team
    assert job.contact.name == "Dana Ruiz"
    assert job.contact.client == job.client
    rows = [(r.kind, r.description, r.position) for r in job.requirements.all()]
    assert rows == [
        ("challenge", "Releases take two days", 0),
        ("challenge", "Staging cannot be trusted", 1),
        ("deliverable", "Terraform modules", 2),
        ("result", "Release time under 30 minutes", 3),
    ]


def test_a_new_client_with_the_name_of_an_existing_one_is_refused(owner):
    ClientFactory(owner=owner, name="Contoso Bank")
    with pytest.raises(ValidationError) as caught:
        joborder_create_qualified(owner=owner, title="DBA", new_client_name="contoso bank")
    assert "already a client" in str(caught.value.message_dict["new_client_name"])
    assert not JobOrder.objects.exists()


def test_a_client_must_be_picked_or_typed_but_not_both(owner):
    client = ClientFactory(owner=owner)
    with pytest.raises(ValidationError) as neither:
        joborder_create_qualified(owner=owner, title="DBA")
    assert "client" in neither.value.message_dict
    with pytest.raises(ValidationError) as both:
        joborder_create_qualified(owner=owner, title="DBA", client=client, new_client_name="X")
    assert "not both" in str(both.value.message_dict["new_client_name"])


def test_a_contact_of_another_client_is_refused(owner):
    client = ClientFactory(owner=owner)
    stranger = ClientContactFactory(client=ClientFactory(owner=owner))
    with pytest.raises(ValidationError) as caught:
        joborder_create_qualified(owner=owner, title="DBA", client=client, contact=stranger)
    assert "another client" in str(caught.value.message_dict["contact"])


def test_new_contact_details_without_a_name_are_refused(owner):
    client = ClientFactory(owner=owner)
    with pytest.raises(ValidationError) as caught:
        joborder_create_qualified(
            owner=owner, title="DBA", client=client, new_contact_phone="+1 555 0100"
        )
    assert "new_contact_name" in caught.value.message_dict


def test_a_failed_qualification_saves_nothing_at_all(owner):
    with pytest.raises(ValidationError):
        joborder_create_qualified(
            owner=owner, title="", new_client_name="Fabrikam", new_contact_name="Ann Lee"
        )
    assert not Client.objects.exists()
    assert not ClientContact.objects.exists()


def test_editing_with_the_current_version_saves_and_moves_the_version_on(owner):
    job = JobOrderFactory(owner=owner)
    joborder_update(job_order=job, version=1, client=job.client, title="Platform engineer")
    job.refresh_from_db()
    assert (job.title, job.version) == ("Platform engineer", 2)


def test_editing_a_stale_version_overwrites_nothing(owner, manager):
    job = JobOrderFactory(owner=owner, title="Original")
    joborder_update(job_order=job, version=1, client=job.client, title="Manager's title")
    stale_copy = JobOrder.objects.get(pk=job.pk)
    with pytest.raises(StaleEdit, match="Someone else changed this job order"):
        joborder_update(
            job_order=stale_copy,
            version=1,
            client=job.client,
            title="My title",
            new_client_name="",
            new_contact_name="",
        )
    job.refresh_from_db()
    assert (job.title, job.version) == ("Manager's title", 2)


def test_a_stale_edit_does_not_leave_a_new_client_behind(owner):
    job = JobOrderFactory(owner=owner)
    joborder_change_status(job_order=job, status=JobOrder.Status.ON_HOLD)
    with pytest.raises(StaleEdit):
        joborder_update(job_order=job, version=1, title="T", new_client_name="Brand new Ltd")
    assert not Client.objects.filter(name="Brand new Ltd").exists()


def test_a_job_order_moves_open_on_hold_then_filled(owner):
    job = JobOrderFactory(owner=owner)
    joborder_change_status(job_order=job, status=JobOrder.Status.ON_HOLD)
    joborder_change_status(job_order=job, status=JobOrder.Status.FILLED)
    job.refresh_from_db()
    assert (job.status, job.version) == ("filled", 3)


def test_a_filled_job_order_can_only_be_reopened(owner):
    job = JobOrderFactory(owner=owner, status=JobOrder.Status.FILLED)
    with pytest.raises(ValidationError, match="cannot become Lost"):
        joborder_change_status(job_order=job, status=JobOrder.Status.LOST)
    joborder_change_status(job_order=job, status=JobOrder.Status.OPEN)
    assert job.status == JobOrder.Status.OPEN


# --- Requirement rows ------------------------------------------------------------------------


def test_a_skill_typed_as_an_alias_resolves_to_the_skill(owner):
    kubernetes = skill_create(name="Kubernetes", aliases="k8s")
    job = JobOrderFactory(owner=owner)
    row = requirement_add_skill(job_order=job, skill_name=" K8S ", min_years=3, must_have=False)
    assert (row.skill, row.min_years, row.must_have) == (kubernetes, Decimal("3"), False)


def test_an_unknown_skill_is_added_to_the_taxonomy(owner):
    job = JobOrderFactory(owner=owner)
    row = requirement_add_skill(job_order=job, skill_name="Crossplane")
    assert row.skill.name == "Crossplane"
    assert Skill.objects.filter(name="Crossplane").exists()


def test_the_same_skill_twice_on_a_job_order_is_refused(owner):
    skill_create(name="Kubernetes", aliases="k8s")
    job = JobOrderFactory(owner=owner)
    requirement_add_skill(job_order=job, skill_name="Kubernetes")
    with pytest.raises(ValidationError, match="already on this job order"):
        requirement_add_skill(job_order=job, skill_name="k8s")


def test_a_skill_name_with_a_pipe_is_refused_and_adds_no_skill(owner):
    job = JobOrderFactory(owner=owner)
    with pytest.raises(ValidationError) as caught:
        requirement_add_skill(job_order=job, skill_name="a|b")
    assert "skill" in caught.value.message_dict
    assert not Skill.objects.exists()


def test_a_row_is_corrected_in_place(owner):
    job = JobOrderFactory(owner=owner)
    row = requirement_add(job_order=job, kind=Requirement.Kind.CHALLENGE, description="Old")
    requirement_update(requirement=row, description="  Releases fail one in five  ")
    row.refresh_from_db()
    assert row.description == "Releases fail one in five"


def test_a_row_cannot_be_emptied(owner):
    job = JobOrderFactory(owner=owner)
    row = requirement_add(job_order=job, kind=Requirement.Kind.RESULT, description="Old")
    with pytest.raises(ValidationError, match="Describe the requirement"):
        requirement_update(requirement=row, description="   ")


def test_a_skill_row_changes_skill_and_years(owner):
    job = JobOrderFactory(owner=owner)
    row = requirement_add_skill(job_order=job, skill_name="AWS", min_years=2)
    requirement_update(requirement=row, skill_name="Azure", min_years=4, must_have=False)
    row.refresh_from_db()
    assert (row.skill.name, row.min_years, row.must_have) == ("Azure", Decimal("4"), False)


def _kinds_and_positions(job):
    return [(r.description, r.position) for r in job.requirements.order_by("position")]


def test_moving_a_row_up_swaps_it_with_the_row_of_its_kind_above(owner):
    job = JobOrderFactory(owner=owner)
    add = partial(requirement_add, job_order=job)
    add(kind=Requirement.Kind.CHALLENGE, description="C1")
    add(kind=Requirement.Kind.RESULT, description="R1")
    c2 = add(kind=Requirement.Kind.CHALLENGE, description="C2")
    requirement_move(requirement=c2, direction="up")
    assert _kinds_and_positions(job) == [("C2", 0), ("R1", 1), ("C1", 2)]


def test_moving_the_last_row_down_changes_nothing(owner):
    job = JobOrderFactory(owner=owner)
    requirement_add(job_order=job, kind=Requirement.Kind.CHALLENGE, description="C1")
    c2 = requirement_add(job_order=job, kind=Requirement.Kind.CHALLENGE, description="C2")
    requirement_move(requirement=c2, direction="down")
    assert _kinds_and_positions(job) == [("C1", 0), ("C2", 1)]


def test_removing_a_row_keeps_the_positions_dense(owner):
    job = JobOrderFactory(owner=owner)
    rows = [
        requirement_add(job_order=job, kind=Requirement.Kind.DELIVERABLE, description=f"D{n}")
        for n in range(4)
    ]
    requirement_remove(requirement=rows[1])
    assert _kinds_and_positions(job) == [("D0", 0), ("D2", 1), ("D3", 2)]


def test_moving_rows_repairs_gaps_left_by_older_data(owner):
    job = JobOrderFactory(owner=owner)
    RequirementFactory(job_order=job, description="A", position=10)
    b = RequirementFactory(job_order=job, description="B", position=20)
    requirement_move(requirement=b, direction="up")
    assert _kinds_and_positions(job) == [("B", 0), ("A", 1)]


def test_a_save_racing_another_save_loses_cleanly_and_rolls_back_its_new_client(owner, monkeypatch):
    """The early version check can pass while another save lands before ours: the version in
    the UPDATE's WHERE clause still refuses it, and the client it created is rolled back."""
    import joborders.services as services

    job = JobOrderFactory(owner=owner, title="Theirs")
    real = services._client_and_contact

    def other_save_lands_meanwhile(**kwargs):
        JobOrder.objects.filter(pk=job.pk).update(title="Theirs, saved first", version=2)
        return real(**kwargs)

    monkeypatch.setattr(services, "_client_and_contact", other_save_lands_meanwhile)
    with pytest.raises(StaleEdit):
        joborder_update(job_order=job, version=1, title="Mine", new_client_name="Racing Ltd")
    # (The simulated other save ran inside our savepoint, so it rolled back with ours here.)
    job.refresh_from_db()
    assert job.title != "Mine"
    assert not Client.objects.filter(name="Racing Ltd").exists()
