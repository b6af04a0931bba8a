"""The PDF as the brief held during the call: page 1 is the call card with room for notes, text a
reader can read (10 pt body, 8 pt header and footer), a tagged PDF/UA document, on the paper the
user last chose for single and bulk PDFs alike."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from accounts.models import User
from callplans.services import callplan_update, objection_add
from tests.factories import ClientContactFactory


@pytest.fixture
def briefed(plan, closing_question):
    job = plan.submittal.job_order
    job.contact = ClientContactFactory(
        client=job.client, name="Dana Ruiz", title="VP Platform", phone="+1 512 555 0147"
    )
    job.save()
    for n in range(5):
        objection_add(
            plan=plan,
            category="other",
            text=f"Objection number {n}",
            likelihood="high" if n < 4 else "low",
            rebuttal=f"Rebuttal {n} with its evidence. And a second sentence {n}.",
        )
    plan.refresh_from_db()
    callplan_update(
        plan=plan,
        version=plan.version,
        candidate_story="",
        next_action="Extend an offer by Friday",
        closing_questions=[closing_question],
    )
    return plan


def download(client, user, plan, paper=None) -> PdfReader:
    client.force_login(user)
    query = f"?paper={paper}" if paper else ""
    response = client.get(reverse("callplans:pdf", args=[plan.pk]) + query)
    assert response.status_code == 200
    return PdfReader(io.BytesIO(response.content))


def norm(text: str) -> str:
    """Text with digits (page numbers) and spacing left out, to compare header and footer runs."""
    return " ".join(re.sub(r"\d+", "", text).split())


def lines(page) -> list[str]:
    return [" ".join(line.split()) for line in page.extract_text().splitlines()]


def test_page_one_is_the_call_card(client, owner, briefed):
    first = download(client, owner, briefed).pages[0]
    text = " ".join(lines(first))
    for n in range(4):
        assert f"Objection number {n}" in text
        assert f"Rebuttal {n} with its evidence. And a second sentence {n}." in text
    assert "Objection number 4" not in text  # "also possible": on the later pages only
    assert "Shall I extend an offer on your behalf?" in text
    assert "Extend an offer by Friday" in text
    assert "Notes during the call" in text
    assert "Customer Project Overview" not in text


def test_the_phone_number_is_never_split_across_lines(client, owner, briefed):
    for page in download(client, owner, briefed).pages[:2]:
        found = [line for line in lines(page) if "555" in line]
        assert found and all("+1 512 555 0147" in line for line in found), found


def test_no_body_text_is_smaller_than_10_points(client, owner, briefed):
    reader = download(client, owner, briefed)
    small: set[str] = set()
    sizes: set[float] = set()

    def visit(text, cm, tm, font, size):
        if text.strip():
            points = round(size * tm[3] * cm[3], 1)
            sizes.add(points)
            if points < 10:
                small.add(" ".join(text.split()))

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    job = briefed.submittal.job_order
    header = f"{job.client} · {job.title} · {briefed.submittal.candidate} · Interview"
    footer = "Confidential — prepared for the interview feedback call Page of"
    allowed = norm(header + " not scheduled · Call Dana Ruiz +1 512 555 0147 " + footer)
    assert min(sizes) >= 8
    assert all(norm(part) in allowed for part in small), small


def test_the_pdf_is_tagged_pdf_ua_with_its_title_and_language(client, owner, briefed):
    reader = download(client, owner, briefed)
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en"
    assert reader.metadata.title.startswith("Call plan — Alex Morgan for")
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()


def test_the_paper_chosen_is_remembered_for_the_next_pdf(client, owner, briefed):
    a4 = download(client, owner, briefed, "a4")
    again = download(client, owner, briefed)
    assert round(float(a4.pages[0].mediabox.width)) == 595
    assert round(float(again.pages[0].mediabox.width)) == 595
    assert User.objects.get(pk=owner.pk).pdf_paper == "a4"
    body = client.get(reverse("callplans:detail", args=[briefed.pk])).content.decode()
    assert 'data-testid="pdf-link">PDF to print (A4)</a>' in body


def test_the_bulk_export_offers_the_same_remembered_paper(client, manager, briefed):
    download(client, manager, briefed, "a4")
    body = client.get(reverse("review:list")).content.decode()
    assert '<option value="a4" selected>A4</option>' in body
    download(client, manager, briefed, "letter")
    body = client.get(reverse("review:list")).content.decode()
    assert '<option value="letter" selected>Letter</option>' in body
