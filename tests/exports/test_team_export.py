"""Team data export: /team/export/ (managers only), team.json and one CSV per table, and
`manage.py import_team_export` loading the JSON into an empty database."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import Team, User
from callplans.models import CallPlan, FeedbackCall, Objection, PlanEvidence, RaisedObjection
from candidates.models import Candidate, Engagement, Skill
from joborders.models import JobOrder, Requirement, Submittal, SubmittalEvent
from references.models import ReferenceCall, ReferenceFinding
from tests.factories import (
    CallPlanFactory,
    CandidateFactory,
    CandidateSkillFactory,
    ClientContactFactory,
    ClosingQuestionFactory,
    EngagementFactory,
    FeedbackCallFactory,
    InterviewFactory,
    JobOrderFactory,
    ObjectionFactory,
    ObjectionTemplateFactory,
    PlanEvidenceFactory,
    PlanReviewFactory,
    RaisedObjectionFactory,
    ReferenceCallFactory,
    ReferenceFactory,
    ReferenceFindingFactory,
    ReferenceQuestionFactory,
    RequirementFactory,
    SkillFactory,
    SubmittalEventFactory,
    SubmittalFactory,
)

EXPORT = "/team/export/"
JSON_URL = "/team/export/team.json"


def csv_url(table: str) -> str:
    return f"/team/export/{table}.csv"


def team_data(owner, manager, outsider):
    """A team with one of everything, a candidate owned by another team, and another team's
    own work that must stay out of the export."""
    kube = SkillFactory(name="Kubernetes")
    contact = ClientContactFactory(client__owner=owner, name="Pat Lee")
    job = JobOrderFactory(owner=owner, client=contact.client, contact=contact, title="SRE lead")
    RequirementFactory(job_order=job, description="Cut release time in half")
    RequirementFactory(job_order=job, kind=Requirement.Kind.SKILL, skill=kube, description="")
    candidate = CandidateFactory(owner=outsider, first_name="Alex", last_name="Kim")
    CandidateSkillFactory(candidate=candidate, skill=kube)
    engagement = EngagementFactory(candidate=candidate, skills=[SkillFactory(name="Terraform")])
    submittal = SubmittalFactory(job_order=job, candidate=candidate, submitted_by=owner)
    SubmittalEventFactory(submittal=submittal)
    reference = ReferenceFactory(candidate=candidate, engagement=engagement, name="Dana Reyes")
    call = ReferenceCallFactory(called_by=owner, reference=reference, job_order=job)
    ReferenceFindingFactory(call=call, requirement=job.requirements.first())
    ReferenceQuestionFactory(team=owner.team)
    question = ClosingQuestionFactory(team=owner.team, text="Shall we book the final round?")
    ObjectionTemplateFactory(team=owner.team, skill=kube)
    plan = CallPlanFactory(submittal=submittal, author=owner, candidate_story="Did it at a bank.")
    plan.closing_questions.set([question])
    objection = ObjectionFactory(plan=plan, text="Only two years of Kubernetes")
    PlanEvidenceFactory(plan=plan, requirement=job.requirements.first(), engagement=engagement)
    PlanReviewFactory(plan=plan, reviewer=manager)
    interview = InterviewFactory(submittal=submittal)
    interview.interviewers.set([contact])
    feedback = FeedbackCallFactory(plan=plan, closing_question_asked=question, interview=interview)
    RaisedObjectionFactory(feedback_call=feedback, objection=objection)
    # another team's own work
    JobOrderFactory(owner=outsider, title="Their secret job")
    CandidateFactory(owner=outsider, first_name="Their", last_name="Candidate")
    return job


def export_json(client, manager) -> str:
    client.force_login(manager)
    response = client.get(JSON_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="dialready-')
    return response.content.decode()


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


# --- Who may export ---------------------------------------------------------------------------


@pytest.mark.parametrize("url", [EXPORT, JSON_URL, csv_url("joborders")])
def test_a_salesperson_may_not_export_the_team(client, owner, url):
    client.force_login(owner)
    assert client.get(url).status_code == 403


def test_a_superuser_without_a_team_is_told_export_is_per_team(client, superuser):
    client.force_login(superuser)
    assert client.get(EXPORT).status_code == 403


def test_exporting_needs_a_login(client, db):
    response = client.get(JSON_URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_export_page_offers_the_json_file_and_a_csv_per_table(client, owner, manager, outsider):
    team_data(owner, manager, outsider)
    client.force_login(manager)
    response = client.get(EXPORT)
    assert response.status_code == 200
    body = response.text
    assert f"Export {manager.team.name}" in body
    assert 'href="/team/export/team.json"' in body
    assert 'href="/team/export/joborders.csv"' in body
    assert "without passwords" in body
    assert 'href="/team/export/"' in client.get(reverse("accounts:team")).text


def test_another_managers_export_leaves_this_team_out(client, owner, manager, outside_manager):
    team_data(owner, manager, outside_manager)
    objects = json.loads(export_json(client, outside_manager))
    titles = {o["fields"]["title"] for o in objects if o["model"] == "joborders.joborder"}
    assert titles == {"Their secret job"}
    models = {o["model"] for o in objects}
    assert "references.referencecall" not in models and "callplans.callplan" not in models
    # the candidate their colleague owns comes along (firm-wide), our work on it does not
    names = {o["fields"]["last_name"] for o in objects if o["model"] == "candidates.candidate"}
    assert "Kim" in names


# --- What the JSON file holds -----------------------------------------------------------------


def test_the_json_file_holds_the_team_its_work_and_the_candidates_it_names(
    client, owner, manager, outsider
):
    team_data(owner, manager, outsider)
    objects = json.loads(export_json(client, manager))
    models = {item["model"] for item in objects}
    for label in (
        "accounts.team",
        "accounts.user",
        "candidates.candidate",
        "candidates.engagement",
        "joborders.joborder",
        "joborders.clientcontact",
        "references.referencecall",
        "callplans.callplan",
        "callplans.raisedobjection",
        "joborders.historicaljoborder",
        "callplans.historicalcallplan",
    ):
        assert label in models, label
    titles = {o["fields"]["title"] for o in objects if o["model"] == "joborders.joborder"}
    assert titles == {"SRE lead"}
    names = {o["fields"]["last_name"] for o in objects if o["model"] == "candidates.candidate"}
    assert names == {"Kim"}  # owned by another team, but submitted by this one
    plan = next(o for o in objects if o["model"] == "callplans.callplan")
    assert len(plan["fields"]["closing_questions"]) == 1


def test_people_come_without_passwords_or_rights_and_outsiders_without_their_team(
    client, owner, manager, outsider
):
    team_data(owner, manager, outsider)
    manager.is_staff = True
    manager.save()
    objects = json.loads(export_json(client, manager))
    people = {
        o["fields"]["username"]: o["fields"] for o in objects if o["model"] == "accounts.user"
    }
    assert set(people) == {"owner", "manager", "outsider"}
    for fields in people.values():
        assert fields["password"].startswith("!")  # unusable: no hash leaves the building
        assert "is_staff" not in fields and "is_superuser" not in fields
    assert people["owner"]["team"] == owner.team_id
    assert people["outsider"]["team"] is None
    assert User.objects.get(username="owner").password not in json.dumps(objects)


@pytest.mark.parametrize("jobs", [3, 30])
def test_the_json_export_runs_the_same_queries_whatever_the_team_size(
    client, owner, manager, outsider, django_assert_num_queries, jobs
):
    team_data(owner, manager, outsider)
    for _ in range(jobs):
        RequirementFactory(job_order=JobOrderFactory(owner=owner))
        EngagementFactory(candidate=CandidateFactory(owner=owner), skills=[SkillFactory()])
    client.force_login(manager)
    # session, user; one query per table, one more per many-to-many (engagement skills, plan
    # questions, interviewers) and one per history table
    with django_assert_num_queries(42):
        assert client.get(JSON_URL).status_code == 200


@pytest.mark.parametrize("jobs", [3, 30])
def test_the_export_page_runs_the_same_queries_whatever_the_team_size(
    client, owner, manager, django_assert_num_queries, jobs
):
    for _ in range(jobs):
        JobOrderFactory(owner=owner)
    client.force_login(manager)
    # session, user with team, one count per table
    # + the unread count in the navigation (reminders)
    with django_assert_num_queries(31):
        assert client.get(EXPORT).status_code == 200


# --- CSV per table ----------------------------------------------------------------------------


def test_each_table_downloads_as_csv_with_a_header_of_its_columns(client, owner, manager, outsider):
    job = team_data(owner, manager, outsider)
    client.force_login(manager)
    response = client.get(csv_url("joborders"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = csv_rows(response)
    assert [(r["id"], r["title"], r["client_id"]) for r in rows] == [
        (str(job.pk), "SRE lead", str(job.client_id))
    ]
    people = csv_rows(client.get(csv_url("users")))
    assert "password" not in people[0]
    links = csv_rows(client.get(csv_url("engagement_skills")))
    assert len(links) == 1 and set(links[0]) == {"id", "engagement_id", "skill_id"}


def test_a_csv_cell_that_would_run_as_a_formula_is_neutralised(client, owner, manager):
    JobOrderFactory(owner=owner, title='=HYPERLINK("http://evil.example","Click")')
    client.force_login(manager)
    body = client.get(csv_url("joborders")).content.decode("utf-8-sig")
    assert "'=HYPERLINK(" in body
    assert ",=HYPERLINK(" not in body


def test_an_unknown_table_is_a_404(client, manager):
    client.force_login(manager)
    assert client.get(csv_url("histories")).status_code == 404
    assert client.get(csv_url("auth_permission")).status_code == 404


# --- Import into an empty database ------------------------------------------------------------

COUNTED = [
    Team,
    User,
    Skill,
    Candidate,
    Engagement,
    JobOrder,
    Requirement,
    Submittal,
    SubmittalEvent,
    ReferenceCall,
    ReferenceFinding,
    CallPlan,
    Objection,
    PlanEvidence,
    FeedbackCall,
    RaisedObjection,
    JobOrder.history.model,
    CallPlan.history.model,
]


def _counts() -> dict[str, int]:
    return {model._meta.label: model._base_manager.count() for model in COUNTED}


@pytest.mark.django_db(transaction=True)
def test_an_export_loaded_into_an_empty_database_gives_the_team_back(
    client, owner, manager, tmp_path
):
    outsider = User.objects.create_user("outsider", team=Team.objects.create(name="Harbor"))
    job = team_data(owner, manager, outsider)
    # keep only this team's world in the database, as the file will hold it
    JobOrder.objects.filter(title="Their secret job").delete()
    JobOrder.history.exclude(team_id=owner.team_id).delete()
    Candidate.objects.filter(first_name="Their").delete()
    expected = _counts()
    expected["accounts.Team"] -= 1  # the outsider's team stays behind
    path = tmp_path / "team.json"
    path.write_text(export_json(client, manager), encoding="utf-8")

    call_command("flush", interactive=False, verbosity=0)
    assert User.objects.count() == 0
    out = io.StringIO()
    call_command("import_team_export", str(path), stdout=out)

    assert _counts() == expected
    assert "Everyone needs a new password" in out.getvalue()
    restored = JobOrder.objects.get(pk=job.pk)
    assert (restored.title, restored.contact.name) == ("SRE lead", "Pat Lee")
    assert restored.requirements.count() == 2
    plan = CallPlan.objects.get()
    assert plan.candidate_story == "Did it at a bank."
    assert [q.text for q in plan.closing_questions.all()] == ["Shall we book the final round?"]
    assert Engagement.objects.get().skills.get().name == "Terraform"
    assert User.objects.get(username="outsider").team is None
    assert not User.objects.get(username="manager").has_usable_password()
    assert plan.history.exists() and restored.history.exists()
    # new rows get fresh ids after the loaded ones
    assert JobOrderFactory(owner=User.objects.get(username="owner")).pk > job.pk


@pytest.mark.django_db(transaction=True)
def test_the_file_also_loads_with_djangos_own_loaddata(client, owner, manager, tmp_path):
    job = JobOrderFactory(owner=owner, title="Portable job")
    path = tmp_path / "team.json"
    path.write_text(export_json(client, manager), encoding="utf-8")
    call_command("flush", interactive=False, verbosity=0)
    call_command("loaddata", str(path), verbosity=0)
    assert JobOrder.objects.get(pk=job.pk).title == "Portable job"


def test_the_import_refuses_a_database_that_is_not_empty(client, owner, manager, tmp_path):
    JobOrderFactory(owner=owner)
    path = tmp_path / "team.json"
    path.write_text(export_json(client, manager), encoding="utf-8")
    before = _counts()
    with pytest.raises(CommandError, match="already has people or teams"):
        call_command("import_team_export", str(path))
    assert _counts() == before


@pytest.mark.parametrize(
    "content, message",
    [
        ("not json at all", "not JSON"),
        ("{}", "holds no records"),
        ("[]", "holds no records"),
        ('[{"model": "auth.permission", "pk": 1, "fields": {}}]', "never has"),
    ],
)
def test_the_import_refuses_a_file_that_is_not_a_team_export(db, tmp_path, content, message):
    path = tmp_path / "team.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("import_team_export", str(path))
    assert not User.objects.exists()


def test_the_import_turns_a_smuggled_superuser_into_a_plain_user_without_a_password(db, tmp_path):
    rows = [
        {"model": "accounts.team", "pk": 7, "fields": {"name": "North", "created_at": None}},
        {
            "model": "accounts.user",
            "pk": 3,
            "fields": {
                "username": "eve",
                "password": "md5$salt$0123456789abcdef0123456789abcdef",
                "is_superuser": True,
                "is_staff": True,
                "team": 7,
                "date_joined": "2026-01-01T00:00:00Z",
            },
        },
    ]
    rows[0]["fields"]["created_at"] = "2026-01-01T00:00:00Z"
    path = tmp_path / "team.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    call_command("import_team_export", str(path), stdout=io.StringIO())
    eve = User.objects.get(username="eve")
    assert (eve.is_superuser, eve.is_staff, eve.has_usable_password()) == (False, False, False)


def test_an_unreadable_file_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_team_export", str(tmp_path / "missing.json"))
