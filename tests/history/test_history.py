"""History pages: /history/<kind>/<pk>/ lists who changed what and when, and "Restore this
version" brings a record back as a new version, losing nothing."""

import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.db.models import F
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from callplans import services as plan_services
from callplans.models import CallPlan
from candidates.models import Candidate, CandidateSkill
from joborders.models import JobOrder, Requirement
from tests.factories import (
    CallPlanFactory,
    CandidateFactory,
    ClosingQuestionFactory,
    JobOrderFactory,
    ObjectionFactory,
    ReferenceCallFactory,
    ReferenceFactory,
    ReferenceFindingFactory,
    RequirementFactory,
    SkillFactory,
    SubmittalFactory,
)
from tests.references.test_views_call_form import page_state

HTMX = {"HTTP_HX_REQUEST": "true"}


def history_url(kind: str, pk: int) -> str:
    return reverse("history:list", args=[kind, pk])


def restore_url(kind: str, pk: int) -> str:
    return reverse("history:restore", args=[kind, pk])


def entries(response) -> list[str]:
    """The timeline's rows as a reader sees them: when, who, what — tags stripped."""
    body = response.content.decode()
    rows = re.findall(r"<tr>(.*?)</tr>", body.split("<tbody>", 1)[1], flags=re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in rows]


def autosave(client, user, call, **fields):
    """What the reference call page posts as the salesperson types."""
    client.force_login(user)
    edit = reverse("references:call_edit", args=[call.pk])
    state = page_state(client.get(edit))
    assert client.post(edit, {**state, "autosave": "1", **fields}, **HTMX).status_code == 200


def pass_time(minutes: int = 10) -> None:
    """Move every history row back in time, as if the next action came minutes later (rows one
    person saves within two seconds read as one change)."""
    for model in apps.get_models():
        if model.__name__.startswith("Historical") and hasattr(model, "history_date"):
            model.objects.update(history_date=F("history_date") - timedelta(minutes=minutes))


def restore_refs(response) -> list[str]:
    return re.findall(r'name="entry" value="([^"]+)"', response.content.decode())


@pytest.fixture
def job(owner):
    return JobOrderFactory(owner=owner, title="Platform engineer")


@pytest.fixture
def call(owner):
    candidate = CandidateFactory(owner=owner, first_name="Alex", last_name="Kim")
    return ReferenceCallFactory(
        called_by=owner,
        reference=ReferenceFactory(candidate=candidate, name="Dana Reyes"),
        summary="Solid engineer.",
    )


@pytest.fixture
def plan(owner):
    submittal = SubmittalFactory(job_order=JobOrderFactory(owner=owner), submitted_by=owner)
    return CallPlanFactory(submittal=submittal, author=owner)


# --- What the page shows ----------------------------------------------------------------------


def test_a_job_order_history_shows_who_added_and_removed_each_requirement(client, owner, job):
    owner.first_name, owner.last_name = "Olivia", "Owens"
    owner.save()
    client.force_login(owner)
    pass_time()
    add = reverse("joborders:requirement_add", args=[job.pk, "challenge"])
    client.post(add, {"description": "Tame a flaky release pipeline"}, **HTMX)
    row = job.requirements.get()
    pass_time()
    client.post(reverse("joborders:requirement_delete", args=[job.pk, row.pk]), **HTMX)

    response = client.get(history_url("joborder", job.pk))

    assert response.status_code == 200
    assert "History: Platform engineer" in response.text
    rows = entries(response)
    assert len(rows) == 3
    assert "Olivia Owens Removed requirement: Tame a flaky release pipeline" in rows[0]
    assert "Olivia Owens Added requirement: Tame a flaky release pipeline" in rows[1]
    assert "DialReady Created the job order" in rows[2]  # made by a script, not a person


def test_a_reference_call_history_names_the_changed_fields_with_old_and_new_values(
    client, owner, call
):
    pass_time()
    autosave(client, owner, call, summary="Would rehire tomorrow.")

    rows = entries(client.get(history_url("referencecall", call.pk)))

    assert f"{owner} Changed summary Summary: Solid engineer. → Would rehire tomorrow." in rows[0]
    assert "Created the reference call" in rows[1]


