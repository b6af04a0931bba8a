"""Bulk benchmark data: `manage.py seed_demo --scale N` loads N units of realistic-looking data.

One unit is 10 teams (a manager and four salespeople each), about 1,000 job orders with their
clients, contacts and requirements, 5,000 candidates with skills and 20,000 engagements, 1,000
references, 5,000 submittals with their status events and call plans (with objections), and
reference calls with findings for a fifth of the submittals.

This module is the one documented exception to "writes go through services": it makes benchmark
data, so it writes with `bulk_create` and skips the services' per-row validation and auditing.
It keeps the invariants the services guarantee (team boundaries, one plan per submittal, one
submittal per candidate and job order, findings and objections pointing at requirements of the
same job order) by construction.

Each unit is created in its own transaction from a random generator seeded with the unit number,
so a unit's data is the same whichever run creates it. Units whose teams already exist (by the
name prefix "Bulk team <unit>-") are skipped: running `--scale 10` twice adds nothing, and
`--scale 20` after `--scale 10` adds units 11 to 20.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from accounts.models import Team, User
from callplans.models import CallPlan, Objection
from candidates.models import Candidate, CandidateSkill, Engagement, Skill
from candidates.selectors import skill_lookup_keys, skill_normalise
from joborders.models import Client, ClientContact, JobOrder, Requirement, Submittal, SubmittalEvent
from references.models import Reference, ReferenceCall, ReferenceFinding

BATCH_SIZE = 2000
BULK_PASSWORD = "dialready-bulk"
TEAMS_PER_UNIT = 10
SALESPEOPLE_PER_TEAM = 4
CLIENTS_PER_TEAM = 10
JOB_ORDERS_PER_UNIT = 1000
CANDIDATES_PER_UNIT = 5000
ENGAGEMENTS_PER_CANDIDATE = 4
SUBMITTALS_PER_UNIT = 5000
REFERENCE_EVERY = 5  # one reference per 5 candidates; one submittal in 5 gets a reference call


def team_prefix(unit: int) -> str:
    return f"Bulk team {unit}-"


# --- Vocabulary ------------------------------------------------------------------------------

# (name, aliases, family). The family groups skills that show up together in one job.
SKILL_TAXONOMY: tuple[tuple[str, str, str], ...] = (
    ("Python", "py", "backend"),
    ("Django", "", "backend"),
    ("FastAPI", "", "backend"),
    ("Java", "", "backend"),
    ("Spring Boot", "spring", "backend"),
    ("Kotlin", "", "backend"),
    ("Go", "golang", "backend"),
    ("Rust", "", "backend"),
    ("C#", "csharp, c sharp", "backend"),
    (".NET", "dotnet, .net core", "backend"),
    ("Node.js", "node, nodejs", "backend"),
    ("PHP", "", "backend"),
    ("Ruby on Rails", "rails, ror", "backend"),
    ("REST APIs", "rest, restful", "backend"),
    ("GraphQL", "", "backend"),
    ("Microservices", "", "backend"),
    ("JavaScript", "js, ecmascript", "frontend"),
    ("TypeScript", "ts", "frontend"),
    ("React", "reactjs, react.js", "frontend"),
    ("Angular", "angularjs", "frontend"),
    ("Vue.js", "vue, vuejs", "frontend"),
    ("Next.js", "nextjs", "frontend"),
    ("HTML/CSS", "html, css", "frontend"),
    ("Accessibility", "a11y, wcag", "frontend"),
    ("SQL", "", "data"),
    ("PostgreSQL", "postgres, psql", "data"),
    ("MySQL", "", "data"),
    ("SQL Server", "mssql, ms sql", "data"),
    ("MongoDB", "mongo", "data"),
    ("Kafka", "apache kafka", "data"),
    ("Spark", "apache spark, pyspark", "data"),
    ("Airflow", "apache airflow", "data"),
    ("dbt", "data build tool", "data"),
    ("Snowflake", "", "data"),
    ("Databricks", "", "data"),
    ("Pandas", "", "data"),
    ("Machine Learning", "ml", "data"),
    ("PyTorch", "", "data"),
    ("Power BI", "powerbi", "data"),
    ("Tableau", "", "data"),
    ("AWS", "amazon web services", "cloud"),
    ("Azure", "microsoft azure", "cloud"),
    ("Google Cloud", "gcp", "cloud"),
    ("Kubernetes", "k8s, kube", "cloud"),
    ("Docker", "", "cloud"),
    ("Terraform", "tf", "cloud"),
    ("Ansible", "", "cloud"),
    ("Helm", "", "cloud"),
    ("Linux", "", "cloud"),
    ("Prometheus", "", "cloud"),
    ("Grafana", "", "cloud"),
    ("GitHub Actions", "gha", "cloud"),
    ("Jenkins", "", "cloud"),
    ("Redis", "", "cloud"),
    ("Selenium", "", "qa"),
    ("Playwright", "", "qa"),
    ("Cypress", "", "qa"),
    ("Swift", "ios", "mobile"),
    ("Android", "", "mobile"),
    ("Flutter", "", "mobile"),
    ("Salesforce", "sfdc", "enterprise"),
    ("SAP", "sap s/4hana", "enterprise"),
    ("ServiceNow", "snow", "enterprise"),
)

ROLES = {
    "backend": ("Backend Developer", "Software Engineer", "Solutions Architect"),
    "frontend": ("Frontend Developer", "Full-Stack Developer", "UI Engineer"),
    "data": ("Data Engineer", "Data Scientist", "Analytics Engineer", "BI Developer"),
    "cloud": (
        "DevOps Engineer",
        "Cloud Engineer",
        "Platform Engineer",
        "Site Reliability Engineer",
    ),
    "qa": ("QA Automation Engineer", "Test Lead"),
    "mobile": ("Mobile Developer", "iOS/Android Engineer"),
    "enterprise": ("Consultant", "Technical Lead", "Integration Specialist"),
}
SENIORITY = ("Junior", "Mid-level", "Senior", "Senior", "Lead", "Principal")

FIRST_NAMES = (
    "Aisha", "Alex", "Ana", "Andre", "Ben", "Carla", "Chen", "Daniel", "Dmitri", "Elena",
    "Emma", "Farah", "Felix", "Grace", "Hana", "Ivan", "Jamal", "Jana", "Jonas", "Julia",
    "Kai", "Kenji", "Laura", "Leo", "Lina", "Marco", "Maya", "Mei", "Nadia", "Nikhil",
    "Noah", "Olga", "Omar", "Paula", "Pedro", "Rahul", "Rosa", "Sara", "Sofia", "Tariq",
    "Tom", "Uma", "Victor", "Wei", "Yara", "Yusuf", "Zoe", "Ines", "Lukas", "Priyanka",
)  # fmt: skip
LAST_NAMES = (
    "Adams", "Ahmed", "Alvarez", "Becker", "Brown", "Chen", "Costa", "Dubois", "Evans", "Fischer",
    "Garcia", "Gupta", "Hansen", "Ito", "Jansen", "Kim", "Kowalski", "Larsen", "Lee", "Lopez",
    "Martin", "Meyer", "Moreau", "Nakamura", "Novak", "Okafor", "Olsen", "Patel", "Petrov", "Quinn",
    "Rossi", "Santos", "Schmidt", "Silva", "Singh", "Smith", "Tanaka", "Taylor", "Ueda", "Vargas",
    "Wagner", "Walker", "Wang", "Weber", "Wilson", "Yilmaz", "Young", "Zhang", "Ziegler", "Nowak",
)  # fmt: skip
LOCATIONS = (
    "Berlin", "Munich", "Hamburg", "Amsterdam", "Rotterdam", "London", "Manchester", "Dublin",
    "Lisbon", "Madrid", "Barcelona", "Paris", "Lyon", "Vienna", "Zurich", "Warsaw", "Prague",
    "Stockholm", "Copenhagen", "Remote",
)  # fmt: skip
COMPANY_STEMS = (
    "Acme", "Bluewave", "Cobalt", "Contoso", "Driftwood", "Evergreen", "Fabrikam", "Granite",
    "Helios", "Ironbridge", "Juniper", "Keystone", "Lighthouse", "Meridian", "Northstar",
    "Orbit", "Pinnacle", "Quarry", "Redwood", "Silverline", "Tidewater", "Umbra", "Vantage",
    "Westbrook", "Zephyr",
)  # fmt: skip
COMPANY_KINDS = (
    ("Bank", "Financial services"),
    ("Insurance", "Insurance"),
    ("Logistics", "Logistics"),
    ("Health", "Healthcare"),
    ("Retail", "Retail"),
    ("Energy", "Energy"),
    ("Telecom", "Telecommunications"),
    ("Media", "Media"),
    ("Software", "Software"),
    ("Mobility", "Automotive"),
)
CONTACT_TITLES = (
    "Head of Engineering",
    "VP Engineering",
    "CTO",
    "Engineering Manager",
    "Director of Data",
    "Head of Platform",
    "IT Director",
)

CHALLENGES = (
    "The nightly {skill} batch overran into business hours and blocked the trading desk; it had "
    "to finish inside a four-hour window.",
    "A monolith shared by six teams turned every release into a two-week freeze; {skill} services "
    "had to be carved out without downtime.",
    "Customer-facing pages took over {n} seconds to load on mobile and conversion was falling.",
    "Infrastructure in three regions had been built by hand and drifted constantly, so audits "
    "kept failing.",
    "The data warehouse disagreed with finance reports by up to {pct}% at month end.",
    "On-call engineers were paged {n} times a week for the same {skill} failures.",
    "A vendor end-of-life forced a migration of {n} million records to {skill} within a quarter.",
    "Every release needed a full day of manual regression testing by four people.",
    "The platform had to pass a SOC 2 audit with no dedicated security staff.",
    "Onboarding a new client took {n2} weeks of custom integration work.",
    "Peak-season traffic was {n}x normal and checkout had fallen over the year before.",
    "Three legacy reporting tools had to be consolidated into one self-service {skill} platform.",
)
DELIVERABLES = (
    "Designed and built {n} {skill} services with contract tests and a shared CI pipeline.",
    "Wrote the {skill} modules for networking, databases and IAM, plus a runbook for operations.",
    "Delivered a {skill} data pipeline with automated data-quality checks and lineage docs.",
    "Shipped a redesigned front end in {skill} with a component library used by {n} teams.",
    "Built the migration tooling and the cut-over plan, and led the weekend cut-over.",
    "Introduced {skill} deployments with blue/green releases and one-click rollback.",
    "Created dashboards and alerts in {skill2} covering every customer-facing endpoint.",
    "Set up a suite of {n}00 automated tests that runs on every pull request.",
    "Wrote the architecture decision records and mentored {n} junior developers.",
    "Integrated the payment provider with {skill} and reconciled transactions end to end.",
)
RESULTS = (
    "Batch window down from {n2} hours to {n}0 minutes.",
    "Release frequency went from monthly to {n} times a week.",
    "Page load time fell by {pct}%; mobile conversion rose {n}%.",
    "Cloud spend down {pct}%, about €{k}k a year.",
    "Pager alerts down {pct}% within two months.",
    "Zero data loss migrating {n} million records.",
    "Audit passed first time with no major findings.",
    "Client onboarding cut from {n2} weeks to {n} days.",
    "Handled {n}x peak traffic with no incidents.",
    "Month-end reconciliation differences dropped below 0.{n}%.",
)
SUMMARIES = (
    "{role} on a {n}-person team modernising the {skill} platform.",
    "Hands-on {role}, owned the {skill} stack from design to production support.",
    "Joined as {role} to stabilise a struggling {skill} project and stayed to scale it.",
)
REQUIREMENT_TEXT = {
    Requirement.Kind.EXPERIENCE: (
        "{n}+ years in {industry}",
        "Has led a team of {n}+ engineers",
        "Worked in a regulated environment (finance or healthcare)",
        "Has run a large {skill} migration in production",
        "Experience working directly with business stakeholders",
    ),
    Requirement.Kind.CHALLENGE: (
        "Break the legacy monolith into services without downtime",
        "Bring the nightly batch inside a four-hour window",
        "Stop the configuration drift between environments",
        "Make the {skill} platform survive peak-season traffic",
        "Reconcile the warehouse with finance reports",
    ),
    Requirement.Kind.DELIVERABLE: (
        "A production-ready {skill} platform with CI/CD",
        "Infrastructure as code for the new landing zone",
        "Self-service dashboards for the sales and finance teams",
        "An automated regression suite running on every pull request",
        "Migration plan and cut-over runbook",
    ),
    Requirement.Kind.RESULT: (
        "Cut cloud spend by {pct}%",
        "Release weekly instead of quarterly",
        "Reduce page load time below {n} seconds",
        "Halve the number of production incidents",
        "Onboard new clients in under {n} days",
    ),
}
NON_SKILL_KINDS = tuple(REQUIREMENT_TEXT)
OBJECTION_CATEGORY = {
    Requirement.Kind.SKILL: Objection.Category.SKILL_GAP,
    Requirement.Kind.EXPERIENCE: Objection.Category.EXPERIENCE_GAP,
    Requirement.Kind.CHALLENGE: Objection.Category.NOT_SOLVED_BEFORE,
    Requirement.Kind.DELIVERABLE: Objection.Category.NOT_DELIVERED_BEFORE,
    Requirement.Kind.RESULT: Objection.Category.OTHER,
}
OBJECTION_TEXT = {
    Objection.Category.SKILL_GAP: (
        "Not enough hands-on {subject} for the level we need.",
        "Has used {subject}, but not at our scale.",
    ),
    Objection.Category.EXPERIENCE_GAP: (
        "No evidence of: {subject}.",
        "Experience looks thin for: {subject}.",
    ),
    Objection.Category.NOT_SOLVED_BEFORE: (
        "Has the candidate really solved this before: {subject}?",
        "Similar problem, but smaller: {subject}.",
    ),
    Objection.Category.NOT_DELIVERED_BEFORE: (
        "Never delivered exactly this: {subject}.",
        "Delivered it as part of a team, not as the owner: {subject}.",
    ),
    Objection.Category.SCOPE: (
        "The project scope is bigger than anything on the CV.",
        "Worried the candidate will be bored once the migration is done.",
    ),
    Objection.Category.OTHER: (
        "No numbers behind the claim: {subject}.",
        "Rate is above our budget.",
        "Notice period is too long.",
    ),
}
REBUTTALS = (
    "At {employer} they {deliverable_lc} Ask them to walk you through it.",
    "Look at the {employer} project: {result_lc} That is the same problem at a similar size.",
    "They picked it up in weeks on the last two projects; the references confirm it.",
    "The project at {employer} had the same constraints: {challenge_lc}",
)
NEXT_ACTIONS = (
    "Call the hiring manager the morning after the interview.",
    "Send the candidate's project notes before the interview.",
    "Ask for feedback on the shortlist by Friday.",
    "Confirm the interview panel and the technical exercise.",
    "Prepare the candidate for the system-design round.",
)
PROJECT_NAMES = ("Phoenix", "Atlas", "Horizon", "Nova", "Keystone", "Beacon", "Orion", "Delta")
REFERENCE_TITLES = ("Engineering Manager", "Team Lead", "CTO", "Product Owner", "Senior Engineer")
QUOTES = {
    ReferenceFinding.Assessment.STRONG: (
        "Best engineer I have worked with on this; I would hire them again tomorrow.",
        "They owned it end to end and the numbers speak for themselves.",
    ),
    ReferenceFinding.Assessment.ADEQUATE: (
        "Solid, did what was asked, needed some guidance at the start.",
        "Good contributor; another colleague led that part.",
    ),
    ReferenceFinding.Assessment.CONCERN: (
        "Honestly, that was not their strongest area.",
        "They struggled with that under deadline pressure.",
    ),
}

SUBMITTAL_STATUS_WEIGHTS = {
    Submittal.Status.SUBMITTED: 25,
    Submittal.Status.INTERVIEW_SCHEDULED: 15,
    Submittal.Status.INTERVIEWED: 15,
    Submittal.Status.OFFER: 8,
    Submittal.Status.PLACED: 7,
    Submittal.Status.REJECTED: 20,
    Submittal.Status.WITHDRAWN: 10,
}
PLAN_STATUS_WEIGHTS = {
    CallPlan.Status.DRAFT: 35,
    CallPlan.Status.READY: 30,
    CallPlan.Status.APPROVED: 25,
    CallPlan.Status.NEEDS_WORK: 10,
}
JOB_STATUS_WEIGHTS = {
    JobOrder.Status.OPEN: 70,
    JobOrder.Status.ON_HOLD: 10,
    JobOrder.Status.FILLED: 10,
    JobOrder.Status.LOST: 5,
    JobOrder.Status.CANCELLED: 5,
}
CANDIDATE_STATUS_WEIGHTS = {
    Candidate.Status.AVAILABLE: 55,
    Candidate.Status.INTERVIEWING: 30,
    Candidate.Status.PLACED: 10,
    Candidate.Status.OFF_MARKET: 5,
}


# --- Helpers ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Sizes:
    job_orders: int
    candidates: int
    submittals: int


@dataclass
class _Skills:
    by_family: dict[str, list[Skill]]
    families: list[str]


def _weighted(rng: random.Random, weights: dict, k: int) -> list:
    return rng.choices(list(weights), weights=list(weights.values()), k=k)


def _fill(rng: random.Random, template: str, **known: str) -> str:
    return template.format(
        n=rng.randint(2, 9),
        n2=rng.randint(3, 12),
        pct=rng.randrange(15, 65, 5),
        k=rng.randrange(40, 900, 10),
        **known,
    )


def _lc(text: str) -> str:
    return text[:1].lower() + text[1:]


class _Writer:
    """bulk_create with one batch size, counting what each model gained."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()

    def __call__(self, model: type[Model], objs: Sequence[Model]) -> list:
        created = model.objects.bulk_create(objs, batch_size=BATCH_SIZE)
        self.counts[model._meta.object_name] += len(created)
        return created


