"""Each recognised layout is told apart by its headers, and DialReady's own team export comes
back in: clients, contacts and job orders exported by one team import into another, linked."""

import csv
import io

import pytest

from exports.export import team_table_rows
from imports.layouts import LAYOUTS, guess_mapping, recognise
from joborders.models import Client, ClientContact, JobOrder
from tests.factories import (
    ClientContactFactory,
    JobOrderFactory,
    ManagerFactory,
    TeamFactory,
)
from tests.imports.conftest import FIXTURES, run_import

OPENCATS_HEADERS = {
    "job_orders": "ID,Title,Company,Department,Type,Status,Openings,Start Date,Duration,Max Rate,Created,Modified,Recruiter,Owner,Contact,City,State,Key Skills",
    "clients": "ID,Name,Jobs,City,State,Zip,Phone,Owner,Contact,Key Technologies,Web Site,Misc Notes,Created,Modified",
    "contacts": "ID,First Name,Last Name,Company,Title,E-Mail,2nd E-Mail,Work Phone,Cell Phone,City,State,Owner,Created,Modified",
}


@pytest.mark.parametrize("kind", ["job_orders", "clients", "contacts"])
def test_the_opencats_exports_are_recognised(kind):
    layout = recognise(kind, OPENCATS_HEADERS[kind].split(","))
    assert layout is not None and layout.source == "opencats"


@pytest.mark.parametrize(
    ("kind", "table"),
    [
        ("candidates", "candidates"),
        ("job_orders", "joborders"),
        ("clients", "clients"),
        ("contacts", "client_contacts"),
    ],
)
def test_the_dialready_team_export_columns_are_recognised(db, team, kind, table):
    header, _ = team_table_rows(team, table)
    layout = recognise(kind, header)
    assert layout is not None and layout.source == "dialready"


def test_a_file_of_one_vendor_is_never_taken_for_another(db):
    for layout in LAYOUTS:
        headers = sorted({*layout.columns, *layout.signature})
        assert recognise(layout.kind, headers) == layout, layout.name


def test_the_mapping_step_guesses_common_headers():
    guess = guess_mapping("candidates", ["Full Name", "E-mail", "Mobile", "Skills", "Notes"])
    assert guess == {
        "Full Name": "name",
        "E-mail": "email",
        "Mobile": "mobile",
        "Skills": "skills",
        "Notes": "summary",
    }


def _csv(team, table) -> bytes:
    header, rows = team_table_rows(team, table)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode()


@pytest.mark.django_db
def test_a_team_export_imports_into_another_team_with_its_links(manager, team):
    job = JobOrderFactory(owner=manager, title="Release manager", bill_rate="95.00")
    ClientContactFactory(client=job.client, name="Una Vale", email="una@example.test")
    files = {t: _csv(team, t) for t in ("clients", "client_contacts", "joborders")}
    other = ManagerFactory(team=TeamFactory(name="New office"))
    run_import(other, files["clients"], kind="clients")
    run_import(other, files["client_contacts"], kind="contacts")
    run = run_import(other, files["joborders"], kind="job_orders")
    assert run.result["new"] == 1
    copy = JobOrder.objects.get(team=other.team)
    assert (copy.title, str(copy.bill_rate)) == ("Release manager", "95.00")
    assert copy.client.team == other.team and copy.client.name == job.client.name
    assert ClientContact.objects.get(client__team=other.team).name == "Una Vale"
    assert Client.objects.filter(team=other.team).count() == 1
    again = run_import(other, files["joborders"], kind="job_orders")
    assert again.result["unchanged"] == 1


def test_the_fixtures_hold_no_real_domains():
    for path in FIXTURES.iterdir():
        text = path.read_text()
        assert "@" not in text or "@example.test" in text, path.name
