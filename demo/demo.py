"""Realistic demo data from the source document's world: a bank moving payments to Kubernetes,
a health company building a patient portal, candidates with evidence, references, submittals at
every stage and one complete call plan. Everything is written through the services."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from accounts.models import Team, User
from callplans.models import CallPlan, Objection, PracticeSession
from callplans.services import (
    NextRound,
    PracticeItemInput,
    callplan_create,
    callplan_set_closing_questions,
    closingquestion_create,
    feedbackcall_record,
    objection_add,
    objectiontemplate_create,
    planevidence_link,
    practicesession_record,
    referenceroleplay_record,
)
from candidates.models import Candidate, Skill
from candidates.selectors import skill_resolve
from candidates.services import (
    skill_create,
)
from demo import demo_candidates
from demo.people import DemoPeople
from joborders.models import Client, Interview, JobOrder, Requirement, Submittal
from joborders.services import (
    client_contact_create,
    client_create,
    interview_update,
    joborder_create,
    lossreasons_start,
    requirement_add,
    submittal_change_status,
    submittal_create,
    submittal_set_dates,
    submittal_set_loss,
)
from references.services import (
    finding_record,
    reference_create,
    referencecall_create,
    referencequestion_create,
)

SKILLS = [
    ("Kubernetes", "k8s, kube"),
    ("Terraform", "tf"),
    ("AWS", "Amazon Web Services"),
    ("Python", "py"),
    ("Docker", "containers"),
    ("GitHub Actions", "gha"),
    ("Jenkins", ""),
    ("Prometheus", ""),
    ("Linux", ""),
    ("Go", "golang"),
    ("React", "React.js, ReactJS"),
    ("TypeScript", "TS"),
    ("JavaScript", "JS"),
    ("Node.js", "node, nodejs"),
    ("PostgreSQL", "postgres, psql"),
    ("Java", ""),
    ("Azure", "Microsoft Azure"),
    ("GraphQL", ""),
    ("Argo CD", "argocd"),
    ("Flux", "fluxcd"),
]

SOURCE_CLOSING_QUESTIONS = [
    "How do you feel about moving forward at this time?",
    "Are you ready to move forward?",
    "Is there any reason why you wouldn't or couldn't move forward at this time?",
    "Would you like me to take the candidate off the market?",
    "Shall I extend an offer to the candidate on your behalf?",
    "Are you comfortable in giving me an opportunity to work with you?",
    "Can we get started on this project?",
]

REFERENCE_QUESTIONS = [
    ("Fit", "Here is the project my client is hiring for. How do you see them performing in it?"),
    ("Evidence", "Tell me about the hardest problem they solved for you. What was the result?"),
    ("Evidence", "What did they deliver that is still in use today?"),
    ("Weaknesses", "What would you not hand to them without support?"),
    ("Weaknesses", "Where did you have to coach them, and how did they respond?"),
    ("Rehire", "Would you rehire them for this role? Why, or why not?"),
]

OBJECTION_LIBRARY = [
    (
        Objection.Category.SKILL_GAP,
        "The candidate is light on one of our core tools.",
        "They have shipped with the adjacent tool for years and picked up the last new one in "
        "weeks; the reference confirms how quickly they ramp.",
    ),
    (
        Objection.Category.EXPERIENCE_GAP,
        "They have not worked in our industry.",
        "The problems are the same: uptime, audits and change control. Their last project met "
        "the same regulator-grade controls.",
    ),
    (
        Objection.Category.NOT_SOLVED_BEFORE,
        "Have they actually solved this problem before?",
        "Walk the client through the engagement where they solved the closest problem: the dates, the "
        "employer and the measured result.",
    ),
    (
        Objection.Category.NOT_DELIVERED_BEFORE,
        "Have they delivered this kind of artifact before?",
        "Offer the client a walkthrough of a comparable deliverable they produced, and the "
        "reference who used it.",
    ),
    (
        Objection.Category.SCOPE,
        "Our project is bigger than anything on their résumé.",
        "Scope is people and systems: they coordinated with a team of the same size and "
        "ran a migration with a similar number of services.",
    ),
]


@dataclass(frozen=True)
class Pipeline:
    candidate: Candidate
    job_order: JobOrder
    stages: tuple[str, ...]
    interview_in_days: int | None = None


def seed_demo_world(people: DemoPeople) -> bool:
    """Load the demo world once; returns False when it is already there."""
    if Client.objects.filter(team=people.team, name="Contoso Bank").exists():
        return False
    with transaction.atomic():
        _seed(people)
    return True


def _seed(people: DemoPeople) -> None:
    sam, priya = people.salespeople
    skills = {name: skill_resolve(name) or skill_create(name=name, aliases=a) for name, a in SKILLS}
    _seed_team_libraries(people.team, people.other_team)

    devops = _devops_job_order(sam, skills)
    fullstack = _fullstack_job_order(priya, skills)
    _other_team_job_order(people.other_salesperson)

    alex = demo_candidates.alex_morgan(sam, skills)
    jordan = demo_candidates.jordan_lee(sam, skills)
    riley = demo_candidates.riley_chen(priya, skills)
    casey = demo_candidates.simple_candidate(
        priya, "Casey", "Nguyen", "Full-stack engineer", skills, "React"
    )
    morgan = demo_candidates.simple_candidate(
        sam, "Morgan", "Diaz", "Site reliability engineer", skills, "Go"
    )
    taylor = demo_candidates.simple_candidate(
        sam, "Taylor", "Brooks", "Cloud engineer", skills, "Azure"
    )
    drew = demo_candidates.simple_candidate(
        priya, "Drew", "Evans", "Front-end engineer", skills, "React"
    )

    S = Submittal.Status
    pipelines = [
        Pipeline(alex, devops, (S.INTERVIEW_SCHEDULED, S.INTERVIEWED), interview_in_days=-1),
        # Round 1 six days ago; its feedback call ("next round") schedules round 2 below.
        Pipeline(jordan, devops, (S.INTERVIEW_SCHEDULED, S.INTERVIEWED), interview_in_days=-6),
        Pipeline(morgan, devops, (S.INTERVIEW_SCHEDULED, S.INTERVIEWED, S.OFFER, S.PLACED), -20),
        Pipeline(taylor, devops, (S.INTERVIEW_SCHEDULED, S.INTERVIEWED, S.REJECTED), -12),
        Pipeline(riley, fullstack, (S.INTERVIEW_SCHEDULED, S.INTERVIEWED, S.OFFER), -3),
        Pipeline(casey, fullstack, ()),
        Pipeline(drew, fullstack, (S.WITHDRAWN,)),
    ]
    submittals = {p.candidate.pk: _run_pipeline(p) for p in pipelines}
    _say_why_lost(people.team, submittals[taylor.pk], "Skills or experience gap", TAYLOR_LOSS)
    _say_why_lost(people.team, submittals[drew.pk], "Accepted another offer", DREW_LOSS)

    _jordan_second_round(submittals[jordan.pk], sam)
    _alex_reference_call(alex, devops, sam)
    _alex_call_plan(submittals[alex.pk], devops, sam)


def seed_demo_third_team(people: DemoPeople) -> bool:
    """Cascade's few records (Lena's job order, two candidates, one with an interview and a
    plan), so Theo and Diana see two teams' work; once, returns False when already there."""
    team, lena = people.third_team, people.third_salesperson
    if team is None or Client.objects.filter(team=team, name="Litware Logistics").exists():
        return False
    with transaction.atomic():
        _seed_team_libraries(team)
        skills = {
            name: skill_resolve(name) or skill_create(name=name, aliases=a) for name, a in SKILLS
        }
        client = client_create(owner=lena, name="Litware Logistics", industry="Logistics")
        job = joborder_create(
            owner=lena,
            client=client,
            title="Platform Engineer — route planning on AWS",
            received_on=timezone.localdate() - datetime.timedelta(days=RECEIVED_DAYS_AGO - 5),
            bill_rate=92,
            employment_type=JobOrder.EmploymentType.CONTRACT,
            expected_hours=40 * 26,
            project_goal="Move route planning to AWS so depots get their routes before 5 am.",
        )
        K = Requirement.Kind
        _add_requirements(
            job,
            skills,
            {
                K.CHALLENGE: ["Nightly batch finishes too late for the morning shift"],
                K.SKILL: [("AWS", 3, True), ("Terraform", 2, True), ("Python", 3, False)],
            },
        )
        S = Submittal.Status
        quinn = demo_candidates.simple_candidate(
            lena, "Quinn", "Harper", "Platform engineer", skills, "AWS"
        )
        avery = demo_candidates.simple_candidate(
            lena, "Avery", "Santos", "Cloud engineer", skills, "Terraform"
        )
        interviewing = _run_pipeline(Pipeline(quinn, job, (S.INTERVIEW_SCHEDULED,), 3))
        _run_pipeline(Pipeline(avery, job, ()))
        plan = callplan_create(
            submittal=interviewing,
            author=lena,
            next_action="Ask Litware for a second interview with the depot lead.",
        )
        objection_add(
            plan=plan,
            category="other",
            text="Quinn has not run Terraform at our scale.",
            rebuttal="Quinn moved 40 accounts to Terraform modules at her last client.",
        )
    return True


