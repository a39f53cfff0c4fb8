"""Read the original service's Gherkin steps into actions of ours, generically.

A step is never matched by scenario id: each sentence is read by its parts — who acts (a table of
actors), what they do (a table of verbs), on which kind of change (a table of kinds), and the
quoted values and data table — so that scenarios of the same shape that are not in the sample
read the same way. A sentence the tables cannot read becomes `Unknown`, and the runner lists the
scenario as not covered with that sentence as the reason.
"""

import re
from dataclasses import dataclass, field

# Who acts, longest phrases first. Values: our role names (see products/potentiel/enums.py).
ACTORS = (
    ("un nouvel utilisateur dreal", "dreal"),
    ("un nouvel utilisateur dgec", "dgec"),
    ("le dgec validateur", "dgec-validateur"),
    ("l'utilisateur dreal", "dreal"),
    ("un utilisateur dreal", "dreal"),
    ("le gestionnaire de réseau", "grd"),
    ("le cocontractant", "cocontractant"),
    ("un porteur", "porteur"),
    ("le porteur", "porteur"),
    ("la dreal", "dreal"),
    ("la dgec", "dgec"),
    ("un admin", "dgec"),
    ("l'admin", "dgec"),
    ("le système", "system"),
    ("on", "system"),
    ('un utilisateur "dgec"', "dgec"),
    ('un utilisateur "dreal"', "dreal"),
)

# Kinds of change, longest phrases first. Values: the request kinds of the product.
KINDS = (
    ("représentant légal", "représentantLégal"),
    ("actionnaire", "actionnaire"),
    ("producteur", "producteur"),
    ("puissance", "puissance"),
    ("abandon", "abandon"),
    ("délai", "délai"),
    ("recours", "recours"),
    ("mainlevée", "mainlevée"),
)

# What is done to a request (the "when" verbs), longest phrases first.
VERBS = (
    ("relance", "remind"),
    ("demande une confirmation", "ask_confirmation"),
    ("passe en instruction", "instruct"),
    ("démarre l'instruction", "instruct"),
    ("corrige puis accorde", "correct_and_grant"),
    ("passe la demande", "instruct"),  # "passe la demande d'abandon ... en instruction"
    ("accorde", "grant"),
    ("rejette", "reject"),
    ("annule", "cancel"),
    ("confirme", "confirm"),
    ("corrige", "correct"),
    ("demande", "request"),
    ("enregistre un changement", "declare"),
)

# Request statuses as the "given" and "then" sentences write them.
STATUSES = (
    ("en attente de confirmation", "confirmation-demandée"),
    ("confirmation d'abandon demandée", "confirmation-demandée"),
    ("en instruction", "en-instruction"),
    ("en cours", "demandé"),
    ("accordée", "accordé"),
    ("accordé", "accordé"),
    ("rejetée", "rejeté"),
    ("rejeté", "rejeté"),
    ("annulée", "annulé"),
    ("annulé", "annulé"),
    ("confirmée", "confirmé"),
    ("demandé", "demandé"),
)

QUOTED = re.compile(r"\"([^\"]*)\"")
SINGLE_QUOTED = re.compile(r"(?:^|\s)'([^']*)'(?=\s|$)")  # 'transmettre les garanties financières'; not l'abandon


@dataclass(frozen=True)
class Step:
    """One sentence read: `action` names what the runner does; `args` carries what it needs."""

    part: str  # given / when / then
    text: str
    action: str
    args: dict = field(default_factory=dict)
    data: dict | None = None


def _first(table, text: str) -> str | None:
    for phrase, value in table:
        if re.search(rf"(^|[\s'’]){re.escape(phrase)}($|[\s,:])", text):
            return value
    return None


def _actor(text: str) -> str | None:
    for phrase, value in ACTORS:
        if text.startswith(phrase + " "):
            return value
    return None


def _quoted(text: str) -> list[str]:
    return QUOTED.findall(text) or SINGLE_QUOTED.findall(text)


def _target(text: str) -> str:
    return "éliminé" if "projet éliminé" in text else "lauréat"


def _status(text: str) -> str | None:
    return _first(STATUSES, text)