def test_a_plan_change_and_its_objection_row_read_as_one_change(client, owner, plan):
    pass_time()
    plan_services.objection_add(plan=plan, category="skill_gap", text="No Go experience")
    rows = entries(client_get(client, owner, history_url("callplan", plan.pk)))
    assert len(rows) == 2
    # the plan notes the objection and the objection row is saved: said once
    assert rows[0].count("Added objection: No Go experience") == 1
    assert "Created the call plan" in rows[1]


def test_a_candidate_history_lists_skills_added_by_name(client, owner):
    candidate = CandidateFactory(owner=owner)
    client.force_login(owner)
    pass_time()
    client.post(
        reverse("candidates:skill_add", args=[candidate.pk]),
        {"skill": "Kubernetes", "years": "4"},
        **HTMX,
    )
    rows = entries(client.get(history_url("candidate", candidate.pk)))
    assert "Added skill: Kubernetes" in rows[0]


def test_the_newest_entry_is_the_current_version_and_offers_no_restore(client, owner, job):
    pass_time()
    RequirementFactory(job_order=job, description="Ship weekly")
    response = client_get(client, owner, history_url("joborder", job.pk))
    rows = entries(response)
    assert "Current version" in rows[0]
    assert "Restore this version" in rows[1]
    assert len(restore_refs(response)) == len(rows) - 1


def test_each_detail_page_links_to_its_history(client, owner, job, call, plan):
    client.force_login(owner)
    candidate = call.reference.candidate
    pages = [
        (reverse("joborders:detail", args=[job.pk]), history_url("joborder", job.pk)),
        (reverse("candidates:detail", args=[candidate.pk]), history_url("candidate", candidate.pk)),
        (reverse("references:call_detail", args=[call.pk]), history_url("referencecall", call.pk)),
    ]
    for page, link in pages:
        assert f'href="{link}"' in client.get(page).text


