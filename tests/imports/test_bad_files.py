"""Every kind of bad file gets a sentence saying what is wrong, never a 500, and nothing is
written: refused at upload (422, the form kept) or in the preview (the run says why)."""

import io

import openpyxl
import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from candidates.models import Candidate, CandidateSkill
from imports.models import ImportProblem, ImportRun
from tests.imports.conftest import preview

pytestmark = pytest.mark.django_db
HEADER = b"id,firstName,lastName,occupation,email,skillSet\n"


def _xlsx_bytes() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["id", "firstName", "lastName", "occupation"])  # a header only
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# (what, file content, words the upload page says)
REFUSED_AT_UPLOAD = [
    ("empty", b"", "The file is empty"),
    ("only blank lines", b"\n\n  \n", "The file is empty"),
    ("a PDF renamed .csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "This file is a PDF document"),
    ("an old .xls renamed .csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "Excel 97"),
    ("a PNG renamed .csv", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "PNG image"),
    ("binary with NULs", b"id,name\n" + b"\x00\x01\x02\x00" * 200, "binary data (NUL bytes)"),
    ("a ZIP that is no workbook", b"PK\x03\x04" + b"\x00" * 100, "not an Excel workbook"),
    ("duplicate headers", b"id,email,Email\n1,a@b.test,c@d.test\n", "appears twice"),
]


@pytest.mark.parametrize(
    ("what", "content", "words"), REFUSED_AT_UPLOAD, ids=[r[0] for r in REFUSED_AT_UPLOAD]
)
def test_an_unreadable_file_is_refused_at_upload_with_a_reason(
    client, manager, what, content, words
):
    client.force_login(manager)
    upload = io.BytesIO(content)
    upload.name = "candidates.csv"
    response = client.post(reverse("imports:index"), {"kind": "candidates", "file": upload})
    assert response.status_code == 422
    assert words in response.content.decode()
    assert not ImportRun.objects.exists()


def test_an_oversized_file_is_refused_before_it_is_read(client, manager, settings):
    settings.IMPORT_MAX_BYTES = 1_000
    client.force_login(manager)
    upload = io.BytesIO(HEADER + b"1,A,B,C,a@b.test,\n" * 100)
    upload.name = "big.csv"
    response = client.post(reverse("imports:index"), {"kind": "candidates", "file": upload})
    assert response.status_code == 422
    assert "DialReady imports files of up to" in response.content.decode()


def test_a_file_with_a_header_and_no_rows_says_so(manager):
    run = preview(manager, HEADER)
    assert run.status == ImportRun.Status.REFUSED
    assert "no rows below it" in run.message


def test_a_workbook_with_a_header_and_no_rows_says_so(manager):
    run = preview(manager, _xlsx_bytes(), name="empty.xlsx")
    assert run.status == ImportRun.Status.REFUSED and "no rows below it" in run.message


def test_a_workbook_that_breaks_the_reader_is_refused_not_a_server_error(manager, monkeypatch):
    from django.core.exceptions import ValidationError

    from imports import reading
    from imports.services import importrun_create

    def broken(value):
        raise RuntimeError("bad XML in sheet1")

    monkeypatch.setattr(reading, "_cell", broken)
    with pytest.raises(ValidationError, match="could not be read"):
        importrun_create(
            user=manager, kind="candidates", file=ContentFile(_xlsx_bytes(), name="b.xlsx")
        )


def test_too_many_rows_are_refused_whole(manager, settings):
    settings.IMPORT_MAX_ROWS = 3
    run = preview(manager, HEADER + b"1,A,B,C,a@b.test,\n" * 4)
    assert run.status == ImportRun.Status.REFUSED
    assert "more than 3 rows" in run.message


# (what, one row after HEADER, the column refused, words of the reason)
ROW_PROBLEMS = [
    ("a formula", b'1,Ada,Quill,=HYPERLINK("http://x.test"),a@b.test,', "occupation", "formula"),
    ("an @ formula", b"1,Ada,Quill,@SUM(A1),a@b.test,", "occupation", "formula"),
    ("a minus formula", b"1,Ada,-2+3*cmd,Dev,a@b.test,", "lastName", "formula"),
    ("a NUL in a cell", b"1,Ada,Qu\x00ill,Dev,a@b.test,", "lastName", "NUL"),
    ("no last name", b"1,Ada,,Dev,a@b.test,", "lastName", "last name"),
    ("a bad e-mail", b"1,Ada,Quill,Dev,not-an-address,", "email", "e-mail"),
    ("years over 60", b'1,Ada,Quill,Dev,a@b.test,"Go (75)"', None, None),
]


@pytest.mark.parametrize(
    ("what", "row", "column", "words"), ROW_PROBLEMS, ids=[r[0] for r in ROW_PROBLEMS]
)
def test_a_bad_cell_refuses_its_row_with_line_column_and_reason(manager, what, row, column, words):
    good = b"2,Bo,Lind,Dev,bo@example.test,Go (2)\n"
    run = preview(manager, HEADER + good + row + b"\n")
    assert run.status == ImportRun.Status.PREVIEWED
    if column is None:  # "Go (75)" reads as a skill named "Go (75)", not 75 years
        assert run.preview["counts"]["refused"] == 0
        return
    assert run.preview["counts"] == {"new": 1, "updated": 0, "unchanged": 0, "refused": 1}
    problem = ImportProblem.objects.get(run=run)
    assert (problem.line, problem.column) == (3, column)
    assert words in problem.reason
    assert "\x00" not in problem.value  # shown as \0: PostgreSQL cannot store a NUL


def test_a_leading_plus_in_a_phone_number_is_no_formula(manager):
    run = preview(
        manager, b"id,firstName,lastName,occupation,mobile\n1,Ada,Quill,Dev,+1 (415) 555-0101\n"
    )
    assert run.preview["counts"]["refused"] == 0
    assert run.preview["sample"][0]["phone"] == "+1 (415) 555-0101"


@pytest.mark.parametrize(
    ("cell", "stored"),
    [
        ("2021-03-04", "2021-03-04"),
        ("03/04/2021", "2021-03-04"),
        ("04.03.2021", "2021-03-04"),
        ("2021-03", "2021-03-01"),
        ("2021-03-04 00:00:00", "2021-03-04"),
    ],
)
def test_dates_are_read_in_three_formats(manager, cell, stored):
    data = f"Name,Employer,Start\nAda Quill,Acme,{cell}\n".encode()
    run = preview(
        manager, data, mapping={"Name": "name", "Employer": "employer", "Start": "start_date"}
    )
    assert run.preview["sample"][0]["engagement"]["start_date"] == stored


def test_an_impossible_date_is_refused_with_the_formats_it_takes(manager):
    data = b"Name,Employer,Start\nAda Quill,Acme,31/31/2021\n"
    run = preview(
        manager, data, mapping={"Name": "name", "Employer": "employer", "Start": "start_date"}
    )
    problem = ImportProblem.objects.get(run=run)
    assert problem.column == "Start" and "2024-03-31, 03/31/2024 or 31.03.2024" in problem.reason


@pytest.mark.parametrize(
    ("cell", "years"),
    [
        ("Go (5+)", "5.0"),
        ("Go: five", "5.0"),
        ("Go 5 years", "5.0"),
        ("Go (2.5)", "2.5"),
        ("Go - twelve yrs", "12.0"),
        ("Go", None),
    ],
)
def test_years_are_read_as_numbers_plus_and_words(manager, cell, years):
    run = preview(manager, HEADER + f'1,Ada,Quill,Dev,a@b.test,"{cell}"\n'.encode())
    assert run.preview["sample"][0]["skills"] == [["Go", years]]


def test_utf8_bom_and_windows_1252_lines_are_read(manager):
    data = "\ufeff".encode() + HEADER + "1,Zoë,Ångström,Dev,z@example.test,\n".encode()
    data += "2,Renée,Müller,Dev,r@example.test,\n".encode("cp1252")
    run = preview(manager, data)
    sample = run.preview["sample"]
    assert [r["first_name"] for r in sample] == ["Zoë", "Renée"]
    assert sample[1]["last_name"] == "Müller"
    assert "1 line of the file was not UTF-8 and was read as Windows-1252." in run.preview["notes"]


def test_a_semicolon_separated_file_is_read(manager):
    run = preview(manager, b"id;firstName;lastName;occupation\n1;Ada;Quill;Dev\n")
    assert run.preview["sample"][0]["first_name"] == "Ada"


def test_the_same_candidate_twice_in_a_file_refuses_the_second(manager):
    row = b"1,Ada,Quill,Dev,a@b.test,\n"
    run = preview(manager, HEADER + row + row)
    assert run.preview["counts"]["new"] == 1 and run.preview["counts"]["refused"] == 1
    assert "same candidate as line 2" in ImportProblem.objects.get(run=run).reason


def test_nothing_is_written_by_a_preview(manager):
    preview(manager, HEADER + b"1,Ada,Quill,Dev,a@b.test,Go (3)\n")
    assert not Candidate.objects.exists() and not CandidateSkill.objects.exists()


def test_a_file_name_with_control_characters_is_stored_without_them(client, manager):
    client.force_login(manager)
    upload = io.BytesIO(HEADER + b"1,Ada,Quill,Dev,a@b.test,\n")
    upload.name = "bull\x00horn\x07.csv"
    response = client.post(reverse("imports:index"), {"kind": "candidates", "file": upload})
    assert response.status_code == 302
    assert ImportRun.objects.get().file_name == "bullhorn.csv"
