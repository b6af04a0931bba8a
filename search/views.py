from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.types import AuthedRequest
from search.forms import SearchForm
from search.selectors import global_search

SUGGESTED = 5
ON_THE_PAGE = 20


@require_GET
def search_page(request: AuthedRequest):
    form = SearchForm(request.GET)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    results = global_search(request.user, q, per_kind=ON_THE_PAGE)
    return render(request, "search/results.html", {"form": form, "results": results})


@require_GET
def search_suggest(request: AuthedRequest):
    """The navigation box's drop-down: the best few of each kind, as you type."""
    form = SearchForm(request.GET)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    results = global_search(request.user, q, per_kind=SUGGESTED)
    return render(request, "search/results.html#suggestions", {"results": results})