def client_get(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response


# --- Restoring --------------------------------------------------------------------------------


def test_restoring_brings_back_a_removed_requirement_and_keeps_every_version(client, owner, job):
    client.force_login(owner)
    pass_time()
    add = reverse("joborders:requirement_add", args=[job.pk, "challenge"])
    client.post(add, {"description": "Tame a flaky release pipeline"}, **HTMX)
    row = job.requirements.get()
    pass_time()
    client.post(reverse("joborders:requirement_delete", args=[job.pk, row.pk]), **HTMX)
    pass_time()
    before = client.get(history_url("joborder", job.pk))
    added = restore_refs(before)[0]  # right after the requirement was added

    response = client.post(restore_url("joborder", job.pk), {"entry": added}, follow=True)

    assert "Restored the job order as it was on" in response.text
    detail = client.get(reverse("joborders:detail", args=[job.pk])).text
    assert "Tame a flaky release pipeline" in detail
    after = entries(response)
    assert len(after) == len(entries(before)) + 1  # the restore is new history; none is lost
    assert any("Restored the version of" in row for row in after)


def test_restoring_a_reference_call_puts_back_the_old_summary_as_a_new_version(client, owner, call):
    pass_time()
    autosave(client, owner, call, summary="Overwritten by mistake.")
    created = restore_refs(client.get(history_url("referencecall", call.pk)))[-1]

    client.post(restore_url("referencecall", call.pk), {"entry": created})

    call.refresh_from_db()
    assert (call.summary, call.version) == ("Solid engineer.", 2)
    assert "Solid engineer." in client.get(reverse("references:call_detail", args=[call.pk])).text


def test_restoring_a_plan_brings_back_its_story_and_a_removed_objection(client, owner, plan):
    pass_time()
    plan = plan_services.callplan_update(
        plan=plan,
        version=1,
        candidate_story="Led the same migration.",
        next_action="Offer",
        closing_questions=[],
    )
    objection = plan_services.objection_add(plan=plan, category="scope", text="Team too small")
    pass_time()
    plan_services.callplan_update(
        plan=plan, version=plan.version, candidate_story="", next_action="", closing_questions=[]
    )
    plan_services.objection_remove(objection=objection, version=plan.version)
    response = client_get(client, owner, history_url("callplan", plan.pk))
    good = restore_refs(response)[0]  # story written and objection added

    client.post(restore_url("callplan", plan.pk), {"entry": good})

    plan = CallPlan.objects.get(pk=plan.pk)
    assert plan.candidate_story == "Led the same migration."
    assert list(plan.objections.values_list("text", flat=True)) == ["Team too small"]
    page = client.get(reverse("callplans:detail", args=[plan.pk])).text
    assert "Led the same migration." in page
    assert "Team too small" in page


def test_restoring_a_candidate_brings_back_a_removed_skill_but_keeps_the_ones_added_since(
    client, owner
):
    candidate = CandidateFactory(owner=owner)
    client.force_login(owner)
    add = reverse("candidates:skill_add", args=[candidate.pk])
    pass_time()
    client.post(add, {"skill": "Kubernetes", "years": "4"}, **HTMX)
    kube = CandidateSkill.objects.get(candidate=candidate)
    pass_time()
    client.post(reverse("candidates:skill_remove", args=[candidate.pk, kube.pk]), **HTMX)
    pass_time()
    client.post(add, {"skill": "Terraform", "years": "2"}, **HTMX)
    refs = restore_refs(client.get(history_url("candidate", candidate.pk)))
    with_kube = refs[-2]  # the entry right after Kubernetes was added

    client.post(restore_url("candidate", candidate.pk), {"entry": with_kube})

    skills = set(candidate.skills.values_list("skill__name", flat=True))
    assert skills == {"Kubernetes", "Terraform"}


def test_a_restore_makes_an_edit_form_opened_before_it_stale(client, owner, job):
    pass_time()
    RequirementFactory(job_order=job, description="Ship weekly")
    client.force_login(owner)
    opened = client.get(reverse("joborders:edit", args=[job.pk])).text
    version = re.search(r'name="version" value="(\d+)"', opened).group(1)
    created = restore_refs(client.get(history_url("joborder", job.pk)))[-1]
    client.post(restore_url("joborder", job.pk), {"entry": created})

    data = {
        "client": job.client_id,
        "contact": "",
        "title": "Renamed while the restore happened",
        "status": "open",
        "openings": 1,
        "project_goal": job.project_goal,
        "project_scope": job.project_scope,
        "version": version,
    }
    response = client.post(reverse("joborders:edit", args=[job.pk]), data)

    assert response.status_code == 409
    assert JobOrder.objects.get(pk=job.pk).title == "Platform engineer"


def test_a_candidate_restore_makes_the_open_candidate_form_stale(client, owner):
    candidate = CandidateFactory(owner=owner, headline="Staff SRE")
    pass_time()
    CandidateSkill.objects.create(candidate=candidate, skill=SkillFactory(name="Go"), years=3)
    client.force_login(owner)
    opened_version = candidate.version
    created = restore_refs(client.get(history_url("candidate", candidate.pk)))[-1]
    client.post(restore_url("candidate", candidate.pk), {"entry": created})
    data = {
        "first_name": candidate.first_name,
        "last_name": candidate.last_name,
        "headline": "Changed meanwhile",
        "status": candidate.status,
        "version": opened_version,
    }
    response = client.post(reverse("candidates:edit", args=[candidate.pk]), data)
    assert response.status_code == 409
    assert Candidate.objects.get(pk=candidate.pk).headline == "Staff SRE"


def test_an_entry_of_another_record_is_refused_with_a_message_and_changes_nothing(
    client, owner, job
):
    other = JobOrderFactory(owner=owner)
    pass_time()
    RequirementFactory(job_order=other)
    foreign = restore_refs(client_get(client, owner, history_url("joborder", other.pk)))[0]
    response = client.post(restore_url("joborder", job.pk), {"entry": foreign}, follow=True)
    assert "That version is not in this record&#x27;s history." in response.text
    assert JobOrder.objects.get(pk=job.pk).version == 1


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    entry=st.one_of(
        st.text(max_size=60),
        st.just("z" * 10_000),
        st.sampled_from(
            ["main-", "main--1", "main-99999999999999999999", "requirement-1", "<b>x</b>-1"]
        ),
        st.just("' OR '1'='1"),
        st.just("main-\x00"),
    )
)
def test_any_posted_entry_restores_or_explains_never_a_500(client, owner, job, entry):
    client.force_login(owner)
    response = client.post(restore_url("joborder", job.pk), {"entry": entry}, follow=True)
    assert response.status_code == 200
    assert "alert-danger" in response.text or "Restored the job order" in response.text


