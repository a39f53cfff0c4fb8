"""The referential of appels d'offres, as plain data, and the rules it yields for one project.

The referential (`data/referentiel.json`, loaded into the database by migrations) is written in
three layers for the rules of change: the appel d'offres, then the période, then the cahier des
charges modificatif the holder chose. A change domain (abandon, délai, puissance...) defined at a
layer replaces the whole domain of the layer before; "indisponible" at a layer empties every
domain at that layer. `effective_rules` applies that precedence and answers, for one project,
every rule the other modules need (change modes and authorities, power ratios, completion delay,
financial guarantees, DCR delay, extra fields).

Pure functions over dicts: no Django here.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

REFERENTIAL_PATH = Path(__file__).resolve().parent.parent / "data" / "referentiel.json"

CDC_INITIAL = "initial"

# Every change domain the rules speak of, in the order pages list them.
CHANGE_DOMAINS = (
    "abandon",
    "actionnaire",
    "délai",
    "fournisseur",
    "producteur",
    "puissance",
    "représentantLégal",
    "recours",
    "natureDeLExploitation",
    "installateur",
    "nomProjet",
    "siteDeProduction",
    "dispositifDeStockage",
    "typologieInstallation",
)

MODE_UNAVAILABLE = "indisponible"
MODE_REQUEST = "demande"
MODE_DECLARATION = "information-enregistrée"
MODE_BOTH = "demande+information-enregistrée"

AUTHORITIES = ("dreal", "dgec")


class ReferentialError(LookupError):
    """An appel d'offres, période, famille or cahier des charges the referential does not know."""


@cache
def load_referential(path: str | None = None) -> dict:
    """The referential file as a dict (cached; the file is part of the code)."""
    return json.loads(Path(path or REFERENTIAL_PATH).read_text(encoding="utf-8"))


def find_appel_offres(referential: dict, ao_id: str) -> dict:
    for ao in referential["appels_offres"]:
        if ao["id"] == ao_id:
            return ao
    raise ReferentialError("L'appel d'offres spécifié n'existe pas")


def find_periode(ao: dict, periode_id: str) -> dict:
    for periode in ao["periodes"]:
        if periode["id"] == periode_id:
            return periode
    raise ReferentialError("La période spécifiée de l'appel d'offres n'existe pas")


def find_famille(periode: dict, famille_id: str | None) -> dict | None:
    if not famille_id:
        return None
    for famille in periode["familles"]:
        if famille["id"] == famille_id:
            return famille
    raise ReferentialError("La famille spécifiée de la période n'existe pas")


def find_cahier_des_charges(periode: dict, reference: str | None) -> dict | None:
    if not reference or reference == CDC_INITIAL:
        return None
    for cdc in periode["cahiers_des_charges"]:
        if cdc["reference"] == reference:
            return cdc
    raise ReferentialError("Le cahier des charges choisi n'existe pas pour cette période")


def cahiers_des_charges_choices(periode: dict) -> list[str]:
    """The references a holder may choose: the initial one, then the modified ones."""
    return [CDC_INITIAL, *(cdc["reference"] for cdc in periode["cahiers_des_charges"])]


def cahier_des_charges_label(reference: str | None) -> str:
    if not reference or reference == CDC_INITIAL:
        return "initial"
    alternatif = reference.endswith("-alternatif")
    date = reference.removesuffix("-alternatif")
    return f"modifié paru le {date}" + (" (alternatif)" if alternatif else "")


def _layer(changements) -> dict:
    if changements == MODE_UNAVAILABLE:
        return {domain: {} for domain in CHANGE_DOMAINS}
    return dict(changements or {})


def change_mode(rule: dict) -> str:
    request, declaration = bool(rule.get("demande")), bool(rule.get("information_enregistree"))
    if request and declaration:
        return MODE_BOTH
    if request:
        return MODE_REQUEST
    if declaration:
        return MODE_DECLARATION
    return MODE_UNAVAILABLE


def _effective_change(rule: dict) -> dict:
    out = {"mode": change_mode(rule)}
    if out["mode"] == MODE_UNAVAILABLE:
        return out
    for key in ("autorite", "ratios", "instruction_automatique", "information_sous_conditions"):
        if key in rule:
            out[key] = rule[key]
    if rule.get("ratios_par_technologie"):
        out["ratios_par_technologie"] = True
    return out


def _merge_fields(*layers) -> dict:
    merged: dict = {}
    for layer in layers:
        merged.update(layer or {})
    return merged


def _per_technology(value, technologie: str | None):
    """A value the appel d'offres gives per technology (when it has several) or once for all."""
    if isinstance(value, dict):
        if technologie not in value:
            raise ReferentialError("Cette technologie n'est pas disponible pour cet appel d'offres")
        return value[technologie]
    return value


def technologies(ao: dict) -> list[str]:
    unit = ao["unite_puissance"]
    return list(unit) if isinstance(unit, dict) else [ao["technologie"]]


def soumis_aux_garanties(ao: dict, famille: dict | None) -> str | None:
    """'à la candidature', 'après candidature', 'non soumis' or None (not set)."""
    if famille is not None:
        return famille["garanties_financieres"].get("soumis")
    return ao["garanties_financieres"].get("soumis")