TAYLOR_LOSS = "They wanted hands-on Terraform at scale; Taylor's was a single small estate."
DREW_LOSS = "Took a full-remote role two days before our second interview."


def _say_why_lost(team: Team, submittal: Submittal, label: str, note: str) -> None:
    submittal_set_loss(
        submittal=submittal, loss_reason=team.loss_reasons.get(label=label), loss_note=note
    )


def _seed_team_libraries(*teams: Team) -> None:
    for team in teams:
        lossreasons_start(team=team)
        for text in SOURCE_CLOSING_QUESTIONS:
            closingquestion_create(team=team, text=text)
        for category, text in REFERENCE_QUESTIONS:
            referencequestion_create(team=team, text=text, category=category)
        for category, text, rebuttal in OBJECTION_LIBRARY:
            objectiontemplate_create(team=team, category=category, text=text, rebuttal=rebuttal)


def _add_requirements(job: JobOrder, skills: dict[str, Skill], spec: dict) -> None:
    K = Requirement.Kind
    for kind in (K.CHALLENGE, K.DELIVERABLE, K.RESULT, K.EXPERIENCE):
        for text in spec.get(kind, ()):
            requirement_add(job_order=job, kind=kind, description=text)
    for name, years, must in spec.get(K.SKILL, ()):
        requirement_add(
            job_order=job, kind=K.SKILL, skill=skills[name], min_years=years, must_have=must
        )