def test_an_unknown_kind_of_record_is_a_404(client, owner, job):
    client.force_login(owner)
    assert client.get(f"/history/client/{job.pk}/").status_code == 404


# --- Who may see and restore ------------------------------------------------------------------


def _records(owner):
    """A job order, a reference call and a plan, each with an older version to restore."""
    job = JobOrderFactory(owner=owner)
    call = ReferenceCallFactory(called_by=owner)
    plan = CallPlanFactory(
        submittal=SubmittalFactory(job_order=job, submitted_by=owner), author=owner
    )
    pass_time()
    RequirementFactory(job_order=job)
    ReferenceFindingFactory(call=call, quote="Fast learner")
    ObjectionFactory(plan=plan)
    return {"joborder": job, "referencecall": call, "callplan": plan}


@pytest.mark.parametrize("kind", ["joborder", "referencecall", "callplan"])
def test_another_team_sees_no_history_of_team_records(client, owner, outsider, kind):
    record = _records(owner)[kind]
    client.force_login(outsider)
    assert client.get(history_url(kind, record.pk)).status_code == 404
    assert client.post(restore_url(kind, record.pk), {"entry": "main-1"}).status_code == 404


@pytest.mark.parametrize("kind", ["joborder", "referencecall", "callplan"])
def test_a_teammate_reads_the_history_but_may_not_restore(client, owner, teammate, kind):
    record = _records(owner)[kind]
    client.force_login(teammate)
    response = client.get(history_url(kind, record.pk))
    assert response.status_code == 200
    assert "Restore this version" not in response.text
    ref = f"main-{record.history.earliest().history_id}"
    assert client.post(restore_url(kind, record.pk), {"entry": ref}).status_code == 403


@pytest.mark.parametrize("kind", ["joborder", "referencecall", "callplan"])
@pytest.mark.parametrize("who", ["owner", "manager", "superuser"])
def test_the_owner_a_manager_and_a_superuser_restore(client, owner, manager, superuser, kind, who):
    record = _records(owner)[kind]
    client.force_login({"owner": owner, "manager": manager, "superuser": superuser}[who])
    response = client.get(history_url(kind, record.pk))
    assert "Restore this version" in response.text
    restored = client.post(restore_url(kind, record.pk), {"entry": restore_refs(response)[-1]})
    assert restored.status_code == 302
    assert type(record).objects.get(pk=record.pk).version == record.version + 1


def test_candidates_are_firm_wide_anyone_reads_their_history_only_their_side_restores(
    client, owner, outsider, outside_manager, manager
):
    candidate = CandidateFactory(owner=owner)
    pass_time()
    CandidateSkill.objects.create(candidate=candidate, skill=SkillFactory(name="Go"), years=3)
    ref = f"main-{candidate.history.earliest().history_id}"
    for reader in (outsider, outside_manager):
        client.force_login(reader)
        assert client.get(history_url("candidate", candidate.pk)).status_code == 200
        assert (
            client.post(restore_url("candidate", candidate.pk), {"entry": ref}).status_code == 403
        )
    client.force_login(manager)
    assert client.post(restore_url("candidate", candidate.pk), {"entry": ref}).status_code == 302


def test_reading_a_history_needs_a_login(client, owner, job):
    response = client.get(history_url("joborder", job.pk))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


# --- Speed ------------------------------------------------------------------------------------


