"""The cost and emissions comparator: a form read by GET (a result can be shared by its address),
the rule of the domain, every assumption shown."""

from django import forms
from django.shortcuts import render
from django.views.decorators.http import require_GET

from transition.platform.ui.sitemap import in_sitemap

from ..domain.comparator import Building, ComparatorError, compare
from ..domain.comparator_parameters import BUILDING_NEEDS_RESIDENTIAL, BUILDING_NEEDS_TERTIARY, MODES
from ..forms import Form
from ..selectors.comparator import network_offer


class ComparatorForm(Form):
    type = forms.ChoiceField(
        label="Type de bâtiment",
        choices=[("residentiel", "Logements (copropriété, logement social, maison)"), ("tertiaire", "Tertiaire")],
        initial="residentiel",
    )
    logements = forms.IntegerField(label="Nombre de logements", min_value=1, max_value=2000, required=False, initial=30)
    dpe = forms.ChoiceField(
        label="Étiquette DPE",
        choices=[(k, f"{k} ({v} kWh/m²/an de chauffage)") for k, v in BUILDING_NEEDS_RESIDENTIAL.items()],
        initial="D",
        required=False,
    )
    chauffage = forms.ChoiceField(
        label="Chauffage actuel",
        choices=[
            ("collectif", "Collectif (une chaufferie pour l’immeuble)"),
            ("individuel", "Individuel (un appareil par logement)"),
        ],
        initial="collectif",
        required=False,
    )
    activite = forms.ChoiceField(
        label="Activité (tertiaire)",
        choices=[(k, label) for k, (label, _) in BUILDING_NEEDS_TERTIARY.items()],
        initial="bureaux",
        required=False,
    )
    surface = forms.IntegerField(
        label="Surface chauffée (m²)",
        help_text="Facultative pour des logements (70 m² par logement sinon), obligatoire pour le tertiaire.",
        min_value=10,
        max_value=200_000,
        required=False,
    )
    actuel = forms.ChoiceField(
        label="Mode de chauffage actuel (facultatif)",
        help_text="Pour voir l’écart de coût et d’émissions de chaque mode avec celui-ci.",
        choices=[("", "Non précisé")] + [(m.key, m.label) for m in MODES if m.key != "reseau"],
        required=False,
    )
    reseau = forms.CharField(
        label="Identifiant du réseau de chaleur (facultatif)",
        help_text="Par exemple 4901C ; il figure sur la fiche de chaque réseau. Sans réseau, son coût n’est pas calculé.",
        max_length=20,
        required=False,
    )
    tous = forms.BooleanField(
        label="Comparer aussi les pompes à chaleur, le bois et l’électricité",
        required=False,
        initial=True,
    )

    def clean(self):
        data = super().clean()
        if data.get("type") == "residentiel" and not data.get("logements"):
            self.add_error("logements", "Indiquez le nombre de logements.")
        if data.get("type") == "tertiaire" and not data.get("surface"):
            self.add_error("surface", "Indiquez la surface chauffée du bâtiment tertiaire.")
        return data


def _rows(comparison, current: str = "") -> list[dict]:
    """What the table shows beside each result: per dwelling, tonnes, and the gap with the
    current mode when one is given."""
    n = comparison.dwellings
    versus = comparison.versus(current) if current else {}
    return [
        {
            "result": r,
            "current": r.key == current,
            "cost_gap_eur": versus.get(r.key, (None, None))[0],
            "co2_gap_t": None if r.key not in versus else versus[r.key][1] / 1000,
            "per_dwelling_eur": None if r.total_eur is None else round(r.total_eur / n),
            "per_dwelling_co2_kg": round(r.co2_kg / n),
            "co2_t": r.co2_kg / 1000,
        }
        for r in comparison.results
    ]


@require_GET
@in_sitemap("Comparateur de coûts et d’émissions")
def comparator(request):
    submitted = "type" in request.GET
    form = ComparatorForm(request.GET if submitted else None)
    comparison = network = None
    error = ""
    if submitted and form.is_valid():
        data = form.cleaned_data
        building = Building(
            kind=data["type"],
            dwellings=data["logements"] or 1,
            surface_m2=data["surface"],
            dpe=data["dpe"] or "D",
            activity=data["activite"] or "bureaux",
            heating=data["chauffage"] or "collectif",
        )
        network, offer = network_offer(national_id=data["reseau"], building_kind=data["type"])
        if data["reseau"] and network is None:
            form.add_error("reseau", "Aucun réseau de chaleur n’a cet identifiant.")
        else:
            try:
                comparison = compare(building, offer, everything=data["tous"])
            except ComparatorError as exc:
                error = str(exc)
    current = form.cleaned_data.get("actuel", "") if comparison else ""
    rows = _rows(comparison, current) if comparison else []
    return render(
        request,
        "chaleur/comparator/page.html",
        {
            "title": "Comparateur de coûts et d’émissions des modes de chauffage",
            "form": form,
            "comparison": comparison,
            "network": network,
            "error": error,
            "rows": rows,
            # The current mode compared only when it is one of the modes shown.
            "has_current": any(row["current"] for row in rows),
        },
    )