def _devops_job_order(owner: User, skills: dict[str, Skill]) -> JobOrder:
    client = client_create(
        owner=owner,
        name="Contoso Bank",
        industry="Financial services",
        website="https://contoso.example",
    )
    contact = client_contact_create(
        client=client,
        name="Dana Ruiz",
        title="VP Platform Engineering",
        email="dana.ruiz@contoso.example",
        phone="+1 512 555 0147",
    )
    job = joborder_create(
        owner=owner,
        client=client,
        contact=contact,
        title="Senior DevOps Engineer — payments platform",
        received_on=timezone.localdate() - datetime.timedelta(days=RECEIVED_DAYS_AGO),
        openings=1,
        start_date=timezone.localdate() + datetime.timedelta(days=21),
        duration_weeks=26,
        bill_rate=95,
        employment_type=JobOrder.EmploymentType.CONTRACT,
        expected_hours=40 * 26,
        project_goal=(
            "Move the card-payments platform from hand-built VMs to Kubernetes on AWS before "
            "the Q3 peak, with no customer-visible outage."
        ),
        project_scope="Platform team of 8; six-month contract, likely extension; PCI DSS scope.",
    )
    K = Requirement.Kind
    _add_requirements(
        job,
        skills,
        {
            K.CHALLENGE: [
                "Releases take two days and one in five fails",
                "Infrastructure is changed by hand and staging cannot be trusted",
            ],
            K.DELIVERABLE: [
                "Terraform modules for the AWS landing zone",
                "CI/CD pipelines with automated rollback",
            ],
            K.RESULT: [
                "Deploy lead time under one hour",
                "Change failure rate below 5%",
            ],
            K.EXPERIENCE: ["Delivered in a PCI DSS regulated environment"],
            K.SKILL: [
                ("Kubernetes", 4, True),
                ("Terraform", 3, True),
                ("Argo CD", 2, True),
                ("Python", 2, False),
            ],
        },
    )
    return job


