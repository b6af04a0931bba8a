"""The import's behaviour end to end through its services, on each recognised layout."""

import io

import openpyxl
import pytest
from django.core.files.base import ContentFile
from django.db import connection

from candidates.models import Candidate, CandidateSkill, Engagement, Skill
from exports.export import team_table_rows
from imports import rows as rows_module
from imports.models import ImportedRecord, ImportMapping, ImportProblem, ImportRun
from imports.services import importrun_create
from joborders.models import Client, ClientContact, JobOrder, Requirement
from tests.factories import CandidateFactory, SkillFactory, TeamFactory, UserFactory
from tests.imports.conftest import fixture_bytes, preview, run_import

pytestmark = pytest.mark.django_db


def test_a_bullhorn_candidate_export_creates_candidates_with_skills_and_years(importer):
    SkillFactory(name="Kubernetes", aliases="k8s")
    run = run_import(importer, fixture_bytes("bullhorn_candidates.csv"))
    assert run.layout == "Bullhorn Candidate list export"
    assert run.result == {"new": 3, "updated": 0, "unchanged": 0, "refused": 0}
    ada = Candidate.objects.get(email="ada.quill@example.test")
    assert (ada.first_name, ada.headline, ada.location) == (
        "Ada",
        "Platform engineer",
        "Oakland, CA",
    )
    assert ada.owner == importer
    years = dict(ada.skills.values_list("skill__name", "years"))
    assert years == {"Kubernetes": 6, "Terraform": 4, "Go": 0}
    bram = Candidate.objects.get(email="bram.o@example.test")
    assert bram.status == "interviewing"
    assert dict(bram.skills.values_list("skill__name", "years"))["Python"] == 5  # "five"
    # The known skill was used, not duplicated; the unknown ones were created.
    assert Skill.objects.filter(name__iexact="kubernetes").count() == 1
    assert ImportedRecord.objects.filter(source="bullhorn", kind="candidates").count() == 3
    # Each new record has its first history row: who imported it, from which file.
    first = ada.history.get()
    assert (first.history_type, first.history_user, first.first_name) == ("+", importer, "Ada")
    assert first.history_change_reason == "Imported from file.csv"
    assert CandidateSkill.history.filter(candidate_id=ada.pk).count() == 3
    assert ada.created_at is not None and ada.version == 1


def test_importing_the_same_file_again_changes_nothing(importer):
    data = fixture_bytes("bullhorn_candidates.csv")
    run_import(importer, data)
    versions = dict(Candidate.objects.values_list("pk", "version"))
    history = Candidate.history.count()
    again = run_import(importer, data)
    assert again.result == {"new": 0, "updated": 0, "unchanged": 3, "refused": 0}
    assert dict(Candidate.objects.values_list("pk", "version")) == versions
    assert Candidate.history.count() == history
    assert CandidateSkill.objects.count() == 8


def test_an_edited_file_updates_exactly_the_edited_records(importer):
    data = fixture_bytes("bullhorn_candidates.csv")
    run_import(importer, data)
    before = {c.email: (c.version, c.updated_at) for c in Candidate.objects.all()}
    edited = data.replace(b"Data engineer", b"Staff data engineer").replace(b"Kafka 5+", b"Kafka 7")
    again = run_import(importer, edited)
    assert again.result == {"new": 0, "updated": 1, "unchanged": 2, "refused": 0}
    bram = Candidate.objects.get(email="bram.o@example.test")
    assert bram.headline == "Staff data engineer"
    assert bram.version == before[bram.email][0] + 1
    assert bram.skills.get(skill__name="Kafka").years == 7
    for other in Candidate.objects.exclude(pk=bram.pk):
        assert (other.version, other.updated_at) == before[other.email]


def test_a_row_without_an_id_is_matched_by_its_email(importer):
    existing = CandidateFactory(owner=importer, email="dana.whitlock@example.test", headline="")
    run = run_import(importer, fixture_bytes("opencats_candidates.csv"))
    assert run.layout == "OpenCATS candidates export"
    assert run.result["updated"] == 1 and run.result["new"] == 1
    existing.refresh_from_db()
    assert existing.first_name == "Dana" and existing.location == "Portland, OR"
    assert existing.status == "interviewing"  # "Submitted"
    assert Candidate.objects.filter(email__iexact="dana.whitlock@example.test").count() == 1
    again = run_import(importer, fixture_bytes("opencats_candidates.csv"))
    assert again.result["unchanged"] == 2


