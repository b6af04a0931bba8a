"""Importing a Bullhorn candidate export in a real browser: upload → preview → confirm →
result, the refused rows' report downloaded; and a file big enough for the worker, whose page
shows the progress and comes back to the preview by itself.

The live server shares the test's in-memory SQLite database, which a separate worker process
cannot open: the import task runs with the immediate backend here (the database worker runs the
same task function)."""

import csv
import io

import pytest
from playwright.sync_api import expect

from candidates.models import Candidate
from imports.models import ImportRun
from tests.browser.audit import audit
from tests.factories import TeamFactory, UserFactory
from tests.imports.conftest import FIXTURES

pytestmark = pytest.mark.browser


@pytest.fixture
def sam(db):
    team = TeamFactory(name="Import browser team")
    return UserFactory(username="sam", team=team, first_name="Sam", last_name="Reed")


def test_a_salesperson_imports_a_bullhorn_export_and_downloads_the_refused_rows(
    browser_page, live_server, log_in_as, sam, tmp_path
):
    source = (FIXTURES / "bullhorn_candidates.csv").read_bytes()
    upload = tmp_path / "bullhorn-candidates.csv"
    upload.write_bytes(source + b"4104,Dee,,=cmd|calc,dee@example.test,,,,,,,,\n")
    page = log_in_as(sam)
    assert audit(page, f"{live_server.url}/import/") == []
    page.get_by_label("What does the file hold?").select_option("candidates")
    page.get_by_label("File (CSV or Excel .xlsx)").set_input_files(str(upload))
    page.get_by_role("button", name="Upload and preview").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Import of bullhorn-candidates.csv")
    expect(page.get_by_test_id("count-new")).to_have_text("3")
    expect(page.get_by_test_id("count-refused")).to_have_text("1")
    expect(page.get_by_test_id("problems")).to_contain_text("formula")
    expect(page.get_by_role("table").first).to_contain_text("ada.quill@example.test")
    assert Candidate.objects.count() == 0  # nothing before confirm

    with page.expect_download() as download:
        page.get_by_test_id("error-report").click()
    report = download.value.path().read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(report)))
    assert {(r["line"], r["column"]) for r in rows} == {("5", "lastName"), ("5", "email")}

    page.get_by_label("“Kubernetes” (2 rows)").select_option("skip")
    page.get_by_test_id("confirm").click()
    expect(page.get_by_test_id("import-done")).to_be_visible()
    expect(page.get_by_test_id("count-new")).to_have_text("3")
    assert Candidate.objects.filter(owner=sam).count() == 3
    page.get_by_role("link", name="See the candidates").click()
    expect(page.get_by_role("main")).to_contain_text("Ada Quill")


def test_a_big_file_shows_its_progress_and_comes_back_to_the_preview(
    browser_page, live_server, log_in_as, sam, settings, tmp_path
):
    settings.IMPORT_INLINE_MAX_BYTES = 10  # every file goes to the worker
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    upload = tmp_path / "big.csv"
    upload.write_bytes((FIXTURES / "bullhorn_candidates.csv").read_bytes())
    page = log_in_as(sam)
    page.goto(f"{live_server.url}/import/")
    page.get_by_label("File (CSV or Excel .xlsx)").set_input_files(str(upload))
    page.get_by_role("button", name="Upload and preview").click()
    status = page.get_by_test_id("import-status")
    expect(status).to_contain_text("Reading the file")
    expect(page.locator("#import-progress")).to_be_visible()
    # The worker picks the task up while the page polls: the page turns into the preview.
    from imports.services import importrun_analyse

    importrun_analyse(run_id=ImportRun.objects.get().pk)
    expect(page.get_by_test_id("count-new")).to_have_text("3", timeout=10_000)


def test_an_unknown_layout_is_mapped_column_by_column_and_the_mapping_is_reused(
    browser_page, live_server, log_in_as, sam, tmp_path
):
    """Upload → map → preview → confirm → result for a spreadsheet no vendor wrote; the second
    file with the same columns skips the mapping step."""
    upload = tmp_path / "agency-sheet.csv"
    upload.write_text(
        "Given name,Family name,Mail,Tech (years),Fav colour\n"
        "Rosa,Pike,rosa.pike@example.test,Go (4),teal\n"
        "Omar,Vale,omar.vale@example.test,Python (6),red\n",
        encoding="utf-8",
    )
    page = log_in_as(sam)
    page.goto(f"{live_server.url}/import/")
    page.get_by_label("What does the file hold?").select_option("candidates")
    page.get_by_label("File (CSV or Excel .xlsx)").set_input_files(str(upload))
    page.get_by_role("button", name="Upload and preview").click()

    expect(page.get_by_role("heading", name="Which field is each column?")).to_be_visible()
    assert audit(page, page.url) == []
    # The first guesses, from the headers' words; the rest picked by hand.
    expect(page.get_by_label("Given name")).to_have_value("first_name")
    expect(page.get_by_label("Family name")).to_have_value("last_name")
    expect(page.get_by_label("Mail")).to_have_value("email")
    page.get_by_label("Tech (years)").select_option("skills")
    page.get_by_label("Fav colour").select_option("")
    page.get_by_label("Save this mapping for your team as (optional)").fill("Agency sheet")
    page.get_by_role("button", name="Preview with this mapping").click()

    expect(page.get_by_test_id("count-new")).to_have_text("2")
    expect(page.get_by_role("table").first).to_contain_text("rosa.pike@example.test")
    assert Candidate.objects.count() == 0
    page.get_by_test_id("confirm").click()
    expect(page.get_by_test_id("import-done")).to_be_visible()
    rosa = Candidate.objects.get(email="rosa.pike@example.test")
    assert (rosa.first_name, rosa.last_name) == ("Rosa", "Pike")
    assert list(rosa.skills.values_list("skill__name", "years")) == [("Go", 4)]

    again = tmp_path / "agency-sheet-december.csv"
    again.write_text(
        "Given name,Family name,Mail,Tech (years),Fav colour\n"
        "Lena,Marsh,lena.marsh@example.test,Rust (2),blue\n",
        encoding="utf-8",
    )
    page.goto(f"{live_server.url}/import/")
    page.get_by_label("What does the file hold?").select_option("candidates")
    page.get_by_label("File (CSV or Excel .xlsx)").set_input_files(str(again))
    page.get_by_role("button", name="Upload and preview").click()
    expect(page.get_by_test_id("count-new")).to_have_text("1")
    expect(page.get_by_role("heading", name="Which field is each column?")).to_have_count(0)
