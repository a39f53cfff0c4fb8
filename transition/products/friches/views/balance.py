"""The socio-economic balance of a project: each assumption in a form, each figure with the
assumption behind it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from transition.platform.accounts import permissions

from ..forms.balance import BalanceForm
from ..selectors.balance import default_inputs, project_balance
from ..services.balance import balance_inputs_save
from .projects import project_for


@login_required
def balance(request, pk: int):
    project = project_for(request, pk)
    can_change = permissions.can(request.user, "friches.project_change", project)
    current = project_balance(project)
    form = BalanceForm(request.POST or None, initial=current.values)
    if request.method == "POST":
        if not can_change:
            return redirect("friches:balance", pk=project.pk)
        if form.is_valid():
            defaults = default_inputs(project)
            values = {k: v for k, v in form.cleaned_data.items() if v is not None and v != defaults.get(k)}
            balance_inputs_save(actor=request.user, project=project, values=values)
            messages.success(request, "Le bilan est recalculé avec vos hypothèses.")
            return redirect("friches:balance", pk=project.pk)
    impact = current.impact
    return render(
        request,
        "friches/balance/balance.html",
        {
            "title": "Bilan socio-économique",
            "project": project,
            "form": form,
            "balance": current,
            "impact": impact,
            "benefits": [f for f in impact.figures if f.monetary and f.value >= 0] if impact else [],
            "costs": [f for f in impact.figures if f.monetary and f.value < 0] if impact else [],
            "quantities": [f for f in impact.figures if not f.monetary] if impact else [],
            "can_change": can_change,
        },
    )