def _ensure_skills(write: _Writer) -> _Skills:
    """Every taxonomy skill as a row: reuse a row that already answers to its name, else create."""
    known: dict[str, Skill] = {}
    taken: set[str] = set()
    for skill in Skill.objects.all():
        for key in skill.lookup_keys.strip("|").split("|"):
            if key:
                known.setdefault(key, skill)
                taken.add(key)
        known.setdefault(skill_normalise(skill.name), skill)
        taken.add(skill_normalise(skill.name))
    resolved: dict[str, Skill] = {}
    new: list[Skill] = []
    for name, aliases, _ in SKILL_TAXONOMY:
        key = skill_normalise(name)
        if key in known:
            resolved[name] = known[key]
            continue
        free = ", ".join(a.strip() for a in aliases.split(",") if skill_normalise(a) not in taken)
        skill = Skill(name=name, aliases=free, lookup_keys=skill_lookup_keys(name, free))
        taken.update(skill.lookup_keys.strip("|").split("|"))
        resolved[name] = skill
        new.append(skill)
    if new:
        write(Skill, new)
    by_family: dict[str, list[Skill]] = {}
    for name, _, family in SKILL_TAXONOMY:
        if resolved[name] not in by_family.setdefault(family, []):
            by_family[family].append(resolved[name])
    return _Skills(by_family=by_family, families=list(by_family))