# (regex on the lower-cased sentence without its trailing " avec :", action, how to read args)
GIVEN = (
    (
        r"^(la candidature lauréate|le projet lauréat|le projet éliminé)( legacy| sans garanties financières importées)? \"[^\"]*\"(?P<rest>.*)$",
        "project",
    ),
    (r"^la candidature (lauréate|éliminée)( notifiée)? \"[^\"]*\"(?P<rest>.*)$", "project"),
    (r"^la dreal \"[^\"]*\" associée à la région du projet$", "dreal"),
    (r"^un cahier des charges permettant la modification du projet$", "cdc_allowing_changes"),
    (r"^le cahier des charges \"[^\"]*\" choisi pour le projet lauréat$", "cdc_chosen"),
    (r"^une date d'achèvement prévisionnel pour le projet lauréat au \"[^\"]*\"$", "planned_completion"),
    (r"^le gestionnaire de réseau( \"[^\"]*\")?$", "grid_operator"),
    (r"^le gestionnaire de réseau \"[^\"]*\" attribué au raccordement du projet lauréat$", "grid_operator_assigned"),
    (r"^une demande complète de raccordement( sans accusé de réception)? pour le projet lauréat$", "grid_dcr"),
    (r"^une date de mise en service pour le dossier de raccordement du projet lauréat$", "grid_commissioning"),
    (r"^un document proposition technique et financière pour le projet lauréat$", "grid_ptf"),
    (
        r"^une demande de mainlevée de garanties financières( (?P<status>accordée|rejetée|en instruction))?$",
        "mainlevee",
    ),
    (r"^une demande de (?P<kind>.+?) (?P<status>en cours|accordée|rejetée|annulée|en instruction)\b.*$", "request"),
    (r"^une demande de changement de puissance pour le projet lauréat$", "request"),
    (r"^une confirmation d'abandon demandée.*$", "request"),
    (r"^une demande de changement de représentant légal en cours$", "request"),
    (r"^une demande d'abandon (?P<status>en cours|accordée)\b.*$", "request"),
    (r"^une demande de mainlevée pour des garanties financières échues$", "mainlevee_expired_guarantees"),
    (r"^des garanties financières actuelles pour le projet lauréat$", "guarantees_current"),
    (r"^des garanties financières actuelles échues le \"[^\"]*\" pour le projet lauréat$", "guarantees_expired"),
    (r"^des garanties financières en attente pour le projet lauréat$", "guarantees_pending"),
    (r"^un dépôt de garanties financières$", "guarantees_deposit"),
    (r"^l'achèvement réel transmis pour le projet lauréat$", "completion_done"),
    (r"^une date d'achèvement réel(le)? transmise pour le projet lauréat$", "completion_date_done"),
    (
        r"^une attestation de conformité (enregistrée|modifiée)( avec son rapport associé)? pour le projet lauréat$",
        "conformity_recorded",
    ),
    (r"^une tâche planifiée ajoutée pour le projet lauréat$", "task_planned"),
    (r"^le cocontractant \"[^\"]*\" associé à la zone du projet$", "cocontractant"),
    (r"^le référentiel ore$", "ore_referential"),
    (r"^une tâche indiquant de \"[^\"]*\" pour le projet lauréat avec gestionnaire inconnu$", "operator_unknown"),
    (
        r"^un document (?P<document>transmis|convention de raccordement|convention de raccordement directe) pour le projet lauréat$",
        "grid_document",
    ),
)

