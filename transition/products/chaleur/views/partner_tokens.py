"""The partner API's token: an operator creates its organisation's token (shown once)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from transition.platform.accounts import permissions

from ..permissions import operator_organisations
from ..services.partner_tokens import partner_token_issue
from .back_office import pro_context


@login_required
@require_http_methods(["GET", "POST"])
def api_token(request):
    permissions.require(request.user, "chaleur.partner_api")
    organisations = operator_organisations(request.user)
    token = ""
    if request.method == "POST":
        organisation = get_object_or_404(organisations, pk=request.POST.get("organisation"))
        token = partner_token_issue(actor=request.user, organisation=organisation)
    return render(
        request,
        "chaleur/pro/api_token.html",
        {"title": "API partenaire", "organisations": organisations, "token": token, **pro_context(request)},
    )
