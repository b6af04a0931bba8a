import datetime
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.models import Team, User
from actionplans.models import ActionStep
from callplans.models import (
    CallPlan,
    ClosingQuestion,
    FeedbackCall,
    Objection,
    ObjectionTemplate,
    PlanEvidence,
    PlanReview,
    RaisedObjection,
)
from candidates.models import Candidate, CandidateSkill, Engagement, Skill
from candidates.selectors import skill_lookup_keys
from demo.people import DEMO_PASSWORD
from joborders.models import (
    Client,
    ClientContact,
    Interview,
    JobOrder,
    Requirement,
    Submittal,
    SubmittalEvent,
)
from references.models import Reference, ReferenceCall, ReferenceFinding, ReferenceQuestion


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    team = factory.SubFactory(TeamFactory)
    role = User.Role.SALESPERSON
    password = factory.PostGenerationMethodCall("set_password", DEMO_PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ManagerFactory(UserFactory):
    role = User.Role.MANAGER

    @factory.post_generation
    def leads(obj, create, extracted, **kwargs):
        """`leads=[team, ...]`: the teams led besides the home team."""
        if create and extracted:
            obj.led_teams.set(extracted)


class DirectorFactory(ManagerFactory):
    role = User.Role.DIRECTOR
    team = None


class SkillFactory(DjangoModelFactory):
    class Meta:
        model = Skill
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Skill {n}")
    aliases = ""
    lookup_keys = factory.LazyAttribute(lambda s: skill_lookup_keys(s.name, s.aliases))


class CandidateFactory(DjangoModelFactory):
    class Meta:
        model = Candidate

    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    headline = "Senior DevOps engineer"
    email = factory.LazyAttribute(lambda c: f"{c.first_name}.{c.last_name}@example.com".lower())
    phone = "+1 555 0100"
    location = "Austin, TX"
    owner = factory.SubFactory(UserFactory)
    summary = "Builds delivery pipelines that teams trust."


class CandidateSkillFactory(DjangoModelFactory):
    class Meta:
        model = CandidateSkill

    candidate = factory.SubFactory(CandidateFactory)
    skill = factory.SubFactory(SkillFactory)
    years = Decimal("5.0")
    last_used_year = 2026


class EngagementFactory(DjangoModelFactory):
    class Meta:
        model = Engagement
        skip_postgeneration_save = True

    candidate = factory.SubFactory(CandidateFactory)
    employer = factory.Faker("company")
    project_name = "Cloud migration"
    role = "DevOps engineer"
    start_date = datetime.date(2022, 1, 1)
    end_date = datetime.date(2024, 6, 30)
    summary = "Moved 40 services from a data centre to AWS."
    challenges_solved = "Unreliable releases; manual infrastructure changes"
    deliverables = "Terraform modules; CI/CD pipelines"
    results = "Release time down from 2 days to 20 minutes"

    @factory.post_generation
    def skills(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.skills.set(extracted)


class ClientFactory(DjangoModelFactory):
    class Meta:
        model = Client

    name = factory.Sequence(lambda n: f"Client {n} Inc.")
    industry = "Financial services"
    owner = factory.SubFactory(UserFactory)
    team = factory.LazyAttribute(lambda c: c.owner.team)


class ClientContactFactory(DjangoModelFactory):
    class Meta:
        model = ClientContact

    client = factory.SubFactory(ClientFactory)
    name = factory.Faker("name")
    title = "VP Engineering"
    email = "contact@example.com"
    phone = "+1 555 0199"


class JobOrderFactory(DjangoModelFactory):
    class Meta:
        model = JobOrder

    owner = factory.SubFactory(UserFactory)
    team = factory.LazyAttribute(lambda j: j.owner.team)
    client = factory.SubFactory(
        ClientFactory, owner=factory.SelfAttribute("..owner"), team=factory.SelfAttribute("..team")
    )
    contact = None
    title = factory.Sequence(lambda n: f"DevOps engineer #{n}")
    project_goal = "Move the payments platform to Kubernetes by Q3."
    project_scope = "Team of 8, six months"
    # Long before any date a test submits on, so a submittal "last month" is in order; the
    # tests of the dates themselves (tests/joborders/test_dates.py) set it.
    received_on = datetime.date(2020, 1, 1)


class RequirementFactory(DjangoModelFactory):
    class Meta:
        model = Requirement

    job_order = factory.SubFactory(JobOrderFactory)
    kind = Requirement.Kind.CHALLENGE
    description = "Stabilise a flaky release pipeline"
    must_have = True
    position = factory.Sequence(lambda n: n)


class SubmittalFactory(DjangoModelFactory):
    class Meta:
        model = Submittal

    job_order = factory.SubFactory(JobOrderFactory)
    candidate = factory.SubFactory(CandidateFactory)
    submitted_by = factory.LazyAttribute(lambda s: s.job_order.owner)
    interview_at = None
    # Submitted before a past interview, a day ahead: "now" would put an interview an hour ago
    # before the submission whenever the hour crosses midnight.
    submitted_at = factory.LazyAttribute(
        lambda s: (
            min(timezone.now(), s.interview_at - datetime.timedelta(days=1))
            if isinstance(s.interview_at, datetime.datetime)
            else timezone.now()
        )
    )
    status = Submittal.Status.SUBMITTED


class InterviewFactory(DjangoModelFactory):
    """A round as stored; tests that need `Submittal.interview_at` kept in step schedule rounds
    through `joborders.services.interview_schedule` instead."""

    class Meta:
        model = Interview

    submittal = factory.SubFactory(SubmittalFactory)
    round = 1
    kind = Interview.Kind.VIDEO
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=2))
    ends_at = factory.LazyAttribute(lambda i: i.starts_at + datetime.timedelta(hours=1))


