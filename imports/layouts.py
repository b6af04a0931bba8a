"""What each column means: the fields of each kind, the layouts recognised by their headers
(Bullhorn list exports, OpenCATS CSV exports, DialReady's own team export) and the guesses a
mapping step starts from. Pure: no database.

Bullhorn names are the entity reference's field names (Candidate, JobOrder, ClientCorporation,
ClientContact; a to-one association as `clientCorporation.name`, a composite as
`address.city`). OpenCATS names are the column titles of its list views, which its CSV export
writes. DialReady's are the columns of /team/export/<table>.csv."""

from dataclasses import dataclass

# kind → (field, label): the mapping step's choices, in the order a person reads them.
FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "candidates": (
        ("external_id", "ID in the other system"),
        ("first_name", "First name"),
        ("last_name", "Last name"),
        ("name", "Full name (split into first and last)"),
        ("email", "E-mail"),
        ("phone", "Phone"),
        ("mobile", "Mobile phone (used when there is no phone)"),
        ("headline", "Headline / current title"),
        ("location", "Location"),
        ("city", "City (joined into the location)"),
        ("state", "State or region (joined into the location)"),
        ("status", "Status"),
        ("summary", "Summary / notes"),
        ("skills", "Skills, with years: “Python (5), Kafka 3”"),
        ("employer", "Work history: employer"),
        ("role", "Work history: role"),
        ("start_date", "Work history: start date"),
        ("end_date", "Work history: end date"),
        ("project_name", "Work history: project"),
    ),
    "job_orders": (
        ("external_id", "ID in the other system"),
        ("title", "Title"),
        ("client", "Client name"),
        ("client_external_id", "Client's ID in the other system"),
        ("status", "Status"),
        ("openings", "Openings"),
        ("start_date", "Start date"),
        ("duration_weeks", "Duration (weeks)"),
        ("bill_rate", "Bill rate"),
        ("employment_type", "Employment type"),
        ("expected_hours", "Expected hours per opening"),
        ("placement_fee", "Placement fee"),
        ("project_goal", "Description / goal"),
        ("received_on", "Received on"),
        ("requirements", "Required skills, with years: “Java 5+, Kafka”"),
    ),
    "clients": (
        ("external_id", "ID in the other system"),
        ("name", "Name"),
        ("industry", "Industry"),
        ("website", "Website"),
        ("notes", "Notes"),
    ),
    "contacts": (
        ("external_id", "ID in the other system"),
        ("client", "Client name"),
        ("client_external_id", "Client's ID in the other system"),
        ("first_name", "First name"),
        ("last_name", "Last name"),
        ("name", "Full name"),
        ("title", "Title"),
        ("email", "E-mail"),
        ("phone", "Phone"),
        ("mobile", "Mobile phone (used when there is no phone)"),
    ),
}
FIELD_LABELS = {kind: dict(fields) for kind, fields in FIELDS.items()}


@dataclass(frozen=True)
class Layout:
    name: str  # shown: "Bullhorn Candidate list export"
    source: str  # kept with each imported record
    kind: str
    columns: dict[str, str]  # header (case-insensitive) → field
    signature: frozenset[str]  # headers that must all be there

    def mapping_for(self, headers: list[str]) -> dict[str, str]:
        known = {k.casefold(): v for k, v in self.columns.items()}
        return {h: known[h.casefold()] for h in headers if h.casefold() in known}


def _layout(name, source, kind, columns, *signature) -> Layout:
    return Layout(name, source, kind, columns, frozenset(s.casefold() for s in signature))


