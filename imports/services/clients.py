"""Clients and their contacts from a file, row by row through the joborders services (a team
has hundreds of them, not tens of thousands). A client is matched by its external id's link,
else by name within the team; a contact by its link, else by e-mail at its client."""

from django.core.exceptions import ValidationError

from core.access import can_write
from imports.models import ImportedRecord
from imports.rows import Row
from imports.services.engine import Context, Planned, first_seen, links_for, save_links
from joborders.models import Client, ClientContact
from joborders.services import client_contact_create, client_create

CLIENT_FIELDS = ("name", "industry", "website", "notes")
CONTACT_FIELDS = ("name", "title", "email", "phone")


def _key(row: Row, natural: str) -> str:
    if row.record["external_id"]:
        return f"id:{row.record['external_id']}"
    return natural if natural.split(":", 1)[1] else f"row:{row.fingerprint}"


def _problem(row: Row, value: str, reason: str) -> None:
    row.problems.append(("", value[:200], reason))


def _classify(plan: Planned, link, target) -> None:
    if target is None:
        plan.action = "new"
    elif link and link.object_id == target.pk and link.fingerprint == plan.row.fingerprint:
        plan.action = "unchanged"
    else:
        plan.action = "updated"
    plan.target = target


def clients_plan(ctx: Context, rows: list[Row]) -> list[Planned]:
    plans = [
        Planned(r, _key(r, f"name:{r.record['name'].casefold()}")) for r in rows if not r.problems
    ]
    plans = first_seen(ctx, plans, "client")
    links = links_for(ctx, [p.key for p in plans])
    team_clients = Client.objects.filter(team=ctx.team)
    by_pk = team_clients.in_bulk([link.object_id for link in links.values()])
    by_name = {
        c.name.casefold(): c
        for c in team_clients.filter(name__in=[p.row.record["name"] for p in plans])
    }
    kept = []
    for plan in plans:
        link = links.get(plan.key)
        target = by_pk.get(link.object_id) if link else None
        target = target or by_name.get(plan.row.record["name"].casefold())
        _classify(plan, link, target)
        if plan.action == "updated" and not can_write(
            ctx.user, team_id=target.team_id, owner_id=target.owner_id
        ):
            _problem(
                plan.row,
                target.name,
                "Only this client's owner and the team's managers can change it.",
            )
            continue
        if plan.action != "unchanged":
            draft = Client(owner=ctx.user, team=ctx.team, **_values(plan.row.record, CLIENT_FIELDS))
            if not _valid(plan.row, draft, exclude=["owner", "team"]):
                continue
        kept.append(plan)
    return kept


def _values(record: dict, names) -> dict:
    return {name: record[name] for name in names}


def _valid(row: Row, draft, *, exclude: list[str]) -> bool:
    try:
        draft.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            for message in messages:
                row.problems.append((name, "", message))
        return False
    return True


def clients_write(ctx: Context, plans: list[Planned]) -> None:
    for plan in plans:
        values = _values(plan.row.record, CLIENT_FIELDS)
        if plan.action == "new":
            plan.target = client_create(owner=ctx.user, **values)
        else:
            for name, value in values.items():
                setattr(plan.target, name, value)
            plan.target.full_clean()
            plan.target.save()
    save_links(ctx, plans)


def client_for(ctx: Context, record: dict) -> Client | None:
    """The client a job order or contact row names: by the client's imported id, else by name."""
    if record.get("client_external_id"):
        link = ImportedRecord.objects.filter(
            team=ctx.team,
            source=ctx.source,
            kind="clients",
            key=f"id:{record['client_external_id']}",
        ).first()
        if link:
            found = Client.objects.filter(team=ctx.team, pk=link.object_id).first()
            if found:
                return found
    if record.get("client"):
        return Client.objects.filter(team=ctx.team, name__iexact=record["client"]).first()
    return None


def contacts_plan(ctx: Context, rows: list[Row]) -> list[Planned]:
    kept = []
    plans = []
    for row in rows:
        if row.problems:
            continue
        client = client_for(ctx, row.record)
        if client is None and not row.record["client"]:
            _problem(
                row,
                row.record["client_external_id"],
                "No client with this id was imported yet: import the clients first.",
            )
            continue
        natural = (
            f"email:{row.record['email']}"
            if row.record["email"]
            else f"name:{row.record['name'].casefold()}"
        )
        plan = Planned(row, _key(row, natural))
        plan.client = client
        plans.append(plan)
    plans = first_seen(ctx, plans, "contact")
    links = links_for(ctx, [p.key for p in plans])
    for plan in plans:
        link = links.get(plan.key)
        target = None
        if link:
            target = ClientContact.objects.filter(pk=link.object_id, client__team=ctx.team).first()
        if target is None and plan.client is not None:
            contacts = ClientContact.objects.filter(client=plan.client)
            record = plan.row.record
            target = (
                contacts.filter(email__iexact=record["email"])
                if record["email"]
                else contacts.filter(name__iexact=record["name"])
            ).first()
        _classify(plan, link, target)
        if plan.action != "unchanged" and plan.client is None:
            ctx.note("contacts name a client that is not in DialReady yet: it is created")
        kept.append(plan)
    return kept


def contacts_write(ctx: Context, plans: list[Planned]) -> None:
    for plan in plans:
        record = plan.row.record
        client = plan.client or client_for(ctx, record)
        if client is None:
            client = client_create(owner=ctx.user, name=record["client"])
        values = _values(record, CONTACT_FIELDS)
        if plan.action == "new":
            plan.target = client_contact_create(client=client, **values)
        else:
            for name, value in values.items():
                setattr(plan.target, name, value)
            plan.target.client = client
            plan.target.full_clean()
            plan.target.save()
    save_links(ctx, plans)
