"""The words and weights the bulk data is made of: skills by family, names, places, texts."""

from callplans.models import CallPlan, Objection
from candidates.models import Candidate
from joborders.models import JobOrder, Requirement, Submittal
from references.models import ReferenceFinding

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