LAYOUTS = (
    _layout(
        "Bullhorn Candidate list export",
        "bullhorn",
        "candidates",
        {
            "id": "external_id",
            "firstName": "first_name",
            "lastName": "last_name",
            "name": "name",
            "email": "email",
            "phone": "phone",
            "mobile": "mobile",
            "occupation": "headline",
            "address.city": "city",
            "address.state": "state",
            "status": "status",
            "description": "summary",
            "skillSet": "skills",
            "companyName": "employer",
        },
        "id",
        "firstName",
        "lastName",
        "occupation",
    ),
    _layout(
        "OpenCATS candidates export",
        "opencats",
        "candidates",
        {
            "ID": "external_id",
            "First Name": "first_name",
            "Last Name": "last_name",
            "E-Mail": "email",
            "Home Phone": "phone",
            "Cell Phone": "mobile",
            "City": "city",
            "State": "state",
            "Key Skills": "skills",
            "Current Employer": "employer",
            "Misc Notes": "summary",
            "Recent Status": "status",
        },
        "First Name",
        "Last Name",
        "Key Skills",
    ),
    _layout(
        "DialReady team export (candidates.csv)",
        "dialready",
        "candidates",
        {
            "id": "external_id",
            "first_name": "first_name",
            "last_name": "last_name",
            "headline": "headline",
            "email": "email",
            "phone": "phone",
            "location": "location",
            "status": "status",
            "summary": "summary",
        },
        "id",
        "first_name",
        "last_name",
        "owner_id",
        "version",
    ),
    _layout(
        "Bullhorn JobOrder list export",
        "bullhorn",
        "job_orders",
        {
            "id": "external_id",
            "title": "title",
            "clientCorporation.name": "client",
            "clientCorporation.id": "client_external_id",
            "status": "status",
            "numOpenings": "openings",
            "startDate": "start_date",
            "durationWeeks": "duration_weeks",
            "clientBillRate": "bill_rate",
            "employmentType": "employment_type",
            "hoursPerWeek": "expected_hours",
            "description": "project_goal",
            "dateAdded": "received_on",
            "skillList": "requirements",
        },
        "id",
        "title",
        "clientCorporation.name",
    ),
    _layout(
        "OpenCATS job orders export",
        "opencats",
        "job_orders",
        {
            "ID": "external_id",
            "Title": "title",
            "Company": "client",
            "Status": "status",
            "Openings": "openings",
            "Start Date": "start_date",
            "Duration": "duration_weeks",
            "Max Rate": "bill_rate",
            "Type": "employment_type",
            "Description": "project_goal",
            "Created": "received_on",
            "Key Skills": "requirements",
        },
        "Title",
        "Company",
        "Type",
    ),
    _layout(
        "DialReady team export (joborders.csv)",
        "dialready",
        "job_orders",
        {
            "id": "external_id",
            "title": "title",
            "client_id": "client_external_id",
            "status": "status",
            "openings": "openings",
            "start_date": "start_date",
            "duration_weeks": "duration_weeks",
            "bill_rate": "bill_rate",
            "employment_type": "employment_type",
            "expected_hours": "expected_hours",
            "placement_fee": "placement_fee",
            "project_goal": "project_goal",
            "received_on": "received_on",
        },
        "id",
        "client_id",
        "title",
        "team_id",
        "version",
    ),
    _layout(
        "Bullhorn ClientCorporation list export",
        "bullhorn",
        "clients",
        {
            "id": "external_id",
            "name": "name",
            "industryList": "industry",
            "companyURL": "website",
            "notes": "notes",
        },
        "id",
        "name",
        "companyURL",
    ),
    _layout(
        "OpenCATS companies export",
        "opencats",
        "clients",
        {
            "ID": "external_id",
            "Name": "name",
            "Key Technologies": "industry",
            "Web Site": "website",
            "Misc Notes": "notes",
        },
        "Name",
        "Web Site",
    ),
    _layout(
        "DialReady team export (clients.csv)",
        "dialready",
        "clients",
        {
            "id": "external_id",
            "name": "name",
            "industry": "industry",
            "website": "website",
            "notes": "notes",
        },
        "id",
        "name",
        "team_id",
        "owner_id",
    ),
    _layout(
        "Bullhorn ClientContact list export",
        "bullhorn",
        "contacts",
        {
            "id": "external_id",
            "firstName": "first_name",
            "lastName": "last_name",
            "name": "name",
            "occupation": "title",
            "email": "email",
            "phone": "phone",
            "mobile": "mobile",
            "clientCorporation.name": "client",
            "clientCorporation.id": "client_external_id",
        },
        "id",
        "firstName",
        "lastName",
        "clientCorporation.name",
    ),
    _layout(
        "OpenCATS contacts export",
        "opencats",
        "contacts",
        {
            "ID": "external_id",
            "First Name": "first_name",
            "Last Name": "last_name",
            "Company": "client",
            "Title": "title",
            "E-Mail": "email",
            "Work Phone": "phone",
            "Cell Phone": "mobile",
        },
        "First Name",
        "Last Name",
        "Company",
    ),
    _layout(
        "DialReady team export (client_contacts.csv)",
        "dialready",
        "contacts",
        {
            "id": "external_id",
            "client_id": "client_external_id",
            "name": "name",
            "title": "title",
            "email": "email",
            "phone": "phone",
        },
        "id",
        "client_id",
        "name",
        "title",
        "email",
    ),
)


def recognise(kind: str, headers: list[str]) -> Layout | None:
    """The layout whose signature headers the file has, the one knowing most of its columns."""
    present = {h.casefold() for h in headers}
    fits = [layout for layout in LAYOUTS if layout.kind == kind and layout.signature <= present]
    if not fits:
        return None
    return max(fits, key=lambda layout: len(layout.mapping_for(headers)))


# Words in a header that say which field a column is, for the mapping step's first guess.
_GUESSES = {
    "external_id": ("id", "external id", "candidate id", "record id", "ats id"),
    "first_name": ("first name", "firstname", "given name", "first"),
    "last_name": ("last name", "lastname", "surname", "family name", "last"),
    "name": ("name", "full name", "candidate", "contact", "contact name", "company name"),
    "email": ("email", "e-mail", "email address", "mail"),
    "phone": ("phone", "telephone", "work phone", "home phone"),
    "mobile": ("mobile", "cell", "cell phone", "mobile phone"),
    "headline": ("title", "job title", "headline", "position", "occupation"),
    "location": ("location", "address"),
    "city": ("city", "town"),
    "state": ("state", "region", "province"),
    "status": ("status",),
    "summary": ("summary", "notes", "comments", "description"),
    "skills": ("skills", "key skills", "skill set", "technologies"),
    "employer": ("employer", "company", "current employer", "current company"),
    "role": ("role",),
    "start_date": ("start", "start date", "from"),
    "end_date": ("end", "end date", "to"),
    "client": ("client", "company", "customer", "account"),
    "openings": ("openings", "positions", "headcount"),
    "bill_rate": ("bill rate", "rate"),
    "requirements": ("skills", "requirements", "required skills"),
    "received_on": ("received", "received on", "date added", "created", "opened"),
    "industry": ("industry", "sector"),
    "website": ("website", "web site", "url"),
    "notes": ("notes", "comments"),
    "title": ("title", "job title", "position"),
}


def guess_mapping(kind: str, headers: list[str]) -> dict[str, str]:
    fields = [f for f, _ in FIELDS[kind]]
    guesses: dict[str, str] = {}
    taken: set[str] = set()
    for header in headers:
        key = " ".join(header.casefold().replace("_", " ").split())
        for field in fields:
            if field in taken:
                continue
            if key == field.replace("_", " ") or key in _GUESSES.get(field, ()):
                guesses[header] = field
                taken.add(field)
                break
    return guesses