@pytest.mark.parametrize("changes", [3, 30])
def test_the_history_page_runs_the_same_queries_however_long_the_history(
    client, owner, django_assert_num_queries, changes
):
    job = JobOrderFactory(owner=owner)
    skill = SkillFactory(name="Kubernetes")
    for n in range(changes):
        row = RequirementFactory(job_order=job, description=f"Need {n}")
        pass_time(1)
        row.description = f"Need {n}, reworded"
        row.save()
        pass_time(1)
    RequirementFactory(job_order=job, kind=Requirement.Kind.SKILL, skill=skill, description="")
    job.requirements.first().delete()
    client.force_login(owner)
    # session, user, job order; its history, its requirements' history; names of the linked
    # client and skill; the team in the page header
    # + the unread count in the navigation (reminders)
    with django_assert_num_queries(8):
        response = client.get(history_url("joborder", job.pk))
    assert "Added requirement: Kubernetes" in response.text


@pytest.mark.parametrize("objections", [3, 30])
def test_the_plan_history_runs_the_same_queries_however_many_objections(
    client, owner, plan, django_assert_num_queries, objections
):
    for n in range(objections):
        plan_services.objection_add(plan=plan, category="other", text=f"Objection {n}")
        pass_time(1)
    client.force_login(owner)
    # session, user with team, plan; its history, its objections' history
    # + the unread count in the navigation (reminders)
    with django_assert_num_queries(6):
        assert client.get(history_url("callplan", plan.pk)).status_code == 200


def test_editing_the_job_order_qualification_shows_in_its_history(client, owner, job):
    client.force_login(owner)
    data = {
        "client": job.client_id,
        "contact": "",
        "title": "Senior platform engineer",
        "status": "open",
        "openings": 1,
        "project_goal": job.project_goal,
        "project_scope": job.project_scope,
        "version": job.version,
    }
    client.post(reverse("joborders:edit", args=[job.pk]), data)
    rows = entries(client.get(history_url("joborder", job.pk)))
    assert "Title: Platform engineer → Senior platform engineer" in rows[0]


def test_editing_a_candidate_shows_in_its_history(client, owner):
    candidate = CandidateFactory(owner=owner, headline="SRE")
    client.force_login(owner)
    data = {
        "first_name": candidate.first_name,
        "last_name": candidate.last_name,
        "headline": "Staff SRE",
        "status": candidate.status,
        "version": candidate.version,
    }
    client.post(reverse("candidates:edit", args=[candidate.pk]), data)
    rows = entries(client.get(history_url("candidate", candidate.pk)))
    assert "Headline: SRE → Staff SRE" in rows[0]


def test_restoring_never_deletes_history_rows(client, owner, job):
    pass_time()
    RequirementFactory(job_order=job)

    def history_ids():
        rows = {("job", pk) for pk in job.history.values_list("history_id", flat=True)}
        requirements = Requirement.history.filter(job_order_id=job.pk)
        return rows | {
            ("requirement", pk) for pk in requirements.values_list("history_id", flat=True)
        }

    before = history_ids()
    refs = restore_refs(client_get(client, owner, history_url("joborder", job.pk)))
    client.post(restore_url("joborder", job.pk), {"entry": refs[-1]})
    after = history_ids()
    # Every row that was there is still there; the restore itself is written as new rows.
    assert before < after
    assert ("job", JobOrder.objects.get(pk=job.pk).history.latest().history_id) in after - before


def test_restoring_a_plan_brings_back_the_closing_questions_it_had(client, owner, plan):
    question = ClosingQuestionFactory(team=owner.team, text="Shall we book the final round?")
    pass_time()
    plan_services.callplan_set_closing_questions(plan=plan, questions=[question])
    pass_time()
    plan_services.callplan_set_closing_questions(plan=plan, questions=[])
    response = client_get(client, owner, history_url("callplan", plan.pk))
    assert "Changed the closing questions" in entries(response)[0]

    client.post(restore_url("callplan", plan.pk), {"entry": restore_refs(response)[0]})

    assert list(CallPlan.objects.get(pk=plan.pk).closing_questions.all()) == [question]
