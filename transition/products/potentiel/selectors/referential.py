"""The rules for one project, from the referential stored with its period."""

from ..domain.referential import CDC_INITIAL, EffectiveRules, ReferentialError, effective_rules, find_famille
from ..models import Projet


def projet_rules(projet: Projet, cdc_reference: str | None = None) -> EffectiveRules:
    """The effective rules for `projet` under its chosen cahier des charges (or `cdc_reference`)."""
    periode = projet.periode.data
    reference = cdc_reference or projet.cahier_des_charges
    cdc = None
    if reference and reference != CDC_INITIAL:
        cdc = next((c for c in periode["cahiers_des_charges"] if c["reference"] == reference), None)
        if cdc is None:
            raise ReferentialError("Le cahier des charges choisi n'existe pas pour cette période")
    famille = find_famille(periode, projet.famille) if projet.famille else None
    technologie = projet.technologie if projet.technologie != "N/A" else None
    return effective_rules(projet.appel_offres.data, periode, famille, cdc, technologie=technologie)


def projet_must_choose_cdc(projet: Projet) -> bool:
    return projet_rules(projet).doit_choisir_cahier_des_charges
