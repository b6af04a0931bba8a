"""One unit of bulk data as rows: 10 teams and everything they own, made without the database.

One unit is 10 teams (a manager and four salespeople each), about 1,000 job orders with their
clients, contacts and requirements, 5,000 candidates with skills and 20,000 engagements, 1,000
references, 5,000 submittals with their status events and call plans (with objections), and
reference calls with findings for a fifth of the submittals.

The rows keep the invariants the services guarantee (team boundaries, one plan per submittal, one
submittal per candidate and job order, findings and objections pointing at requirements of the
same job order) by construction: every row of a unit belongs to, or points at, that unit's teams,
apart from the shared skills. A unit's rows come from a random generator seeded with the unit
number, so they are the same whichever process makes them.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from decimal import Decimal

from accounts.models import Team, User
from candidates.models import Candidate, CandidateSkill, Engagement
from demo.scale import pipeline
from demo.scale.pipeline import REFERENCE_EVERY
from demo.scale.rows import Row, Sizes, SkillRef, Skills, UnitRows, fill, pick_skills, weighted
from demo.scale.vocabulary import (
    CANDIDATE_STATUS_WEIGHTS,
    CHALLENGES,
    COMPANY_KINDS,
    COMPANY_STEMS,
    CONTACT_TITLES,
    DELIVERABLES,
    FIRST_NAMES,
    JOB_STATUS_WEIGHTS,
    LAST_NAMES,
    LOCATIONS,
    NON_SKILL_KINDS,
    PROJECT_NAMES,
    REFERENCE_TITLES,
    REQUIREMENT_TEXT,
    RESULTS,
    ROLES,
    SENIORITY,
    SUMMARIES,
)
from joborders.models import Client, ClientContact, JobOrder, Requirement
from references.models import Reference

BULK_PASSWORD = "dialready-bulk"
TEAMS_PER_UNIT = 10
SALESPEOPLE_PER_TEAM = 4
CLIENTS_PER_TEAM = 10
JOB_ORDERS_PER_UNIT = 1000
CANDIDATES_PER_UNIT = 5000
ENGAGEMENTS_PER_CANDIDATE = 4
SUBMITTALS_PER_UNIT = 5000

COMPANY_NAMES = [f"{stem} {kind}" for stem in COMPANY_STEMS for kind, _ in COMPANY_KINDS]
INDUSTRIES = {
    f"{stem} {kind}": industry for stem in COMPANY_STEMS for kind, industry in COMPANY_KINDS
}


def team_prefix(unit: int) -> str:
    return f"Bulk team {unit}-"


def unit_sizes(unit_size: float) -> Sizes:
    """The per-unit volumes times `unit_size` (teams and people stay at 10 teams of 5)."""
    return Sizes(
        job_orders=max(1, round(JOB_ORDERS_PER_UNIT * unit_size)),
        candidates=max(REFERENCE_EVERY, round(CANDIDATES_PER_UNIT * unit_size)),
        submittals=max(1, round(SUBMITTALS_PER_UNIT * unit_size)),
    )


def generate_unit(
    *, unit: int, sizes: Sizes, skills: Skills, password: str, now: datetime, seed: int
) -> UnitRows:
    rng = random.Random(seed * 100_003 + unit)
    rows = UnitRows(unit=unit)
    sales_by_team, salespeople = _people(rng, rows, unit=unit, password=password)
    jobs, reqs_of = _job_orders(rng, rows, sizes, skills, sales_by_team, today=now.date())
    people = _candidates(rng, rows, sizes, skills, salespeople, unit=unit, today=now.date())
    pipeline.add_pipeline(
        rng,
        rows,
        submittals=sizes.submittals,
        jobs=jobs,
        reqs_of=reqs_of,
        people=people,
        sales_by_team=sales_by_team,
        now=now,
    )
    return rows


def _people(
    rng: random.Random, rows: UnitRows, *, unit: int, password: str
) -> tuple[dict[int, list[Row]], list[Row]]:
    teams = [
        rows.add(Team, name=f"{team_prefix(unit)}{n:02d}") for n in range(1, TEAMS_PER_UNIT + 1)
    ]
    sales_by_team: dict[int, list[Row]] = {}
    for n, team in enumerate(teams, start=1):
        for k in range(SALESPEOPLE_PER_TEAM + 1):
            is_manager = k == 0
            username = f"bulk{unit}_t{n}_m" if is_manager else f"bulk{unit}_t{n}_s{k}"
            user = rows.add(
                User,
                username=username,
                password=password,
                first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(LAST_NAMES),
                email=f"{username}@example.com",
                team_id=team["id"],
                role=User.Role.MANAGER if is_manager else User.Role.SALESPERSON,
            )
            if not is_manager:
                sales_by_team.setdefault(team["id"], []).append(user)
    salespeople = [user for team in teams for user in sales_by_team[team["id"]]]
    return sales_by_team, salespeople


def _clients(
    rng: random.Random, rows: UnitRows, sales_by_team: dict[int, list[Row]], per_team: int
) -> dict[int, list[Row]]:
    """Clients per team id, each with one contact (noted as `_contact_id`)."""
    clients: list[Row] = []
    for team_id, sales in sales_by_team.items():
        for name in rng.sample(COMPANY_NAMES, per_team):
            slug = name.lower().replace(" ", "")
            clients.append(
                rows.add(
                    Client,
                    name=name,
                    industry=INDUSTRIES[name],
                    website=f"https://www.{slug}.example.com",
                    owner_id=rng.choice(sales)["id"],
                    team_id=team_id,
                )
            )
    clients_by_team: dict[int, list[Row]] = {}
    for i, client in enumerate(clients):
        contact = rows.add(
            ClientContact,
            client_id=client["id"],
            name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            title=rng.choice(CONTACT_TITLES),
            email=f"hiring{i}@{client['name'].lower().replace(' ', '')}.example.com",
            phone=f"+49 30 {rng.randint(1000000, 9999999)}",
        )
        client["_contact_id"] = contact["id"]
        clients_by_team.setdefault(client["team_id"], []).append(client)
    return clients_by_team


def _job_orders(
    rng: random.Random,
    rows: UnitRows,
    sizes: Sizes,
    skills: Skills,
    sales_by_team: dict[int, list[Row]],
    *,
    today: date,
) -> tuple[list[Row], dict[int, list[Row]]]:
    """The job orders, and each one's requirements by job order id."""
    team_ids = list(sales_by_team)
    jobs_per_team = max(1, sizes.job_orders // TEAMS_PER_UNIT)
    clients_by_team = _clients(
        rng, rows, sales_by_team, max(1, min(CLIENTS_PER_TEAM, jobs_per_team))
    )
    families = [rng.choice(skills.families) for _ in range(sizes.job_orders)]
    statuses = weighted(rng, JOB_STATUS_WEIGHTS, sizes.job_orders)
    jobs: list[Row] = []
    for i in range(sizes.job_orders):
        team_id = team_ids[i % len(team_ids)]
        client = rng.choice(clients_by_team[team_id])
        family = families[i]
        lead = rng.choice(skills.by_family[family])
        jobs.append(
            rows.add(
                JobOrder,
                client_id=client["id"],
                contact_id=client["_contact_id"],
                owner_id=rng.choice(sales_by_team[team_id])["id"],
                team_id=team_id,
                title=f"{rng.choice(SENIORITY)} {lead.name} {rng.choice(ROLES[family])}",
                status=statuses[i],
                openings=rng.choice((1, 1, 1, 2, 3)),
                start_date=today + timedelta(days=rng.randint(-30, 90)),
                duration_weeks=rng.choice((12, 26, 26, 52, 52, 104)),
                bill_rate=Decimal(rng.randrange(70, 160, 5)),
                project_goal=fill(rng, rng.choice(CHALLENGES), skill=lead.name, skill2=lead.name),
                project_scope=fill(
                    rng, rng.choice(DELIVERABLES), skill=lead.name, skill2=lead.name
                ),
            )
        )
        jobs[-1]["_industry"] = INDUSTRIES[client["name"]]
        # Full-time for the contract's weeks, so the money board has a value; drawn from no
        # random number, so every other row stays what it was.
        jobs[-1]["expected_hours"] = 40 * jobs[-1]["duration_weeks"]
    reqs_of = {
        job["id"]: _requirements(rng, rows, skills, job, family)
        for job, family in zip(jobs, families, strict=True)
    }
    return jobs, reqs_of


def _requirements(
    rng: random.Random, rows: UnitRows, skills: Skills, job: Row, family: str
) -> list[Row]:
    count = rng.randint(4, 8)
    n_skill = rng.randint(2, min(4, count - 2))
    reqs: list[Row] = []
    for pos, skill in enumerate(pick_skills(rng, skills, family, n_skill)):
        reqs.append(
            rows.add(
                Requirement,
                job_order_id=job["id"],
                kind=Requirement.Kind.SKILL,
                skill_id=skill.pk,
                min_years=Decimal(rng.choice((1, 2, 3, 3, 4, 5, 5, 7))),
                must_have=pos < 2 or rng.random() < 0.5,
                position=pos,
            )
        )
        reqs[-1]["_skill_name"] = skill.name
    lead_name = reqs[-1]["_skill_name"]  # one of the job's skills, for the texts
    for pos in range(n_skill, count):
        kind = rng.choice(NON_SKILL_KINDS)
        reqs.append(
            rows.add(
                Requirement,
                job_order_id=job["id"],
                kind=kind,
                skill_id=None,
                description=fill(
                    rng,
                    rng.choice(REQUIREMENT_TEXT[kind]),
                    skill=lead_name,
                    industry=job["_industry"],
                ),
                must_have=rng.random() < 0.6,
                position=pos,
            )
        )
    return reqs


def _candidates(
    rng: random.Random,
    rows: UnitRows,
    sizes: Sizes,
    skills: Skills,
    salespeople: list[Row],
    *,
    unit: int,
    today: date,
) -> pipeline.People:
    families = [rng.choice(skills.families) for _ in range(sizes.candidates)]
    statuses = weighted(rng, CANDIDATE_STATUS_WEIGHTS, sizes.candidates)
    candidates: list[Row] = []
    skills_of: list[list[SkillRef]] = []
    for i in range(sizes.candidates):
        family = families[i]
        own = pick_skills(rng, skills, family, rng.randint(2, 4))
        skills_of.append(own)
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        role = rng.choice(ROLES[family])
        candidates.append(
            rows.add(
                Candidate,
                first_name=first,
                last_name=last,
                headline=f"{rng.choice(SENIORITY)} {role} — {', '.join(s.name for s in own[:3])}",
                email=f"{first.lower()}.{last.lower()}.{unit}.{i}@example.com",
                phone=f"+49 151 {rng.randint(1000000, 9999999)}",
                location=rng.choice(LOCATIONS),
                owner_id=salespeople[i % len(salespeople)]["id"],
                status=statuses[i],
                summary=fill(rng, rng.choice(SUMMARIES), role=role, skill=own[0].name),
            )
        )
    for cand, own in zip(candidates, skills_of, strict=True):
        for skill in own:
            rows.add(
                CandidateSkill,
                candidate_id=cand["id"],
                skill_id=skill.pk,
                years=Decimal(rng.randint(1, 30)) / 2,
                last_used_year=today.year - rng.choice((0, 0, 0, 1, 2, 4)),
            )
    latest = _engagements(rng, rows, candidates, skills_of, families, today=today)
    referenced = list(range(0, len(candidates), REFERENCE_EVERY))
    reference_of: dict[int, Row] = {}
    for i in referenced:
        reference_of[candidates[i]["id"]] = _reference(rng, rows, candidates[i], latest[i], unit, i)
    return pipeline.People(
        candidates=candidates,
        latest_engagement=latest,
        referenced=referenced,
        unreferenced=[i for i in range(len(candidates)) if i % REFERENCE_EVERY],
        reference_of=reference_of,
    )


def _engagements(
    rng: random.Random,
    rows: UnitRows,
    candidates: list[Row],
    skills_of: list[list[SkillRef]],
    families: list[str],
    *,
    today: date,
) -> list[Row]:
    """Each candidate's engagements, newest first, averaging four; returns each one's newest."""
    per_candidate: list[int] = []
    for _ in range(0, len(candidates), 2):
        spread = rng.randint(0, 2)  # pairs of 4 + d and 4 - d keep the average exactly 4
        per_candidate += [ENGAGEMENTS_PER_CANDIDATE + spread, ENGAGEMENTS_PER_CANDIDATE - spread]
    per_candidate = per_candidate[: len(candidates)]
    if len(candidates) % 2:
        per_candidate[-1] = ENGAGEMENTS_PER_CANDIDATE
    through = Engagement.skills.through
    latest: list[Row] = []
    links: list[tuple[int, list[SkillRef]]] = []
    for cand, own, count, family in zip(
        candidates, skills_of, per_candidate, families, strict=True
    ):
        end: date | None = (
            None if rng.random() < 0.6 else today - timedelta(days=rng.randint(10, 200))
        )
        for n in range(count):
            start = (end or today) - timedelta(days=rng.randint(120, 1100))
            used = rng.sample(own, min(len(own), rng.randint(1, 3)))
            main = used[0].name
            other = used[-1].name
            employer = f"{rng.choice(COMPANY_STEMS)} {rng.choice(COMPANY_KINDS)[0]}"
            role = rng.choice(ROLES[family])
            engagement = rows.add(
                Engagement,
                candidate_id=cand["id"],
                employer=employer,
                project_name=f"{rng.choice(PROJECT_NAMES)} {main} programme",
                role=role,
                start_date=start,
                end_date=end,
                team_size=rng.randint(3, 25),
                summary=fill(rng, rng.choice(SUMMARIES), role=role, skill=main),
                challenges_solved=fill(rng, rng.choice(CHALLENGES), skill=main, skill2=other),
                deliverables=fill(rng, rng.choice(DELIVERABLES), skill=main, skill2=other),
                results=fill(rng, rng.choice(RESULTS), skill=main, skill2=other),
            )
            if n == 0:
                latest.append(engagement)
            links.append((engagement["id"], used))
            end = start - timedelta(days=rng.randint(0, 60))
    for engagement_id, used in links:
        for skill in used:
            rows.add(through, engagement_id=engagement_id, skill_id=skill.pk)
    return latest


def _reference(
    rng: random.Random, rows: UnitRows, cand: Row, engagement: Row, unit: int, i: int
) -> Row:
    """A reference from the candidate's most recent engagement."""
    return rows.add(
        Reference,
        candidate_id=cand["id"],
        engagement_id=engagement["id"],
        name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
        title=rng.choice(REFERENCE_TITLES),
        company=engagement["employer"],
        relationship=rng.choice(
            (Reference.Relationship.MANAGER,) * 3
            + (Reference.Relationship.PEER, Reference.Relationship.CLIENT)
        ),
        email=f"ref.{unit}.{i}@example.com",
        phone=f"+44 20 {rng.randint(10000000, 99999999)}",
    )
