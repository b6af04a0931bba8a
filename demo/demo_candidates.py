"""The demo world's candidates, written through the services: Alex Morgan with the evidence his
call plan draws on, Jordan Lee and Riley Chen, and the simple candidates of the other stages."""

import datetime

from accounts.models import User
from candidates.models import Candidate, Skill
from candidates.services import candidate_create, candidate_skill_set, engagement_create


def alex_morgan(owner: User, skills: dict[str, Skill]) -> Candidate:
    alex = candidate_create(
        owner=owner,
        first_name="Alex",
        last_name="Morgan",
        headline="Senior DevOps engineer — payments and regulated platforms",
        email="alex.morgan@example.com",
        phone="+1 512 555 0111",
        location="Austin, TX",
        status=Candidate.Status.INTERVIEWING,
        summary="Eight years making releases boring at banks and insurers.",
    )
    for name, years, last in [("Kubernetes", 5, 2026), ("Terraform", 4, 2026), ("AWS", 6, 2026)]:
        candidate_skill_set(candidate=alex, skill=skills[name], years=years, last_used_year=last)
    candidate_skill_set(candidate=alex, skill=skills["Python"], years=3, last_used_year=2025)
    candidate_skill_set(candidate=alex, skill=skills["Flux"], years=3, last_used_year=2025)
    engagement_create(
        candidate=alex,
        employer="Northwind Payments",
        project_name="Card platform migration to EKS",
        role="Lead DevOps engineer",
        start_date=datetime.date(2022, 3, 1),
        end_date=datetime.date(2025, 8, 31),
        team_size=10,
        summary="Moved 40 payment services from VMs to Kubernetes on AWS under PCI DSS.",
        challenges_solved="Two-day releases that failed often; hand-changed infrastructure",
        deliverables="Terraform landing zone; GitHub Actions pipelines with automated rollback",
        results="Deploy lead time from 2 days to 25 minutes; change failure rate 18% → 3%",
        skills=[skills["Kubernetes"], skills["Terraform"], skills["AWS"]],
    )
    engagement_create(
        candidate=alex,
        employer="Litware Insurance",
        project_name="Claims system CI/CD",
        role="DevOps engineer",
        start_date=datetime.date(2019, 1, 1),
        end_date=datetime.date(2022, 2, 28),
        team_size=6,
        summary="Built the first automated pipeline for the claims platform.",
        challenges_solved="Manual deployments over a weekend maintenance window",
        deliverables="Jenkins pipelines; Docker images for 12 services; runbooks",
        results="Weekend releases replaced by daily releases with zero downtime",
        skills=[skills["Jenkins"], skills["Docker"], skills["Python"]],
    )
    return alex


def jordan_lee(owner: User, skills: dict[str, Skill]) -> Candidate:
    jordan = candidate_create(
        owner=owner,
        first_name="Jordan",
        last_name="Lee",
        headline="DevOps engineer moving from Azure to AWS",
        location="Dallas, TX",
        status=Candidate.Status.INTERVIEWING,
    )
    candidate_skill_set(candidate=jordan, skill=skills["Kubernetes"], years=2, last_used_year=2026)
    candidate_skill_set(candidate=jordan, skill=skills["Azure"], years=5, last_used_year=2026)
    engagement_create(
        candidate=jordan,
        employer="Adventure Works",
        project_name="AKS platform",
        role="DevOps engineer",
        start_date=datetime.date(2023, 6, 1),
        summary="Runs the retail platform on AKS.",
        challenges_solved="Unreliable nightly builds",
        deliverables="Helm charts for 15 services",
        results="Build success rate from 70% to 98%",
        skills=[skills["Kubernetes"], skills["Azure"]],
    )
    return jordan


def riley_chen(owner: User, skills: dict[str, Skill]) -> Candidate:
    riley = candidate_create(
        owner=owner,
        first_name="Riley",
        last_name="Chen",
        headline="Full-stack engineer — React, TypeScript, Node",
        location="Boston, MA",
        status=Candidate.Status.INTERVIEWING,
    )
    for name, years in [("React", 5), ("TypeScript", 4), ("Node.js", 4), ("PostgreSQL", 3)]:
        candidate_skill_set(candidate=riley, skill=skills[name], years=years, last_used_year=2026)
    engagement_create(
        candidate=riley,
        employer="Woodgrove Clinics",
        project_name="Online appointment booking",
        role="Senior full-stack engineer",
        start_date=datetime.date(2021, 9, 1),
        end_date=datetime.date(2025, 12, 31),
        team_size=5,
        summary="Built online booking for a chain of 20 clinics on top of a legacy scheduler.",
        challenges_solved="Legacy scheduling system with no API; wrapped it in a Node service",
        deliverables="Accessible React booking flow; booking API; audit log",
        results="42% of bookings online within 4 months; call-centre volume down 25%",
        skills=[skills["React"], skills["TypeScript"], skills["Node.js"]],
    )
    return riley


def simple_candidate(
    owner: User, first: str, last: str, headline: str, skills: dict[str, Skill], skill: str
) -> Candidate:
    candidate = candidate_create(owner=owner, first_name=first, last_name=last, headline=headline)
    candidate_skill_set(candidate=candidate, skill=skills[skill], years=4, last_used_year=2026)
    return candidate