THEN = (
    (
        r"^(l'utilisateur|l'utilisateur dreal|le porteur|la dgec|la dreal|l'admin|le dgec validateur|le gestionnaire de réseau) devrait être informé que ",
        "expect_refused",
    ),
    (r"^la date d'achèvement prévisionnel du projet lauréat devrait être au \"[^\"]*\"$", "expect_planned_completion"),
    (
        r"^(la demande|le recours) .*devrait être (?P<status>accordée|rejetée|annulée|en instruction|confirmée|en attente de confirmation|demandé|annulé|rejeté)$",
        "expect_request_status",
    ),
    (
        r"^(la demande de changement de l'actionnaire|la demande de changement de représentant légal du projet lauréat|une demande de changement de représentant légal du projet lauréat) devrait être consultable$",
        "expect_request_status",
    ),
    (r"^le statut du projet lauréat devrait être \"[^\"]*\"$", "expect_project_status"),
    (r"^la puissance du projet lauréat devrait être mise à jour$", "expect_power_updated"),
    (r"^l'actionnaire du projet lauréat devrait être mis à jour$", "expect_shareholder_updated"),
    (r"^le représentant légal du projet lauréat (ne )?devrait (pas )?être mis à jour$", "expect_legal_rep_updated"),
    (r"^le producteur du projet lauréat devrait être mis à jour$", "expect_producer_updated"),
    (r"^la référence de dossier \"[^\"]*\" devrait être (valide|invalide)$", "expect_reference"),
    (r"^un email a été envoyé (au porteur|à la dreal|à la dgec|à la cre|à l'autorité instructrice)$", "expect_email"),
    (r"^aucun email n'a été envoyé au porteur$", "expect_no_email"),
    (r"^une tâche \"[^\"]*\" est planifiée( à la date du \"[^\"]*\")? pour le projet lauréat$", "expect_task"),
    (r"^il n'y a pas de tâche \"[^\"]*\" planifiée pour le projet lauréat$", "expect_no_task"),
    (r"^le porteur (a accès|ne doit plus avoir accès) au projet lauréat$", "expect_access"),
    (r"^le dossier est consultable dans la liste des dossiers de raccordement du projet lauréat$", "expect_dossier"),
    (
        r"^la demande complète de raccordement devrait être consultable dans le dossier de raccordement du projet lauréat$",
        "expect_dcr",
    ),
    (
        r"^la date de mise en service devrait être consultable dans le dossier de raccordement du projet lauréat$",
        "expect_dossier_commissioning",
    ),
    (r"^le raccordement du projet lauréat devrait être en service$", "expect_project_commissioning"),
    (r"^la mise en service du dossier de raccordement devrait être supprimée$", "expect_dossier_not_commissioned"),
    (
        r"^il ne devrait pas y avoir de mise en service dans le raccordement du projet lauréat$",
        "expect_project_not_commissioned",
    ),
    (
        r"^le projet devrait avoir un raccordement attribué au gestionnaire de réseau \"[^\"]*\"$",
        "expect_grid_operator",
    ),
    (r"^les garanties financières actuelles devraient être consultables$", "expect_guarantees_current"),
    (r"^les garanties financières actuelles du projet sont échues$", "expect_guarantees_expired"),
    (r"^le dépôt de garanties financières devrait être consultable pour le projet lauréat$", "expect_deposit"),
    (r"^il ne devrait pas y avoir de dépôt de garanties financières pour le projet$", "expect_no_deposit"),
    (r"^les garanties financières ne devraient plus être attendues pour le projet lauréat$", "expect_not_expected"),
    (r"^des garanties financières devraient être attendues$", "expect_expected"),
    (r"^les garanties financières actuelles du projet sont levées$", "expect_guarantees_released"),
    (r"^les garanties financières actuelles ne devraient pas être consultables$", "expect_no_guarantees_current"),
    (r"^un historique des garanties financières devrait être consultable$", "expect_guarantees_history"),
    (
        r"^une tâche indiquant de [\"'][^\"']*[\"'] (?P<todo>est|n'est plus) consultable dans la liste des tâches du porteur pour le projet$",
        "expect_holder_todo",
    ),
    (
        r"^une demande de mainlevée de garanties financières (?P<mainlevee>devrait être|ne devrait plus être) consultable$",
        "expect_mainlevee",
    ),
    (r"^la candidature devrait être consultable$", "expect_candidature"),
    (r"^le projet (lauréat|éliminé) devrait être consultable$", "expect_notified"),
    (r"^le fournisseur devrait être mis à jour$", "expect_suppliers"),
    (r"^l'attestation de désignation de la candidature devrait être consultable$", "expect_attestation"),
    (r"^l'attestation de désignation de la candidature (ne )?devrait (pas )?être régénérée$", "expect_regenerated"),
    (r"^le porteur (a|n'a pas) été prévenu que son attestation a été modifiée$", "expect_attestation_notice"),
    (r"^l'état ppa (?P<negated>ne )?devrait (pas )?être consultable pour le projet lauréat$", "expect_ppa"),
    (r"^aucune tâche ou tâche planifiée raccordement n'est consultable pour le projet$", "expect_no_grid_tasks"),
    (r"^aucune tâche n'est consultable dans la liste des tâches du porteur pour le projet lauréat$", "expect_no_todos"),
    (r"^le projet lauréat devrait avoir (?P<count>\d+) dossiers? de raccordement$", "expect_dossier_count"),
    (
        r"^le document (?P<negated>ne )?devrait (plus )?être consultable dans le dossier de raccordement du projet lauréat$",
        "expect_document",
    ),
    (r"^la preuve de recandidature devrait être transmise pour le projet lauréat$", "expect_recandidature_proof"),
    (r"^le changement enregistré (du |de l'|de |d')?.+ devrait être consultable$", "expect_declaration"),
    (r"^le cahier des charges devrait être modifié$", "expect_cdc_changed"),
    (r"^l'achèvement réel du projet devrait être consultable$", "expect_completion"),
    (r"^l'achèvement du projet devrait être consultable$", "expect_completion"),
    (
        r"^la date d'achèvement réel(le)?( \"[^\"]*\")? devrait être consultable pour le projet lauréat$",
        "expect_completion_date",
    ),
    (
        r"^une tâche indiquant de \"[^\"]*\" n'est plus consultable dans la liste des tâches du porteur pour le projet$",
        "expect_todo_gone",
    ),
)