def _fullstack_job_order(owner: User, skills: dict[str, Skill]) -> JobOrder:
    client = client_create(owner=owner, name="Fabrikam Health", industry="Healthcare")
    contact = client_contact_create(
        client=client,
        name="Chris Okafor",
        title="Director of Digital Products",
        email="chris.okafor@fabrikam.example",
        phone="+1 617 555 0190",
    )
    job = joborder_create(
        owner=owner,
        client=client,
        contact=contact,
        title="Full-Stack Engineer — patient portal",
        received_on=timezone.localdate() - datetime.timedelta(days=RECEIVED_DAYS_AGO - 3),
        start_date=timezone.localdate() + datetime.timedelta(days=14),
        duration_weeks=40,
        bill_rate=88,
        employment_type=JobOrder.EmploymentType.CONTRACT,
        expected_hours=40 * 40,
        project_goal=(
            "Launch a patient portal where patients book appointments and see results, "
            "replacing phone bookings at 12 clinics."
        ),
        project_scope="Squad of 5 (2 front-end, 2 back-end, 1 QA); 9 months; HIPAA.",
    )
    K = Requirement.Kind
    _add_requirements(
        job,
        skills,
        {
            K.CHALLENGE: ["Legacy booking system with no API"],
            K.DELIVERABLE: ["Accessible React booking flow (WCAG 2.1 AA)"],
            K.RESULT: ["30% of bookings online within 3 months of launch"],
            K.SKILL: [("React", 3, True), ("TypeScript", 2, True), ("Node.js", 3, True)],
        },
    )
    return job


def _other_team_job_order(owner: User) -> JobOrder:
    client = client_create(owner=owner, name="Tailspin Airlines", industry="Travel")
    return joborder_create(
        owner=owner,
        client=client,
        title="Data Engineer — loyalty analytics",
        received_on=timezone.localdate() - datetime.timedelta(days=10),
        employment_type=JobOrder.EmploymentType.PERMANENT,
        placement_fee=27_500,
        project_goal="Rebuild the loyalty data pipeline so offers go out the same day.",
    )


# The demo's dates add up (joborders/dates.py): the job orders were received before anyone was
# submitted, every submittal was made SUBMITTED_DAYS_AGO, and each later stage is dated from the
# interview, so no metric is negative and none is left out.
RECEIVED_DAYS_AGO = 40
SUBMITTED_DAYS_AGO = 30


def _stage_times(
    stages: tuple[str, ...],
    submitted_at: datetime.datetime,
    interview_at: datetime.datetime | None,
) -> list[datetime.datetime]:
    """When the submittal moved into each stage: scheduling two days after the submittal, the
    debrief two hours after the interview, an offer two days after it, a placement three days
    after the offer, a rejection the day after the interview; a withdrawal five days in."""
    S = Submittal.Status
    day = datetime.timedelta(days=1)
    times: list[datetime.datetime] = []
    for status in stages:
        previous = times[-1] if times else submitted_at
        if status == S.INTERVIEW_SCHEDULED:
            when = submitted_at + 2 * day
        elif interview_at is None:
            when = previous + 5 * day
        elif status == S.INTERVIEWED:
            when = interview_at + datetime.timedelta(hours=2)
        elif status == S.OFFER:
            when = interview_at + 2 * day
        elif status == S.PLACED:
            when = previous + 3 * day
        else:  # rejected or withdrawn after the interview
            when = interview_at + day
        times.append(max(when, previous))
    return times


def _run_pipeline(pipeline: Pipeline) -> Submittal:
    owner = pipeline.job_order.owner
    now = timezone.now()
    submitted_at = now - datetime.timedelta(days=SUBMITTED_DAYS_AGO)
    submittal = submittal_create(
        job_order=pipeline.job_order,
        candidate=pipeline.candidate,
        submitted_by=owner,
        submitted_at=submitted_at,
    )
    interview_at = None
    if pipeline.interview_in_days is not None:
        interview_at = (now + datetime.timedelta(days=pipeline.interview_in_days)).replace(
            hour=15, minute=0, second=0, microsecond=0
        )
    times = _stage_times(pipeline.stages, submitted_at, interview_at)
    for status, changed_at in zip(pipeline.stages, times, strict=True):
        submittal_change_status(
            submittal=submittal,
            status=status,
            changed_by=owner,
            interview_at=interview_at,
            changed_at=min(changed_at, now),
        )
        if status == Submittal.Status.PLACED:
            start_on = timezone.localdate(changed_at) + datetime.timedelta(days=14)
            submittal_set_dates(submittal=submittal, start_on=start_on)
    return submittal


