import json

from django.http import HttpResponse

from core.htmx import after_removal, done


def test_done_names_the_focus_and_the_words_for_after_the_settle():
    response = done(HttpResponse(), focus="#objection-12", say="Objection saved")
    assert json.loads(response["HX-Trigger-After-Settle"]) == {
        "dr:done": {"focus": "#objection-12", "say": "Objection saved"}
    }


def test_done_with_nothing_to_say_sends_no_header():
    # A refused save names nothing: the page then focuses the first field with a message.
    assert "HX-Trigger-After-Settle" not in done(HttpResponse(status=422))


def test_after_a_removal_the_focus_goes_to_the_next_row_else_the_one_before():
    assert after_removal([1, 2, 3], 2) == 3
    assert after_removal([1, 2, 3], 3) == 2
    assert after_removal([1, 2, 3], 1) == 2
    assert after_removal([7], 7) is None
    assert after_removal([4, 5], 9) == 4  # removed meanwhile: the first row
