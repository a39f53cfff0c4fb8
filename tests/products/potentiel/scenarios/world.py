"""The world a scenario plays in: projects, requests, grid operators — and what happened last.

Every decision comes from the product: the referential's effective rules (`domain/referential`),
change plans and authorities (`domain/changes`), the one lifecycle table (`domain/lifecycle`),
grid references (`domain/grid`), dates (`domain/dates`, `domain/completion`). The World only
keeps the state between steps and reads the outcome. A step whose outcome only a service can
produce (emails, tasks, documents, stored values) is declared in `NEEDS_SERVICE` with its reason
until the World plays it through the service.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from transition.products.potentiel.domain import changes, completion, grid, lifecycle
from transition.products.potentiel.domain.dates import initial_completion_date
from transition.products.potentiel.domain.referential import (
    ReferentialError,
    cahiers_des_charges_choices,
    champ_status,
    find_appel_offres,
    find_periode,
    load_referential,
    rules_for,
)

from .steps import Step

DEFAULT_AO, DEFAULT_PERIODE = "PPE2 - Bâtiment", "1"
DEFAULT_NOTIFICATION = dt.date(2024, 1, 1)
DEFAULT_POWER = Decimal(10)
TODAY = dt.date.today()

ACTOR = {
    "porteur": (lifecycle.Actor.PORTEUR, None),
    "dreal": (lifecycle.Actor.INSTRUCTEUR, changes.Authority.DREAL),
    "dgec": (lifecycle.Actor.INSTRUCTEUR, changes.Authority.DGEC),
    "dgec-validateur": (lifecycle.Actor.INSTRUCTEUR, changes.Authority.DGEC),
    "system": (lifecycle.Actor.SYSTEME, None),
}
VERB_ACTION = {
    "request": lifecycle.Action.DEMANDER,
    "instruct": lifecycle.Action.PASSER_EN_INSTRUCTION,
    "ask_confirmation": lifecycle.Action.DEMANDER_CONFIRMATION,
    "confirm": lifecycle.Action.CONFIRMER,
    "grant": lifecycle.Action.ACCORDER,
    "reject": lifecycle.Action.REJETER,
    "cancel": lifecycle.Action.ANNULER,
    "correct": lifecycle.Action.CORRIGER,
}
REFUSALS = (changes.ChangeRefused, lifecycle.TransitionRefused, grid.GridRefused, completion.CompletionRefused)

# Steps the product answers only through services not played here yet, and why.
NEEDS_SERVICE = {
    "expect_email": "les courriels sont vérifiés par les tests des services, pas encore par le banc de scénarios",
    "expect_no_email": "les courriels sont vérifiés par les tests des services, pas encore par le banc de scénarios",
    "expect_task": "les tâches planifiées sont tenues par les services, pas encore jouées par le banc",
    "expect_no_task": "les tâches planifiées sont tenues par les services, pas encore jouées par le banc",
    "expect_access": "les accès des porteurs sont tenus par les services, pas encore joués par le banc",
    "import_candidature": "l'import des candidatures est vérifié par ses propres tests, pas encore par le banc",
    "correct_candidature": "la correction d'une candidature n'est pas encore jouée par le banc",
    "run_task": "les tâches planifiées sont tenues par les services, pas encore jouées par le banc",
    "guarantees_current": "les garanties financières ne sont pas encore jouées par le banc",
    "guarantees_expired": "les garanties financières ne sont pas encore jouées par le banc",
    "guarantees_pending": "les garanties financières ne sont pas encore jouées par le banc",
    "guarantees_deposit": "les garanties financières ne sont pas encore jouées par le banc",
    "completion_done": "l'achèvement réel n'est pas encore joué par le banc",
    "grid_dcr": "les dossiers de raccordement ne sont pas encore joués par le banc",
    "grid_commissioning": "les dossiers de raccordement ne sont pas encore joués par le banc",
    "grid_operator_assigned": "les dossiers de raccordement ne sont pas encore joués par le banc",
    "cdc_chosen": "le choix du cahier des charges n'est pas encore joué par le banc",
    "choose_cdc": "le choix du cahier des charges n'est pas encore joué par le banc",
    "notify": "la notification est vérifiée par ses propres tests, pas encore par le banc",
    "expect_power_updated": "la valeur appliquée est vérifiée par les tests des services",
    "expect_shareholder_updated": "la valeur appliquée est vérifiée par les tests des services",
    "expect_legal_rep_updated": "la valeur appliquée est vérifiée par les tests des services",
    "expect_producer_updated": "la valeur appliquée est vérifiée par les tests des services",
}
NOT_IN_PRODUCT = {
    "cocontractant": "Potentiel ne gère pas le rôle de cocontractant (EDF OA) : l'achèvement réel vient du porteur",
}


class NotPlayed(Exception):
    """A step the World cannot play, discovered while playing (the reason is in French)."""


@dataclass
class Request:
    kind: str
    status: lifecycle.Status | None
    months: int | None = None
    recandidature: bool = False
    ppa: bool = False


@dataclass
class Project:
    name: str
    statut: str
    ao: str = DEFAULT_AO
    periode: str = DEFAULT_PERIODE
    famille: str | None = None
    cdc: str | None = None
    technologie: str | None = None
    notified: dt.date | None = DEFAULT_NOTIFICATION
    planned: dt.date | None = None
    statut_laureat: str | None = "actif"
    actionnariat: str = ""
    legacy: bool = False
    power: Decimal = DEFAULT_POWER
    volume_reserve: bool = False
    requests: dict = field(default_factory=dict)

    def rules(self):
        return rules_for(
            load_referential(), self.ao, self.periode, self.famille, self.cdc, technologie=self.technologie
        )


class World:
    def __init__(self):
        self.projects: dict[str, Project] = {}
        self.current: Project | None = None
        self.operators: dict[str, str] = {}
        self.references: dict[str, bool] = {}
        self.refusal: str | None = None
        self.refusal_seen = False

    # --- what the World can play --------------------------------------------------------------

    @classmethod
    def why_not(cls, step: Step) -> str | None:
        if step.action == "unknown":
            return "phrase que le banc ne sait pas lire"
        actor = step.args.get("actor")
        if actor in NOT_IN_PRODUCT:
            return NOT_IN_PRODUCT[actor]
        if step.action in NEEDS_SERVICE:
            return NEEDS_SERVICE[step.action]
        if step.action == "request_action" and step.args.get("kind") == "mainlevée":
            return "les garanties financières ne sont pas encore jouées par le banc"
        if step.action == "request_action" and step.args.get("verb") in ("modify", "correct_and_grant"):
            return "les modifications par l'administration ne sont pas encore jouées par le banc"
        if step.action == "request_action" and step.args.get("ppa"):
            return "le signalement PPA n'est pas tenu par Potentiel"
        if step.action == "request" and step.args.get("kind") == "mainlevée":
            return "les garanties financières ne sont pas encore jouées par le banc"
        if step.action == "request" and step.args.get("ppa"):
            return "le signalement PPA n'est pas tenu par Potentiel"
        if not hasattr(cls, f"{step.part}_{step.action}"):
            return f"étape « {step.action} » pas encore jouée par le banc"
        return None

    def play(self, step: Step) -> None:
        handler = getattr(self, f"{step.part}_{step.action}")
        if step.part == "when":
            self.refusal, self.refusal_seen = None, False
            try:
                handler(step)
            except REFUSALS as exc:
                self.refusal = exc.message
            except ReferentialError as exc:
                self.refusal = str(exc)
        else:
            handler(step)

    def finish(self) -> None:
        """A refusal nobody expected fails the scenario."""
        assert self.refusal is None or self.refusal_seen, f"refusé : {self.refusal}"

    # --- given --------------------------------------------------------------------------------

    def given_project(self, step: Step) -> None:
        data = step.data or {}
        name = step.args["name"]
        project = self.projects.get(name) or Project(name=name, statut=step.args["statut"])
        project.statut = step.args["statut"]
        project.legacy = step.args["legacy"]
        project.ao = data.get("appel d'offres", project.ao if name in self.projects else DEFAULT_AO)
        project.periode = data.get("période", project.periode if name in self.projects else DEFAULT_PERIODE)
        if project.legacy and "période" not in data:
            project.periode = self._legacy_periode(project.ao)
        project.famille = data.get("famille") or None
        project.technologie = data.get("technologie") or None
        project.actionnariat = data.get("actionnariat", "")
        project.power = Decimal(data.get("puissance") or DEFAULT_POWER)
        project.volume_reserve = data.get("volume réservé") == "oui"
        if "date notification" in data:
            project.notified = dt.date.fromisoformat(data["date notification"])
        if step.args["candidature"]:
            project.notified = None
        project.statut_laureat = "actif" if project.statut == "lauréat" else None
        rules = project.rules()
        if project.notified and project.statut == "lauréat" and rules.delai_realisation_mois is not None:
            project.planned = initial_completion_date(project.notified, rules.delai_realisation_mois)
        self.projects[name] = project
        self.current = project

    @staticmethod
    def _legacy_periode(ao_id: str) -> str:
        ao = find_appel_offres(load_referential(), ao_id)
        for periode in ao["periodes"]:
            if periode.get("type") == "legacy":
                return periode["id"]
        raise NotPlayed(f"aucune période ancienne pour {ao_id}")

    def given_dreal(self, step: Step) -> None:
        """Every region has its DREAL in the product: nothing to set up."""

    def given_cdc_allowing_changes(self, step: Step) -> None:
        project = self.current
        if project.rules().doit_choisir_cahier_des_charges:
            periode = find_periode(find_appel_offres(load_referential(), project.ao), project.periode)
            choices = [c for c in cahiers_des_charges_choices(periode) if c != "initial"]
            if not choices:
                raise NotPlayed("aucun cahier des charges modificatif à choisir")
            project.cdc = choices[0]

    def given_planned_completion(self, step: Step) -> None:
        self.current.planned = dt.date.fromisoformat(step.args["quoted"][0])

    def given_request(self, step: Step) -> None:
        kind = step.args["kind"]
        status = lifecycle.Status(step.args["status"])
        months = step.args.get("months") or (12 if kind == "délai" else None)
        request = Request(kind, None, months, bool(step.args.get("recandidature")), bool(step.args.get("ppa")))
        self.current.requests[kind] = request
        if status is lifecycle.Status.ACCORDE:  # a request granted earlier left its consequences
            self._apply(self.current, kind, lifecycle.Action.ACCORDER, request, status, step)
        request.status = status

    def given_grid_operator(self, step: Step) -> None:
        data = step.data or {}
        name = data.get("Raison sociale") or (step.args["quoted"] or ["Enedis"])[0]
        self.operators[name] = data.get("Expression régulière") or self._seed_pattern(name)

    @staticmethod
    def _seed_pattern(name: str) -> str | None:
        return next((o.reference_pattern for o in grid.SEED_OPERATORS if o.name == name), None)

    # --- when ---------------------------------------------------------------------------------

    def when_validate_reference(self, step: Step) -> None:
        reference, operator = step.args["quoted"][:2]
        self.references[reference] = grid.reference_is_valid(reference, self.operators.get(operator))

    def when_grid_operator_update(self, step: Step) -> None:
        data = step.data or {}
        self.operators[data["Raison sociale"]] = data["Expression régulière"]

    def when_request_action(self, step: Step) -> None:
        project = self._target(step)
        kind, verb = step.args["kind"], step.args["verb"]
        actor, authority = ACTOR[step.args["actor"]]
        request = project.requests.get(kind)
        current = request.status if request else None
        rules = project.rules()
        rule = changes.ChangeRule.from_effective(rules.change(kind))
        if verb == "declare":
            self._plan(project, kind, rule, rules, step, changes.Mode.DECLARATION)
            return
        action = VERB_ACTION[verb]
        if action is lifecycle.Action.DEMANDER:
            self._plan(project, kind, rule, rules, step, changes.Mode.DEMANDE)
        target = lifecycle.next_status(kind, action, current, actor)
        if actor is lifecycle.Actor.INSTRUCTEUR:
            changes.check_may_instruct(authority, changes.competent_authority(changes.ChangeKind(kind), rule))
        granted_on = (step.data or {}).get("date d'accord du recours")
        if kind == "recours" and action is lifecycle.Action.ACCORDER and granted_on:
            changes.check_recours_grant_date(dt.date.fromisoformat(granted_on), project.notified, TODAY)
        self._apply(project, kind, action, request, target, step)

    def _plan(self, project: Project, kind: str, rule, rules, step: Step, mode) -> changes.ChangePlan:
        """Whether the holder may file this change, as the product tells them before filing."""
        facts = self._facts(project)
        if kind == "puissance":
            return changes.plan_puissance(rule, facts, self._power_change(project, rules, step.data or {}), wanted=mode)
        if step.args.get("same_value"):
            changes.check_new_value(changes.ChangeKind(kind), "même valeur", "même valeur")
        return changes.plan_change(changes.ChangeKind(kind), rule, facts, wanted=mode)

    @staticmethod
    def _power_change(project: Project, rules, data: dict) -> changes.PowerChange:
        ratio = Decimal(data.get("ratio puissance") or "1")
        site = data.get("puissance de site")
        field = champ_status(rules, "puissanceDeSite")
        return changes.PowerChange(
            initial=project.power,
            current=project.power,
            new=project.power * ratio,
            family_max=Decimal(str(rules.puissance_max_famille)) if rules.puissance_max_famille else None,
            reserved_max=(
                Decimal(str(rules.volume_reserve_puissance_max))
                if project.volume_reserve and rules.volume_reserve_puissance_max
                else None
            ),
            site_power_field=None if field == "absent" else field,
            new_site=Decimal(site) if site else None,
        )

    def _apply(self, project: Project, kind: str, action, request: Request | None, target, step: Step) -> None:
        if request is None:
            request = project.requests[kind] = Request(kind, None, 12 if kind == "délai" else None)
        request.status = target
        for effect in lifecycle.effects(kind, action):
            if effect is lifecycle.Effect.MOVE_COMPLETION and project.planned:
                project.planned = completion.apply_delai(project.planned, request.months)
            elif effect is lifecycle.Effect.ABANDON_PROJECT:
                project.statut_laureat = "abandonné"
            elif effect is lifecycle.Effect.MAKE_LAUREAT:
                project.statut, project.statut_laureat = "lauréat", "actif"
            elif effect is lifecycle.Effect.CANCEL_PENDING_REQUESTS:
                for other in project.requests.values():
                    if other is not request and lifecycle.is_pending(other.status):
                        other.status = lifecycle.Status.ANNULE

    def _facts(self, project: Project) -> changes.ProjectFacts:
        pending = frozenset(
            changes.ChangeKind(k)
            for k, r in project.requests.items()
            if lifecycle.is_pending(r.status) and k in changes.ChangeKind._value2member_map_
        )
        return changes.ProjectFacts(
            statut=project.statut,
            statut_laureat=project.statut_laureat,
            abandon_pending=changes.ChangeKind.ABANDON in pending,
            pending_kinds=pending,
            technologie=project.technologie,
            actionnariat=project.actionnariat,
        )

    def _target(self, step: Step) -> Project:
        project = self.current
        if project is None:
            raise NotPlayed("aucun projet")
        wanted = step.args.get("target")
        if wanted == "éliminé" and project.statut != "éliminé" and step.args.get("kind") != "recours":
            raise changes.ChangeRefused(changes.NOT_LAUREAT)
        return project

    # --- then ---------------------------------------------------------------------------------

    def then_expect_refused(self, step: Step) -> None:
        expected = _plain(step.args["quoted"][-1])
        assert self.refusal is not None, f"attendu le refus « {expected} », l'action a été acceptée"
        assert _plain(self.refusal) == expected, f"refus « {self.refusal} », attendu « {expected} »"
        self.refusal_seen = True

    def then_expect_request_status(self, step: Step) -> None:
        assert self.refusal is None, f"refusé : {self.refusal}"
        kind = step.args["kind"]
        request = self.current.requests.get(kind)
        assert request is not None, f"aucune demande {kind}"
        if step.args["status"] != "consultable":
            assert request.status == lifecycle.Status(step.args["status"]), (request.status, step.args["status"])

    def then_expect_planned_completion(self, step: Step) -> None:
        assert self.refusal is None, f"refusé : {self.refusal}"
        expected = dt.date.fromisoformat(step.args["quoted"][0])
        assert self.current.planned == expected, f"achèvement prévisionnel {self.current.planned}, attendu {expected}"

    def then_expect_project_status(self, step: Step) -> None:
        assert self.refusal is None, f"refusé : {self.refusal}"
        expected = step.args["quoted"][0]
        assert expected in (self.current.statut, self.current.statut_laureat), (self.current, expected)

    def then_expect_reference(self, step: Step) -> None:
        reference = step.args["quoted"][0]
        assert self.references[reference] is step.args["valid"], (reference, self.references[reference])


# Where the original's message has a spelling mistake that Potentiel does not copy: the
# original's words on the left, ours on the right. Nothing else is forgiven.
CORRECTED_SPELLINGS = {
    "en deça de": "en deçà de",
    "ne peut pas antérieure": "ne peut pas être antérieure",
}


def _plain(text: str) -> str:
    text = " ".join(text.replace("’", "'").split()).rstrip(".").lower()
    for original, ours in CORRECTED_SPELLINGS.items():
        text = text.replace(original, ours)
    return text