def _jordan_second_round(submittal: Submittal, sam: User) -> None:
    """Jordan's phone screen six days ago with Dana, its feedback call the same afternoon
    ("next round"), and the on-site round 2 in two days with Dana, upcoming on the dashboard."""
    dana = submittal.job_order.contact
    first = submittal.interviews.get(round=1)
    interview_update(
        interview=first,
        starts_at=first.starts_at,
        ends_at=first.starts_at + datetime.timedelta(minutes=45),
        kind=Interview.Kind.PHONE,
        interviewers=[dana],
        notes="Screening call: platform history and on-call load.",
    )
    plan = callplan_create(
        submittal=submittal,
        author=sam,
        next_action="Ask Dana to confirm the on-site panel and the decision date.",
    )
    second_at = (timezone.now() + datetime.timedelta(days=2)).replace(
        hour=15, minute=0, second=0, microsecond=0
    )
    feedbackcall_record(
        plan=plan,
        called_by=sam,
        called_at=first.starts_at + datetime.timedelta(hours=2),
        outcome="next_round",
        closing_question_asked=None,
        commitment="On-site with the platform team and the CTO.",
        # No next step: it would become a step of an action plan, which Jordan's has none of.
        next_step="",
        notes="Dana liked the incident stories; wants depth on Terraform. Send Jordan the "
        "on-site agenda.",
        raised=[],
        next_round=NextRound(starts_at=second_at, kind=Interview.Kind.ON_SITE),
    )
    second = submittal.interviews.get(round=2)
    interview_update(
        interview=second,
        starts_at=second.starts_at,
        ends_at=second.starts_at + datetime.timedelta(hours=2),
        kind=Interview.Kind.ON_SITE,
        interviewers=[dana],
        location="Contoso Bank, 400 Congress Ave, Austin, floor 12",
        notes="Panel: platform team, then the CTO. Bring the Terraform module walkthrough.",
    )


def _alex_reference_call(alex: Candidate, job: JobOrder, caller: User) -> None:
    engagement = alex.engagements.get(employer="Northwind Payments")
    reference = reference_create(
        candidate=alex,
        engagement=engagement,
        name="Pat Kim",
        title="Head of Platform",
        relationship="manager",
        email="pat.kim@northwind.example",
        phone="+1 512 555 0166",
    )
    call = referencecall_create(
        reference=reference,
        called_by=caller,
        job_order=job,
        called_at=timezone.now() - datetime.timedelta(days=5),
        job_details_shared=True,
        would_rehire="yes",
        rating=5,
        status="complete",
        summary="Would rehire tomorrow; ran our EKS migration end to end.",
        strengths="Calm under release pressure; automates everything; teaches the team.",
        concerns="Has not owned a Python codebase; scripts rather than services.",
    )
    requirements = {r.description: r for r in job.requirements.all()}
    finding_record(
        call=call,
        requirement=requirements["Releases take two days and one in five fails"],
        assessment="strong",
        quote="Alex took us from two-day releases to 25 minutes. Nobody misses release night.",
    )
    finding_record(
        call=call,
        requirement=requirements["Delivered in a PCI DSS regulated environment"],
        assessment="strong",
        quote="Our QSA signed off the new platform with no findings.",
    )
    finding_record(
        call=call,
        requirement=job.requirements.get(skill__name="Python"),
        assessment="concern",
        quote="Python for glue scripts, not applications.",
    )
    finding_record(
        call=call,
        requirement=job.requirements.get(skill__name="Argo CD"),
        assessment="adequate",
        quote="Alex ran GitOps with Flux on every Northwind cluster; Argo CD is a new tool, "
        "not a new practice.",
    )


