from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.types import AuthedRequest
from board.forms import BoardFilterForm
from board.selectors import board_for


@require_GET
def board(request: AuthedRequest):
    """The money board; an htmx request gets the results only (the form stays as typed)."""
    form = BoardFilterForm(request.GET, user=request.user)
    filters, ignored = form.filters()
    context = {"form": form, "board": board_for(request.user, **filters), "ignored": ignored}
    template = "board/board.html#results" if request.htmx else "board/board.html"
    return render(request, template, context)