def _normalise(text: str) -> str:
    text = text.strip().replace("’", "'")
    return re.sub(r"\s+avec\s*:$", "", text).rstrip(" :")


def read(part: str, text: str, data: dict | None = None) -> Step:
    """One Gherkin sentence as a Step; `Unknown` when our tables cannot read it."""
    clean = _normalise(text)
    low = clean[:1].lower() + clean[1:]
    low = low.lower()
    quoted = _quoted(clean)
    args: dict = {"quoted": quoted}
    if part == "when":
        return _read_when(clean, low, quoted, data)
    table = GIVEN if part == "given" else THEN
    for pattern, action in table:
        m = re.match(pattern, low)
        if not m:
            continue
        args |= {k: v for k, v in m.groupdict().items() if v is not None}
        if action in ("request", "expect_request_status"):
            args["kind"] = _first(KINDS, low)
            args["status"] = _status(low) or ("demandé" if action == "request" else "consultable")
            if "recandidature" in low:
                args["recandidature"] = True
            if "ppa" in low:
                args["ppa"] = True
            months = re.search(r"de \"(\d+)\" mois", low)
            if months:
                args["months"] = int(months.group(1))
        if action == "project":
            args["statut"] = "éliminé" if "éliminé" in low else "lauréat"
            args["legacy"] = " legacy " in low
            args["candidature"] = low.startswith("la candidature")
            args["notified"] = not args["candidature"] or " notifiée " in low
            args["name"] = quoted[0]
            args["without_guarantees"] = "sans garanties financières importées" in low
        if action == "expect_reference":
            args["valid"] = low.endswith(" valide")
        if action == "expect_legal_rep_updated":
            args["updated"] = " ne devrait pas " not in low
        if action in ("expect_regenerated", "expect_attestation_notice"):
            args["negated"] = " pas " in f" {low} "
        if action == "expect_access":
            args["has_access"] = "a accès" in low
        if action == "expect_email":
            args["to"] = m.group(1)
        return Step(part, text, action, args, data)
    return Step(part, text, "unknown", args, data)


def _read_when(clean: str, low: str, quoted: list[str], data: dict | None) -> Step:
    actor = _actor(low)
    args: dict = {"quoted": quoted, "actor": actor, "target": _target(low)}
    if actor is None:
        return Step("when", clean, "unknown", args, data)
    rest = low[len(next(p for p, v in ACTORS if low.startswith(p + " "))) + 1 :]
    if rest.startswith("notifie la candidature"):
        args["date"] = quoted[0] if quoted else None
        return Step("when", clean, "notify", args, data)
    if rest.startswith("importe la candidature"):
        args["eliminated"] = "éliminée" in rest
        return Step("when", clean, "import_candidature", args, data)
    if rest.startswith("corrige la candidature"):
        return Step("when", clean, "correct_candidature", args, data)
    if rest.startswith("valide la référence de dossier"):
        return Step("when", clean, "validate_reference", args, data)
    if rest.startswith("choisit le cahier des charges"):
        return Step("when", clean, "choose_cdc", args, data)
    if rest.startswith("transmet la date de mise en service") or rest.startswith("modifie la date de mise en service"):
        args["correction"] = rest.startswith("modifie")
        return Step("when", clean, "grid_commissioning", args, data)
    if rest.startswith("supprime la mise en service du dossier de raccordement"):
        return Step("when", clean, "grid_commissioning_delete", args, data)
    if rest.startswith("transmet une demande complète de raccordement"):
        return Step("when", clean, "grid_dcr", args, data)
    if rest.startswith("modifie la demande complète de raccordement"):
        return Step("when", clean, "grid_dcr_update", args, data)
    if re.match(r"^(signale|annule) un état ppa pour le projet (lauréat|éliminé)$", rest):
        args["signalled"] = rest.startswith("signale")
        return Step("when", clean, "ppa_agent", args, data)
    if rest.startswith("modifie la référence de la demande complète de raccordement"):
        return Step("when", clean, "grid_reference_update", args, data)
    if rest.startswith("supprime le dossier de raccordement"):
        return Step("when", clean, "grid_dossier_delete", args, data)
    for verb, action in (("transmet", "transmit"), ("modifie", "replace"), ("supprime", "delete")):
        document = re.match(rf"^{verb} (un|le) document(?: (?P<kind>(?!pour ).+?))?(?: pour le projet lauréat)?$", rest)
        if document:
            args["document"] = document.group("kind")
            return Step("when", clean, f"grid_document_{action}", args, data)
    if rest.startswith("modifie le gestionnaire de réseau du projet"):
        args["unknown_operator"] = "non référencé" in rest
        return Step("when", clean, "grid_operator_assigned", args, data)
    if rest.startswith("modifie le gestionnaire de réseau"):
        return Step("when", clean, "grid_operator_update", args, data)
    if rest.startswith("exécute la tâche planifiée"):
        args["task"] = quoted[0]
        args["date"] = quoted[1] if len(quoted) > 1 else None
        return Step("when", clean, "run_task", args, data)
    if re.match(r"^soumet un dépôt de garanties financières pour le projet lauréat$", rest):
        return Step("when", clean, "deposit_submit", args, data)
    if rest == "valide le dépôt de garanties financières":
        return Step("when", clean, "deposit_validate", args, data)
    if rest == "supprime le dépôt de garanties financières du projet":
        return Step("when", clean, "deposit_delete", args, data)
    if rest == "enregistre les garanties financières actuelles pour le projet lauréat":
        return Step("when", clean, "guarantees_record", args, data)
    guarantees = _read_guarantees_when(rest, args)
    if guarantees:
        return Step("when", clean, guarantees, args, data)
    if re.match(r"^transmet le projet (lauréat|éliminé) \"[^\"]*\" comme preuve de recandidature", rest):
        return Step("when", clean, "recandidature_proof", args, data)
    if rest == "transmet l'achèvement réel pour le projet lauréat":
        return Step("when", clean, "completion_transmit", args, data)
    completion = _read_completion_when(rest, args)
    if completion:
        return Step("when", clean, completion, args, data)
    if rest.startswith("corrige le numéro d'identification"):
        args["same_value"] = "identique" in rest
        return Step("when", clean, "identification_correct", args, data)
    kind = _first(KINDS, rest)
    verb = _first(VERBS, rest)
    if rest.startswith("enregistre") and kind:
        verb = "declare"
    if rest.startswith("modifie") and kind in ("puissance", "actionnaire", "producteur", "représentantLégal"):
        verb = "modify"
    if kind and verb:
        args |= {"kind": kind, "verb": verb}
        if "même" in rest or "identique" in rest:
            args["same_value"] = True
        if "signalement de ppa" in rest or "signalement ppa" in rest:
            args["ppa"] = "annulation" if "annulation" in rest else "signalement"
        return Step("when", clean, "request_action", args, data)
    return Step("when", clean, "unknown", args, data)