def _alex_call_plan(submittal: Submittal, job: JobOrder, author: User) -> CallPlan:
    plan = callplan_create(
        submittal=submittal,
        author=author,
        candidate_story=(
            "Alex did this exact migration at Northwind Payments: 40 payment services to EKS "
            "under PCI DSS, with deploys down from two days to 25 minutes."
        ),
        next_action="Ask Dana to extend an offer this week so Alex can start before the freeze.",
    )
    callplan_set_closing_questions(
        plan=plan,
        questions=list(job.team.closing_questions.filter(text__in=SOURCE_CLOSING_QUESTIONS[3:5])),
    )
    northwind = submittal.candidate.engagements.get(employer="Northwind Payments")
    for description, note in [
        (
            "Infrastructure is changed by hand and staging cannot be trusted",
            "Northwind's estate was hand-built VMs too; Alex put all of it in Terraform.",
        ),
        (
            "Terraform modules for the AWS landing zone",
            "Alex wrote Northwind's AWS landing zone modules, still in use.",
        ),
        (
            "CI/CD pipelines with automated rollback",
            "Same pipeline pattern: GitHub Actions with automated rollback on failed checks.",
        ),
        ("Deploy lead time under one hour", "Northwind went from 2 days to 25 minutes."),
    ]:
        planevidence_link(
            plan=plan,
            requirement=job.requirements.get(description=description),
            engagement=northwind,
            similarity_note=note,
        )
    python = job.requirements.get(skill__name="Python")
    objection_add(
        plan=plan,
        category=Objection.Category.SKILL_GAP,
        requirement=python,
        text="Alex's Python is scripting, not application development.",
        rebuttal="The role's Python is automation glue; Alex wrote the rollback tooling at "
        "Northwind in Python, and it is still in use.",
        likelihood=Objection.Likelihood.HIGH,
        source=Objection.Source.SUGGESTED,
    )
    objection_add(
        plan=plan,
        category=Objection.Category.SCOPE,
        text="Our estate is bigger than Northwind's.",
        rebuttal="Northwind ran 40 services with a team of 10; your platform team is 8.",
        likelihood=Objection.Likelihood.MEDIUM,
        source=Objection.Source.LIBRARY,
    )
    objection_add(
        plan=plan,
        category=Objection.Category.OTHER,
        text="The rate is at the top of our budget.",
        rebuttal="One failed release during the Q3 peak costs more than the rate difference.",
        likelihood=Objection.Likelihood.MEDIUM,
        source=Objection.Source.MANUAL,
    )
    _alex_practice(plan, author)
    return plan


def _alex_practice(plan: CallPlan, sam: User) -> None:
    """Yesterday's practice with Priya: two of the objection cards (the rate one not yet, so the
    plan is not rehearsed) and a closing role-play of two rounds. Neither changes the plan."""
    yesterday = timezone.now() - datetime.timedelta(days=1)
    python, scope, rate = plan.objections.order_by("position", "id")
    practicesession_record(
        plan=plan,
        author=sam,
        kind=PracticeSession.Kind.OBJECTIONS,
        partner="Priya Shah",
        practised_at=yesterday,
        items=[
            PracticeItemInput(result="nailed", objection=python),
            PracticeItemInput(
                result="shaky", objection=scope, note="Lead with the 40 services, not the team"
            ),
        ],
    )
    practicesession_record(
        plan=plan,
        author=sam,
        kind=PracticeSession.Kind.CLOSING,
        partner="Priya Shah",
        practised_at=yesterday + datetime.timedelta(minutes=20),
        closing_question=plan.closing_questions.order_by("position", "id").first(),
        items=[
            PracticeItemInput(result="shaky", answer="not_yet", objection=rate),
            PracticeItemInput(result="nailed", answer="ready"),
        ],
    )
    referenceroleplay_record(
        job_order=plan.submittal.job_order,
        candidate=plan.submittal.candidate,
        author=sam,
        partner="Priya Shah",
        items=[
            PracticeItemInput(
                result="shaky",
                prompt="Tell me about a time Alex used Terraform. How deep did it go?",
                transcript="She wrote some modules, I think? Mostly she was on the cluster side.",
            ),
            PracticeItemInput(result="shaky", prompt="Did I ask the tough, pointed questions?"),
            PracticeItemInput(
                result="missed",
                prompt="Did I get specifics — when, where, what result — for each requirement?",
            ),
        ],
        note="Dig for the module count and the year before the real call.",
    )
