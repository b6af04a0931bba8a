from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.types import AuthedRequest
from candidates.selectors import skill_suggestions


@require_GET
def skill_suggest(request: AuthedRequest):
    """Typeahead options for any skill input: `<input list=…>` fed by htmx."""
    skills = skill_suggestions(request.GET.get("q", "")[:80])
    return render(request, "candidates/skill_options.html", {"skills": skills})
