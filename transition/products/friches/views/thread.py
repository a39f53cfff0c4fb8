"""The project's thread: a message posted by the authority or one of its advisors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from transition.platform.accounts.ratelimit import RateLimited, rate_limit_check

from ..forms.projects import MessageForm
from ..services.thread import message_post
from .projects import project_for


@login_required
@require_POST
def message_create(request, pk: int):
    project = project_for(request, pk, "friches.project_thread")
    form = MessageForm(request.POST)
    try:
        rate_limit_check(scope="friches_write", request=request)
    except RateLimited as exc:
        messages.error(request, exc.message)
        return redirect(f"{reverse('friches:project_detail', args=[project.pk])}#echanges")
    if form.is_valid():
        try:
            message_post(actor=request.user, project=project, text=form.cleaned_data["text"])
        except ValueError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Message envoyé.")
    else:
        messages.error(request, "Le message est vide ou trop long (5 000 caractères au plus).")
    return redirect(f"{reverse('friches:project_detail', args=[project.pk])}#echanges")
