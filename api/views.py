"""The user's own API tokens: list, create (the secret is shown once), revoke."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts.types import AuthedRequest
from api.forms import TokenForm
from api.selectors import get_token_of, tokens_of
from api.services import apitoken_create, apitoken_revoke
from core.forms import add_service_errors

PAGE = "api/tokens.html"


@require_http_methods(["GET", "POST"])
def token_list(request: AuthedRequest):
    form = TokenForm(request.POST or None)
    status, secret = 200, None
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                created = apitoken_create(user=request.user, **form.cleaned_data)
            except ValidationError as error:
                status = add_service_errors(form, error)
            else:
                status, secret, form = 201, created.secret, TokenForm()
    context = {"form": form, "tokens": tokens_of(request.user), "secret": secret}
    return render(request, PAGE, context, status=status)


@require_POST
def token_revoke(request: AuthedRequest, pk: int):
    token = apitoken_revoke(token=get_token_of(request.user, pk))
    messages.success(request, f"Token “{token.name}” revoked: it no longer opens the API.")
    return redirect("api_tokens:list")