@dataclass(frozen=True)
class EffectiveRules:
    appel_offres: str
    periode: str
    famille: str | None
    cahier_des_charges: str
    doit_choisir_cahier_des_charges: bool
    changements: dict  # domain -> {"mode", "autorite"?, "ratios"?, "instruction_automatique"?, ...}
    modifications_admin: tuple[str, ...]
    champs_supplementaires: dict
    delai_dcr: dict
    delai_applicable: dict | None  # the extension a modified cahier des charges grants
    delai_realisation_mois: int
    unite_puissance: str
    soumis_aux_garanties: bool
    garanties_duree_mois: int | None
    types_garanties: tuple[str, ...]
    puissance_max_famille: float | None
    volume_reserve_puissance_max: float | None
    periode_legacy: bool

    def change(self, domain: str) -> dict:
        if domain not in self.changements:
            raise ReferentialError(f"Domaine de changement inconnu : {domain}")
        return self.changements[domain]

    def ratios(self, domain: str = "puissance", technologie: str | None = None) -> dict | None:
        rule = self.change(domain)
        ratios = rule.get("ratios")
        if ratios and rule.get("ratios_par_technologie"):
            return _per_technology(ratios, technologie)
        return ratios


def effective_rules(
    ao: dict,
    periode: dict,
    famille: dict | None = None,
    cdc: dict | None = None,
    *,
    technologie: str | None = None,
) -> EffectiveRules:
    """The rules for a project of `ao`/`periode`/`famille` under the cahier des charges `cdc`
    (None: the initial one). Precedence: appel d'offres, then période, then cahier des charges."""
    technologie = technologie or (ao["technologie"] if ao["technologie"] != "multiples" else None)
    changes = _layer(ao.get("changements"))
    if "changements" in periode:
        changes.update(_layer(periode["changements"]))
    if cdc is not None:
        changes.update(_layer(cdc.get("changements")))
    level = periode["changements"] if "changements" in periode else ao.get("changements")
    must_choose = cdc is None and level == MODE_UNAVAILABLE
    modifications = _merge_fields(ao.get("modifications"), periode.get("modifications"))
    soumis = soumis_aux_garanties(ao, famille)
    gf_duree = (famille or {}).get("garanties_financieres", {}).get("duree_mois") or ao["garanties_financieres"].get(
        "duree_mois"
    )
    delai = ao["delai_realisation_mois"]
    unit = ao["unite_puissance"]
    if isinstance(delai, dict) or isinstance(unit, dict):
        if technologie is None:
            delai_value, unit_value = None, None
        else:
            delai_value, unit_value = _per_technology(delai, technologie), _per_technology(unit, technologie)
    else:
        delai_value, unit_value = delai, unit
    return EffectiveRules(
        appel_offres=ao["id"],
        periode=periode["id"],
        famille=(famille or {}).get("id"),
        cahier_des_charges=cdc["reference"] if cdc else CDC_INITIAL,
        doit_choisir_cahier_des_charges=must_choose,
        changements={domain: _effective_change(changes.get(domain, {})) for domain in CHANGE_DOMAINS},
        modifications_admin=tuple(sorted(k for k, v in modifications.items() if v)),
        champs_supplementaires=_merge_fields(
            ao.get("champs_supplementaires"),
            periode.get("champs_supplementaires"),
            (cdc or {}).get("champs_supplementaires"),
        ),
        delai_dcr=periode.get("delai_dcr") or ao["delai_dcr"],
        delai_applicable=(cdc or {}).get("delai_applicable"),
        delai_realisation_mois=delai_value,
        unite_puissance=periode.get("unite_puissance") or unit_value,
        soumis_aux_garanties=bool(soumis) and soumis != "non soumis",
        garanties_duree_mois=gf_duree,
        types_garanties=tuple(ao["garanties_financieres"].get("types_disponibles", ())),
        puissance_max_famille=(famille or {}).get("puissance_max"),
        volume_reserve_puissance_max=(periode.get("volume_reserve") or {}).get("puissance_max"),
        periode_legacy=periode["type"] == "legacy",
    )


def rules_for(
    referential: dict,
    ao_id: str,
    periode_id: str,
    famille_id: str | None = None,
    cdc_reference: str | None = None,
    *,
    technologie: str | None = None,
) -> EffectiveRules:
    """`effective_rules` from identifiers (raises ReferentialError with a French message)."""
    ao = find_appel_offres(referential, ao_id)
    periode = find_periode(ao, periode_id)
    return effective_rules(
        ao,
        periode,
        find_famille(periode, famille_id),
        find_cahier_des_charges(periode, cdc_reference),
        technologie=technologie,
    )


def champ_status(rules: EffectiveRules, champ: str) -> str:
    """'requis', 'optionnel', 'défaut' or 'absent' for an extra field of the candidature."""
    spec = rules.champs_supplementaires.get(champ)
    if spec is None:
        return "absent"
    return spec["type"]


def cahier_des_charges_choice_error(
    *, current: str, chosen: str, choices: list[str], initial_allowed: bool, abandonne: bool, laureat: bool
) -> str | None:
    """Why a holder may not choose `chosen` (None when they may)."""
    if not laureat:
        return "Seul un projet lauréat choisit son cahier des charges"
    if abandonne:
        return "Impossible de faire un changement pour un projet abandonné"
    if chosen not in choices:
        return "Ce cahier des charges n'est pas disponible pour cette période"
    if chosen == current:
        return "Ce cahier des charges est identique à l'actuel"
    if chosen == CDC_INITIAL and not initial_allowed:
        return "Il n'est pas possible de revenir au cahier des charges initial pour cet appel d'offres"
    return None