def test_another_teams_candidate_matched_by_email_is_refused_not_changed(importer):
    stranger = UserFactory(team=TeamFactory(name="Elsewhere"))
    theirs = CandidateFactory(owner=stranger, email="ada.quill@example.test", headline="Kept")
    run = preview(importer, fixture_bytes("bullhorn_candidates.csv"))
    assert run.preview["counts"]["refused"] == 1
    problem = ImportProblem.objects.get(run=run)
    assert problem.line == 2 and "only their owner" in problem.reason
    run_import(importer, fixture_bytes("bullhorn_candidates.csv"))
    theirs.refresh_from_db()
    assert theirs.headline == "Kept"


def test_the_dialready_team_export_is_recognised_and_imports_into_another_team(importer, team):
    CandidateFactory(owner=importer, first_name="Jo", last_name="Reyes", email="jo@example.test")
    header, rows = team_table_rows(team, "candidates")
    buffer = io.StringIO()
    import csv

    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    other = UserFactory(team=TeamFactory(name="Second office"), role="manager")
    Candidate.objects.update(email="old@example.test")  # so e-mail does not match it
    run = run_import(other, buffer.getvalue().encode())
    assert run.layout == "DialReady team export (candidates.csv)"
    assert run.result["new"] == 1
    assert Candidate.objects.filter(first_name="Jo", owner=other).exists()


def test_an_unknown_layout_goes_through_the_mapping_step_saved_and_reused(importer):
    data = fixture_bytes("spreadsheet_candidates.csv")
    run = importrun_create(user=importer, kind="candidates", file=ContentFile(data, name="s.csv"))
    assert run.status == ImportRun.Status.MAPPING
    assert run.mapping.get("Company") == "employer"  # the first guess
    mapping = {
        "Candidate": "name",
        "Mail": "email",
        "Tel": "phone",
        "Stack": "skills",
        "Company": "employer",
        "From": "start_date",
        "Until": "end_date",
    }
    from imports.services import importrun_analyse, importrun_map

    importrun_map(run=run, user=importer, mapping=mapping, save_as="Our spreadsheet")
    assert ImportMapping.objects.get(name="Our spreadsheet").mapping == mapping
    run = importrun_analyse(run_id=run.pk)
    assert run.preview["counts"]["new"] == 2
    reused = importrun_create(
        user=importer, kind="candidates", file=ContentFile(data, name="s2.csv")
    )
    assert reused.status == ImportRun.Status.ANALYSING
    assert reused.layout == "Saved mapping “Our spreadsheet”"


def test_work_history_dates_in_three_formats_and_years_as_words(importer):
    mapping = {
        "Candidate": "name",
        "Mail": "email",
        "Stack": "skills",
        "Company": "employer",
        "From": "start_date",
        "Until": "end_date",
    }
    run_import(importer, fixture_bytes("spreadsheet_candidates.csv"), mapping=mapping)
    hana = Candidate.objects.get(email="hana.ito@example.test")
    assert (hana.first_name, hana.last_name) == ("Hana", "Ito")
    job = Engagement.objects.get(candidate=hana)
    assert (job.employer, str(job.start_date), str(job.end_date)) == (
        "Lumen Labs",
        "2019-04-01",
        "2023-06-30",
    )
    ivo = Candidate.objects.get(email="ivo.brandt@example.test")
    assert str(Engagement.objects.get(candidate=ivo).start_date) == "2020-02-01"  # 01.02.2020
    assert ivo.skills.get().years == 5  # "Rust: five"


def test_an_unknown_skill_can_be_skipped_or_mapped_to_a_near_match(importer):
    kafka = SkillFactory(name="Apache Kafka")
    data = b'id,firstName,lastName,occupation,skillSet\n1,Kim,Lo,Dev,"Kafka (3), Cobolt"\n'
    run = preview(importer, data)
    unknown = {e["key"]: e for e in run.preview["unknown_skills"]}
    assert set(unknown) == {"kafka", "cobolt"}
    assert kafka.pk in [n["id"] for n in unknown["kafka"]["near"]]
    from imports.services import importrun_confirm, importrun_execute

    importrun_confirm(
        run=run,
        user=importer,
        skill_choices={"kafka": str(kafka.pk), "cobolt": "skip"},
        enqueue=lambda pk: None,
    )
    importrun_execute(run_id=run.pk)
    kim = Candidate.objects.get(first_name="Kim")
    assert list(kim.skills.values_list("skill__name", "years")) == [("Apache Kafka", 3)]
    assert not Skill.objects.filter(name__iexact="cobolt").exists()