class SubmittalEventFactory(DjangoModelFactory):
    class Meta:
        model = SubmittalEvent

    submittal = factory.SubFactory(SubmittalFactory)
    from_status = ""
    to_status = Submittal.Status.SUBMITTED
    changed_by = factory.LazyAttribute(lambda e: e.submittal.submitted_by)
    changed_at = factory.LazyFunction(timezone.now)


class ReferenceFactory(DjangoModelFactory):
    class Meta:
        model = Reference

    candidate = factory.SubFactory(CandidateFactory)
    name = factory.Faker("name")
    title = "Engineering manager"
    company = "Acme Corp"
    relationship = Reference.Relationship.MANAGER


class ReferenceCallFactory(DjangoModelFactory):
    class Meta:
        model = ReferenceCall

    reference = factory.SubFactory(ReferenceFactory)
    called_by = factory.SubFactory(UserFactory)
    team = factory.LazyAttribute(lambda c: c.called_by.team)
    job_order = None
    called_at = factory.LazyFunction(timezone.now)
    would_rehire = ReferenceCall.Rehire.YES
    rating = 4
    summary = "Would hire again for a platform role."


class ReferenceFindingFactory(DjangoModelFactory):
    class Meta:
        model = ReferenceFinding

    call = factory.SubFactory(ReferenceCallFactory)
    requirement = None
    assessment = ReferenceFinding.Assessment.STRONG
    quote = "She rebuilt our pipeline in a month."


class ReferenceQuestionFactory(DjangoModelFactory):
    class Meta:
        model = ReferenceQuestion

    team = factory.SubFactory(TeamFactory)
    text = "What would you not hand to this person?"
    category = "Weaknesses"


class ClosingQuestionFactory(DjangoModelFactory):
    class Meta:
        model = ClosingQuestion

    team = factory.SubFactory(TeamFactory)
    text = "Are you ready to move forward?"
    position = factory.Sequence(lambda n: n)


class CallPlanFactory(DjangoModelFactory):
    class Meta:
        model = CallPlan

    submittal = factory.SubFactory(SubmittalFactory)
    author = factory.LazyAttribute(lambda p: p.submittal.submitted_by)
    next_action = "Ask the client to extend an offer."


class ObjectionFactory(DjangoModelFactory):
    class Meta:
        model = Objection

    plan = factory.SubFactory(CallPlanFactory)
    category = Objection.Category.SKILL_GAP
    text = "Only two years of Kubernetes"
    rebuttal = "Ran 40 services on EKS in production for two years."
    position = factory.Sequence(lambda n: n)


class ObjectionTemplateFactory(DjangoModelFactory):
    class Meta:
        model = ObjectionTemplate

    team = factory.SubFactory(TeamFactory)
    category = Objection.Category.SKILL_GAP
    text = "The candidate lacks a required skill"
    rebuttal = "Show an engagement where they learned a comparable skill fast."


class PlanEvidenceFactory(DjangoModelFactory):
    class Meta:
        model = PlanEvidence

    plan = factory.SubFactory(CallPlanFactory)
    requirement = factory.SubFactory(
        RequirementFactory, job_order=factory.SelfAttribute("..plan.submittal.job_order")
    )
    engagement = factory.SubFactory(
        EngagementFactory, candidate=factory.SelfAttribute("..plan.submittal.candidate")
    )
    similarity_note = "Same cloud migration at a bank of similar size."


class PlanReviewFactory(DjangoModelFactory):
    class Meta:
        model = PlanReview

    plan = factory.SubFactory(CallPlanFactory)
    reviewer = factory.SubFactory(ManagerFactory)
    decision = PlanReview.Decision.APPROVED
    comment = "Good rebuttals."


class FeedbackCallFactory(DjangoModelFactory):
    class Meta:
        model = FeedbackCall

    plan = factory.SubFactory(CallPlanFactory)
    called_by = factory.LazyAttribute(lambda f: f.plan.author)
    called_at = factory.LazyFunction(timezone.now)
    outcome = FeedbackCall.Outcome.OFFER


class RaisedObjectionFactory(DjangoModelFactory):
    class Meta:
        model = RaisedObjection

    feedback_call = factory.SubFactory(FeedbackCallFactory)
    objection = None
    category = Objection.Category.OTHER
    text = "Rate is above budget"
    handled = RaisedObjection.Handled.PARTLY


def matrix_people(team, other_team) -> dict:
    """One user per role the authorization matrices check, by the role's name."""
    return {
        "owner": UserFactory(username="owner", team=team),
        "teammate": UserFactory(username="teammate", team=team),
        "manager": ManagerFactory(username="manager", team=team),
        "outsider": UserFactory(username="outsider", team=other_team),
        "outside_manager": ManagerFactory(username="outside_manager", team=other_team),
        "superuser": UserFactory(username="root", team=None, is_superuser=True, is_staff=True),
        **leaders_of(team),
    }


def leaders_of(team) -> dict:
    """A director over `team` and a third team, and a manager whose home is that third team
    who leads `team` as well: both reach `team` only through the teams they lead."""
    third = TeamFactory(name="Third test team")
    return {
        "director": DirectorFactory(username="director", leads=[team, third]),
        "manager_two_teams": ManagerFactory(username="manager_two_teams", team=third, leads=[team]),
    }


class ActionStepFactory(DjangoModelFactory):
    class Meta:
        model = ActionStep

    submittal = factory.SubFactory(SubmittalFactory)
    title = factory.Sequence(lambda n: f"Step {n}")
    side = ActionStep.Side.US
    person = "Dana Reyes"
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=3))
    position = factory.Sequence(lambda n: n)