def _pick_skills(rng: random.Random, skills: _Skills, family: str, k: int) -> list[Skill]:
    """`k` distinct skills, mostly from `family` and sometimes one from elsewhere."""
    own = skills.by_family[family]
    picked = rng.sample(own, min(k, len(own)))
    if k > 1 and len(picked) == k and rng.random() < 0.25:
        picked.pop()
    while len(picked) < k:
        other = rng.choice(skills.by_family[rng.choice(skills.families)])
        if other not in picked:
            picked.append(other)
    return picked


# --- One unit --------------------------------------------------------------------------------


def _seed_unit(
    *,
    unit: int,
    sizes: _Sizes,
    skills: _Skills,
    password: str,
    now: datetime,
    seed: int,
    write: _Writer,
) -> dict[str, int]:
    rng = random.Random(seed * 100_003 + unit)
    today = now.date()
    before = Counter(write.counts)

    # Teams and people.
    teams = write(
        Team,
        [Team(name=f"{team_prefix(unit)}{n:02d}") for n in range(1, TEAMS_PER_UNIT + 1)],
    )
    users: list[User] = []
    for n, team in enumerate(teams, start=1):
        for k in range(SALESPEOPLE_PER_TEAM + 1):
            is_manager = k == 0
            username = f"bulk{unit}_t{n}_m" if is_manager else f"bulk{unit}_t{n}_s{k}"
            users.append(
                User(
                    username=username,
                    password=password,
                    first_name=rng.choice(FIRST_NAMES),
                    last_name=rng.choice(LAST_NAMES),
                    email=f"{username}@example.com",
                    team=team,
                    role=User.Role.MANAGER if is_manager else User.Role.SALESPERSON,
                )
            )
    users = write(User, users)
    sales_by_team = {
        t.pk: [u for u in users if u.team_id == t.pk and not u.is_manager] for t in teams
    }
    salespeople = [u for u in users if not u.is_manager]

    # Clients, one contact each.
    company_names = [f"{stem} {kind}" for stem in COMPANY_STEMS for kind, _ in COMPANY_KINDS]
    industries = {
        f"{stem} {kind}": industry for stem in COMPANY_STEMS for kind, industry in COMPANY_KINDS
    }
    jobs_per_team = max(1, sizes.job_orders // TEAMS_PER_UNIT)
    clients_per_team = max(1, min(CLIENTS_PER_TEAM, jobs_per_team))
    clients: list[Client] = []
    for team in teams:
        for name in rng.sample(company_names, clients_per_team):
            slug = name.lower().replace(" ", "")
            clients.append(
                Client(
                    name=name,
                    industry=industries[name],
                    website=f"https://www.{slug}.example.com",
                    owner=rng.choice(sales_by_team[team.pk]),
                    team=team,
                )
            )
    clients = write(Client, clients)
    contacts = write(
        ClientContact,
        [
            ClientContact(
                client=client,
                name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                title=rng.choice(CONTACT_TITLES),
                email=f"hiring{i}@{client.name.lower().replace(' ', '')}.example.com",
                phone=f"+49 30 {rng.randint(1000000, 9999999)}",
            )
            for i, client in enumerate(clients)
        ],
    )
    contact_of = {c.client_id: c for c in contacts}
    clients_by_team: dict[int, list[Client]] = {}
    for client in clients:
        clients_by_team.setdefault(client.team_id, []).append(client)

    # Job orders and their requirements.
    job_families = [rng.choice(skills.families) for _ in range(sizes.job_orders)]
    job_statuses = _weighted(rng, JOB_STATUS_WEIGHTS, sizes.job_orders)
    jobs: list[JobOrder] = []
    for i in range(sizes.job_orders):
        team = teams[i % len(teams)]
        client = rng.choice(clients_by_team[team.pk])
        family = job_families[i]
        lead = rng.choice(skills.by_family[family])
        jobs.append(
            JobOrder(
                client=client,
                contact=contact_of[client.pk],
                owner=rng.choice(sales_by_team[team.pk]),
                team=team,
                title=f"{rng.choice(SENIORITY)} {lead.name} {rng.choice(ROLES[family])}",
                status=job_statuses[i],
                openings=rng.choice((1, 1, 1, 2, 3)),
                start_date=today + timedelta(days=rng.randint(-30, 90)),
                duration_weeks=rng.choice((12, 26, 26, 52, 52, 104)),
                bill_rate=Decimal(rng.randrange(70, 160, 5)),
                project_goal=_fill(rng, rng.choice(CHALLENGES), skill=lead.name, skill2=lead.name),
                project_scope=_fill(
                    rng, rng.choice(DELIVERABLES), skill=lead.name, skill2=lead.name
                ),
            )
        )
    jobs = write(JobOrder, jobs)
    requirements: list[Requirement] = []
    for job, family in zip(jobs, job_families, strict=True):
        count = rng.randint(4, 8)
        n_skill = rng.randint(2, min(4, count - 2))
        industry = industries[job.client.name]
        for pos, skill in enumerate(_pick_skills(rng, skills, family, n_skill)):
            requirements.append(
                Requirement(
                    job_order=job,
                    kind=Requirement.Kind.SKILL,
                    skill=skill,
                    min_years=Decimal(rng.choice((1, 2, 3, 3, 4, 5, 5, 7))),
                    must_have=pos < 2 or rng.random() < 0.5,
                    position=pos,
                )
            )
        lead_name = requirements[-1].skill.name  # one of the job's skills, for the texts
        for pos in range(n_skill, count):
            kind = rng.choice(NON_SKILL_KINDS)
            requirements.append(
                Requirement(
                    job_order=job,
                    kind=kind,
                    description=_fill(
                        rng, rng.choice(REQUIREMENT_TEXT[kind]), skill=lead_name, industry=industry
                    ),
                    must_have=rng.random() < 0.6,
                    position=pos,
                )
            )
    requirements = write(Requirement, requirements)
    reqs_of: dict[int, list[Requirement]] = {}
    for req in requirements:
        reqs_of.setdefault(req.job_order_id, []).append(req)

    # Candidates, their skills and engagements.
    cand_families = [rng.choice(skills.families) for _ in range(sizes.candidates)]
    cand_statuses = _weighted(rng, CANDIDATE_STATUS_WEIGHTS, sizes.candidates)
    candidates: list[Candidate] = []
    cand_skills_of: list[list[Skill]] = []
    for i in range(sizes.candidates):
        family = cand_families[i]
        own = _pick_skills(rng, skills, family, rng.randint(2, 4))
        cand_skills_of.append(own)
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        role = rng.choice(ROLES[family])
        candidates.append(
            Candidate(
                first_name=first,
                last_name=last,
                headline=f"{rng.choice(SENIORITY)} {role} — {', '.join(s.name for s in own[:3])}",
                email=f"{first.lower()}.{last.lower()}.{unit}.{i}@example.com",
                phone=f"+49 151 {rng.randint(1000000, 9999999)}",
                location=rng.choice(LOCATIONS),
                owner=salespeople[i % len(salespeople)],
                status=cand_statuses[i],
                summary=_fill(rng, rng.choice(SUMMARIES), role=role, skill=own[0].name),
            )
        )
    candidates = write(Candidate, candidates)
    write(
        CandidateSkill,
        [
            CandidateSkill(
                candidate=cand,
                skill=skill,
                years=Decimal(rng.randint(1, 30)) / 2,
                last_used_year=today.year - rng.choice((0, 0, 0, 1, 2, 4)),
            )
            for cand, own in zip(candidates, cand_skills_of, strict=True)
            for skill in own
        ],
    )
    engagements: list[Engagement] = []
    eng_skills: list[list[Skill]] = []
    per_candidate: list[int] = []
    for _ in range(0, len(candidates), 2):
        spread = rng.randint(0, 2)  # pairs of 4 + d and 4 - d keep the average exactly 4
        per_candidate += [ENGAGEMENTS_PER_CANDIDATE + spread, ENGAGEMENTS_PER_CANDIDATE - spread]
    per_candidate = per_candidate[: len(candidates)]
    if len(candidates) % 2:
        per_candidate[-1] = ENGAGEMENTS_PER_CANDIDATE
    first_engagement: list[int] = []
    for cand, own, count, family in zip(
        candidates, cand_skills_of, per_candidate, cand_families, strict=True
    ):
        first_engagement.append(len(engagements))
        end: date | None = (
            None if rng.random() < 0.6 else today - timedelta(days=rng.randint(10, 200))
        )
        for _ in range(count):
            start = (end or today) - timedelta(days=rng.randint(120, 1100))
            used = rng.sample(own, min(len(own), rng.randint(1, 3)))
            main = used[0].name
            other = used[-1].name
            employer = f"{rng.choice(COMPANY_STEMS)} {rng.choice(COMPANY_KINDS)[0]}"
            role = rng.choice(ROLES[family])
            engagements.append(
                Engagement(
                    candidate=cand,
                    employer=employer,
                    project_name=f"{rng.choice(PROJECT_NAMES)} {main} programme",
                    role=role,
                    start_date=start,
                    end_date=end,
                    team_size=rng.randint(3, 25),
                    summary=_fill(rng, rng.choice(SUMMARIES), role=role, skill=main),
                    challenges_solved=_fill(rng, rng.choice(CHALLENGES), skill=main, skill2=other),
                    deliverables=_fill(rng, rng.choice(DELIVERABLES), skill=main, skill2=other),
                    results=_fill(rng, rng.choice(RESULTS), skill=main, skill2=other),
                )
            )
            eng_skills.append(used)
            end = start - timedelta(days=rng.randint(0, 60))
    engagements = write(Engagement, engagements)
    through = Engagement.skills.through
    write(
        through,
        [
            through(engagement_id=eng.pk, skill_id=skill.pk)
            for eng, used in zip(engagements, eng_skills, strict=True)
            for skill in used
        ],
    )

    # References: one for every fifth candidate, from their most recent engagement.
    referenced = list(range(0, len(candidates), REFERENCE_EVERY))
    references = write(
        Reference,
        [
            Reference(
                candidate=candidates[i],
                engagement=engagements[first_engagement[i]],
                name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                title=rng.choice(REFERENCE_TITLES),
                company=engagements[first_engagement[i]].employer,
                relationship=rng.choice(
                    (Reference.Relationship.MANAGER,) * 3
                    + (Reference.Relationship.PEER, Reference.Relationship.CLIENT)
                ),
                email=f"ref.{unit}.{i}@example.com",
                phone=f"+44 20 {rng.randint(10000000, 99999999)}",
            )
            for i in referenced
        ],
    )
    reference_of = {ref.candidate_id: ref for ref in references}
    unreferenced = [i for i in range(len(candidates)) if i % REFERENCE_EVERY]

    # Submittals: every fifth goes to a candidate with a reference and gets a reference call.
    job_slots = [k % len(jobs) for k in range(sizes.submittals)]
    rng.shuffle(job_slots)
    statuses = _weighted(rng, SUBMITTAL_STATUS_WEIGHTS, sizes.submittals)
    pairs: set[tuple[int, int]] = set()
    submittals: list[Submittal] = []
    for k in range(sizes.submittals):
        job = jobs[job_slots[k]]
        pool = referenced if k % REFERENCE_EVERY == 0 and referenced else unreferenced or referenced
        cand = None
        for _ in range(30):
            c = candidates[rng.choice(pool)]
            if (job.pk, c.pk) not in pairs:
                cand = c
                break
        if cand is None:  # tiny datasets only: take any candidate not yet sent to this job
            cand = next((c for c in candidates if (job.pk, c.pk) not in pairs), None)
            if cand is None:
                continue
        pairs.add((job.pk, cand.pk))
        status = statuses[k]
        interview_at = None
        if status == Submittal.Status.INTERVIEW_SCHEDULED:
            interview_at = now + timedelta(minutes=rng.randint(-7 * 1440, 14 * 1440 - 60))
            interview_at = interview_at.replace(minute=rng.choice((0, 30)), second=0, microsecond=0)
            submitted_at = min(now, interview_at) - timedelta(minutes=rng.randint(2880, 20160))
        elif status == Submittal.Status.INTERVIEWED:
            interview_at = now - timedelta(minutes=rng.randint(720, 60 * 1440 - 60))
            interview_at = interview_at.replace(minute=rng.choice((0, 30)), second=0, microsecond=0)
            submitted_at = interview_at - timedelta(minutes=rng.randint(2880, 20160))
        else:
            submitted_at = now - timedelta(minutes=rng.randint(60, 90 * 1440))
        submittals.append(
            Submittal(
                job_order=job,
                candidate=cand,
                submitted_by=rng.choice(sales_by_team[job.team_id]),
                submitted_at=submitted_at,
                status=status,
                interview_at=interview_at,
            )
        )
    submittals = write(Submittal, submittals)

    events: list[SubmittalEvent] = []
    for sub in submittals:
        events.append(
            SubmittalEvent(
                submittal=sub,
                from_status="",
                to_status=Submittal.Status.SUBMITTED,
                changed_by=sub.submitted_by,
                changed_at=sub.submitted_at,
            )
        )
        if sub.status == Submittal.Status.SUBMITTED:
            continue
        if sub.status == Submittal.Status.INTERVIEWED:
            changed_at = min(now, sub.interview_at + timedelta(hours=rng.randint(2, 48)))
        else:
            latest = min(now, sub.interview_at) if sub.interview_at else now
            span = max(0.0, (latest - sub.submitted_at).total_seconds())
            changed_at = sub.submitted_at + timedelta(seconds=span * rng.uniform(0.1, 0.9))
        events.append(
            SubmittalEvent(
                submittal=sub,
                from_status=Submittal.Status.SUBMITTED,
                to_status=sub.status,
                changed_by=sub.submitted_by,
                changed_at=changed_at,
            )
        )
    write(SubmittalEvent, events)

    # Call plans, one per submittal, written by the submitter, with objections.
    index_of = {cand.pk: i for i, cand in enumerate(candidates)}
    recent_of = {
        sub.pk: engagements[first_engagement[index_of[sub.candidate_id]]] for sub in submittals
    }
    plan_statuses = _weighted(rng, PLAN_STATUS_WEIGHTS, len(submittals))
    plans: list[CallPlan] = []
    for sub, status in zip(submittals, plan_statuses, strict=True):
        eng = recent_of[sub.pk]
        plans.append(
            CallPlan(
                submittal=sub,
                author=sub.submitted_by,
                status=status,
                candidate_story=(
                    f"{sub.candidate.first_name}'s latest role: {eng.role} at {eng.employer}. "
                    f"The problem: {eng.challenges_solved} The result: {eng.results}"
                ),
                next_action=rng.choice(NEXT_ACTIONS),
                rehearsed_at=(
                    sub.submitted_at + timedelta(hours=rng.randint(1, 48))
                    if status in (CallPlan.Status.READY, CallPlan.Status.APPROVED)
                    else None
                ),
            )
        )
    plans = write(CallPlan, plans)
    objections: list[Objection] = []
    for plan in plans:
        sub = plan.submittal
        eng = recent_of[sub.pk]
        known = {
            "employer": eng.employer,
            "deliverable_lc": _lc(eng.deliverables),
            "result_lc": _lc(eng.results),
            "challenge_lc": _lc(eng.challenges_solved),
        }
        reqs = reqs_of[sub.job_order_id]
        count = rng.randint(2, 4)
        targets: list[Requirement | None] = rng.sample(reqs, min(count, len(reqs)))
        if rng.random() < 0.3:
            targets[-1] = None  # a general objection, not tied to a requirement
        for pos, req in enumerate(targets):
            if req is None:
                category = rng.choice((Objection.Category.SCOPE, Objection.Category.OTHER))
                subject = sub.job_order.title
            else:
                category = OBJECTION_CATEGORY[req.kind]
                subject = req.skill.name if req.kind == Requirement.Kind.SKILL else req.description
            objections.append(
                Objection(
                    plan=plan,
                    requirement=req,
                    category=category,
                    text=_fill(rng, rng.choice(OBJECTION_TEXT[category]), subject=subject)[:500],
                    rebuttal=rng.choice(REBUTTALS).format(**known),
                    likelihood=rng.choice(list(Objection.Likelihood)),
                    source=rng.choice(list(Objection.Source)),
                    position=pos,
                )
            )
    write(Objection, objections)

    # Reference calls for the submittals whose candidate has a reference, by the submitter.
    calls: list[ReferenceCall] = []
    call_reqs: list[list[Requirement]] = []
    for sub in submittals:
        ref = reference_of.get(sub.candidate_id)
        if ref is None:
            continue
        span = max(60.0, (now - sub.submitted_at).total_seconds())
        complete = rng.random() < 0.8
        calls.append(
            ReferenceCall(
                reference=ref,
                job_order=sub.job_order,
                team_id=sub.job_order.team_id,
                called_by=sub.submitted_by,
                called_at=sub.submitted_at + timedelta(seconds=span * rng.uniform(0.05, 0.6)),
                status=ReferenceCall.Status.COMPLETE if complete else ReferenceCall.Status.DRAFT,
                job_details_shared=rng.random() < 0.7,
                would_rehire=rng.choice(
                    (ReferenceCall.Rehire.YES,) * 3
                    + (ReferenceCall.Rehire.UNSURE, ReferenceCall.Rehire.NO)
                ),
                rating=rng.choice((2, 3, 3, 4, 4, 4, 5, 5, 1)),
                summary=f"Worked with {sub.candidate.first_name} at {ref.company}. "
                f"{recent_of[sub.pk].results}",
                strengths=rng.choice(QUOTES[ReferenceFinding.Assessment.STRONG]),
                concerns=rng.choice(QUOTES[ReferenceFinding.Assessment.CONCERN])
                if rng.random() < 0.4
                else "",
            )
        )
        call_reqs.append(rng.sample(reqs_of[sub.job_order_id], 2))
    calls = write(ReferenceCall, calls)
    findings: list[ReferenceFinding] = []
    for call, reqs in zip(calls, call_reqs, strict=True):
        for req in reqs:
            assessment = rng.choice(
                (ReferenceFinding.Assessment.STRONG,) * 3
                + (ReferenceFinding.Assessment.ADEQUATE,) * 2
                + (ReferenceFinding.Assessment.CONCERN,)
            )
            findings.append(
                ReferenceFinding(
                    call=call,
                    requirement=req,
                    assessment=assessment,
                    quote=rng.choice(QUOTES[assessment]),
                )
            )
    write(ReferenceFinding, findings)
    return dict(write.counts - before)


# --- Public entry point ----------------------------------------------------------------------


def seed_scale(
    *,
    scale: int,
    progress: Callable[[str], None],
    unit_size: float = 1.0,
    seed: int = 1,
) -> dict[str, int]:
    """Create `scale` units of bulk data, skipping units that already exist.

    `unit_size` scales the per-unit job orders, candidates and submittals (teams and people stay
    at 10 teams of 5), so tests can make a small but complete dataset. Returns the number of rows
    created per model (keyed by model name; "Engagement_skills" is the engagement-skill link).
    """
    sizes = _Sizes(
        job_orders=max(1, round(JOB_ORDERS_PER_UNIT * unit_size)),
        candidates=max(REFERENCE_EVERY, round(CANDIDATES_PER_UNIT * unit_size)),
        submittals=max(1, round(SUBMITTALS_PER_UNIT * unit_size)),
    )
    write = _Writer()
    skills: _Skills | None = None
    password: str | None = None
    now = timezone.now()
    for unit in range(1, scale + 1):
        if Team.objects.filter(name__startswith=team_prefix(unit)).exists():
            progress(f"unit {unit}/{scale}: already there, skipped")
            continue
        started = time.perf_counter()
        if password is None:
            password = make_password(BULK_PASSWORD)
        with transaction.atomic():
            if skills is None:
                skills = _ensure_skills(write)
            made = _seed_unit(
                unit=unit,
                sizes=sizes,
                skills=skills,
                password=password,
                now=now,
                seed=seed,
                write=write,
            )
        progress(
            f"unit {unit}/{scale}: {made.get('JobOrder', 0)} job orders, "
            f"{made.get('Candidate', 0)} candidates, {made.get('Engagement', 0)} engagements, "
            f"{made.get('Submittal', 0)} submittals, {made.get('CallPlan', 0)} call plans, "
            f"{made.get('ReferenceCall', 0)} reference calls "
            f"({time.perf_counter() - started:.1f} s)"
        )
    return dict(write.counts)