# What is done to financial guarantees (the "when" sentences after the actor), by their start.
GUARANTEE_WHEN = (
    ("modifie le dépôt de garanties financières", "deposit_modify"),
    ("modifie les garanties financières actuelles", "guarantees_modify"),
    ("enregistre l'attestation des garanties financières actuelles", "attestation_record"),
    ("échoie les garanties financières actuelles", "guarantees_expire"),
)


def _read_guarantees_when(rest: str, args: dict) -> str | None:
    for start, action in GUARANTEE_WHEN:
        if rest.startswith(start):
            args["same_value"] = "mêmes valeurs" in rest
            return action
    if "mainlevée" in rest and "garanties financières" in rest:
        args["verb"] = _first(VERBS, rest)
        return "mainlevee_action" if args["verb"] else None
    return None


# What is done to a completion (the "when" sentences after the actor).
COMPLETION_WHEN = (
    (
        r"^(?P<verb>transmet|corrige) la date d'achèvement réel(le)?( \"[^\"]*\")?"
        r"( avec la même date)?( pour le projet (lauréat|éliminé))?( avec la même date)?$",
        "completion_date",
    ),
    (r"^modifie l'achèvement réel du projet( sans pièce justificative| avec les mêmes valeurs)?$", "completion_modify"),
    (
        r"^enregistre une attestation de conformité avec son rapport associé pour le projet lauréat$",
        "conformity_record",
    ),
    (
        r"^modifie l'attestation de conformité( et son rapport associé)?( avec les mêmes documents)?$",
        "conformity_modify",
    ),
)


def _read_completion_when(rest: str, args: dict) -> str | None:
    for pattern, action in COMPLETION_WHEN:
        m = re.match(pattern, rest)
        if m:
            args["correction"] = m.groupdict().get("verb") == "corrige"
            args["same_value"] = "même" in rest
            args["without_documents"] = "sans pièce justificative" in rest
            return action
    return None


def read_scenario(scenario: dict) -> list[Step]:
    steps = []
    for part in ("given", "when", "then"):
        section = scenario.get(part) or {}
        for raw in (section.get("background") or []) + (section.get("steps") or []):
            steps.append(read(part, raw["step"], raw.get("data")))
    return steps