def test_an_xlsx_export_is_read_and_a_formula_cell_is_refused_never_run(importer):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "firstName", "lastName", "occupation", "email", "dateAvailable"])
    sheet.append([7, "Lia", "Moreau", "QA lead", "lia@example.test", None])
    sheet.append(
        [8, "Max", "Stone", '=HYPERLINK("http://evil.test","QA")', "max@example.test", None]
    )
    buffer = io.BytesIO()
    book.save(buffer)
    run = run_import(importer, buffer.getvalue(), name="export.csv")  # renamed: read by content
    assert run.file_format == "xlsx"
    assert run.result == {"new": 1, "updated": 0, "unchanged": 0, "refused": 1}
    problem = ImportProblem.objects.get(run=run)
    assert (problem.line, problem.column) == (3, "occupation")
    assert "formula" in problem.reason
    assert not Candidate.objects.filter(first_name="Max").exists()


def test_a_failure_while_writing_leaves_the_database_as_it_was(importer, monkeypatch):
    monkeypatch.setattr(rows_module, "CHUNK", 1)  # one row per batch: the second batch fails
    from imports.services import ENGINES
    from imports.services import candidates as engine

    calls = []

    def failing_write(ctx, plans):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        engine.candidates_write(ctx, plans)

    monkeypatch.setitem(ENGINES, "candidates", (engine.candidates_plan, failing_write))
    with pytest.raises(RuntimeError):
        run_import(importer, fixture_bytes("bullhorn_candidates.csv"))
    assert Candidate.objects.count() == 0
    assert CandidateSkill.objects.count() == 0
    assert ImportedRecord.objects.count() == 0
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.FAILED and "nothing was written" in run.message


def test_clients_contacts_and_job_orders_with_requirements(importer, team):
    run_import(importer, fixture_bytes("bullhorn_clients.csv"), kind="clients")
    northwind = Client.objects.get(team=team, name="Northwind Rail")
    assert northwind.website == "https://northwind.example.test"
    run = run_import(importer, fixture_bytes("bullhorn_contacts.csv"), kind="contacts")
    assert run.result["new"] == 2
    assert ClientContact.objects.get(email="fay.gordon@example.test").client == northwind
    run = run_import(importer, fixture_bytes("bullhorn_joborders.csv"), kind="job_orders")
    assert run.result == {"new": 2, "updated": 0, "unchanged": 0, "refused": 0}
    job = JobOrder.objects.get(title="Platform engineer")
    assert (job.client, job.openings, str(job.bill_rate)) == (northwind, 2, "120.00")
    assert str(job.received_on) == "2024-12-01"
    needs = dict(Requirement.objects.filter(job_order=job).values_list("skill__name", "min_years"))
    assert needs == {"Kubernetes": 5, "Terraform": 3}
    assert JobOrder.objects.get(title="Data engineer").employment_type == "permanent"
    for name, kind in (
        ("bullhorn_clients.csv", "clients"),
        ("bullhorn_contacts.csv", "contacts"),
        ("bullhorn_joborders.csv", "job_orders"),
    ):
        again = run_import(importer, fixture_bytes(name), kind=kind)
        assert again.result["unchanged"] == 2, name
    edited = fixture_bytes("bullhorn_joborders.csv").replace(
        b"Accepting Candidates,2", b"On Hold,3"
    )
    again = run_import(importer, edited, kind="job_orders")
    assert again.result == {"new": 0, "updated": 1, "unchanged": 1, "refused": 0}
    job.refresh_from_db()
    assert (job.status, job.openings) == ("on_hold", 3)


def test_preview_queries_do_not_grow_with_rows(importer, django_assert_max_num_queries):
    SkillFactory(name="Go")

    def file(n: int) -> bytes:
        lines = [f"{i},First{i},Last{i},Dev,p{i}@example.test,Go (2)" for i in range(n)]
        return ("id,firstName,lastName,occupation,email,skillSet\n" + "\n".join(lines)).encode()

    def count(n: int) -> int:
        with connection.execute_wrapper(counter := _Counter()):
            preview(importer, file(n))
        return counter.count

    assert count(5) == count(50)


class _Counter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)
