"""The world a scenario plays in: projects, people, requests — and what happened last.

Every outcome comes from the product. Projects are rows in the database; requests are filed,
taken, confirmed, cancelled and decided through the services (`services/requests.py`: the
lifecycle table, authorities, change plans, consequences such as a délai moving the planned
completion, letters, emails); checks read the database and the outbox. Pure questions with no
service behind them (is this reference in the operator's format?) ask the domain (`domain/grid`).
The World only keeps who is who between two sentences. A sentence whose outcome the World cannot
read yet is declared in `NEEDS_SERVICE` with its reason, and the scenario is skipped.
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.fakes import FakeClock
from tests.products.potentiel.proof_data import agent, make_projet
from transition.platform.accounts.models import Membership
from transition.products.potentiel.domain import changes, completion, grid, lifecycle
from transition.products.potentiel.domain.guarantees import GuaranteeRefused
from transition.products.potentiel.domain.ppa import GrantOption
from transition.products.potentiel.domain.referential import (
    ReferentialError,
    cahiers_des_charges_choices,
    find_appel_offres,
    load_referential,
)
from transition.products.potentiel.enums import AccessVia
from transition.products.potentiel.models import (
    DossierRaccordement,
    GestionnaireReseau,
    Periode,
    Projet,
    Raccordement,
    TachePlanifiee,
)
from transition.products.potentiel.selectors.referential import projet_rules
from transition.products.potentiel.selectors.requests import last_demande
from transition.products.potentiel.services import grid as grid_services
from transition.products.potentiel.services.access import access_grant
from transition.products.potentiel.services.notification import planned_completion
from transition.products.potentiel.services.projects import cahier_des_charges_choose
from transition.products.potentiel.services.requests import demande_act, demande_decide, demande_file

from .steps import Step
from .world_admin import AdminSteps
from .world_candidature import CandidatureSteps
from .world_completion import ACTED_FOR, CompletionSteps
from .world_guarantees import GuaranteeSteps
from .world_raccordement import RaccordementSteps

DEFAULT_AO, DEFAULT_PERIODE = "PPE2 - Bâtiment", "1"
DEFAULT_NOTIFICATION = dt.date.today()  # the original notifies its fixtures on the day the scenario runs
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
REFUSALS = (
    changes.ChangeRefused,
    lifecycle.TransitionRefused,
    grid.GridRefused,
    completion.CompletionRefused,
    GuaranteeRefused,
)

# Steps the product answers only through services not played here yet, and why.
NEEDS_SERVICE: dict[str, str] = {}
NOT_IN_PRODUCT = {
    "cocontractant": (
        "Potentiel ne gère pas le rôle de cocontractant (EDF OA) : l'achèvement réel vient du porteur, "
        "ou de l'administration pour la date transmise par le cocontractant"
    ),
}


class NotPlayed(Exception):
    """A step the World cannot play, discovered while playing (the reason is in French)."""


@dataclass
class Spec:
    """A project as the "given" sentences describe it, written to the database when first needed."""

    name: str
    statut: str
    ao: str = DEFAULT_AO
    periode: str = DEFAULT_PERIODE
    famille: str = ""
    technologie: str = "N/A"
    notified: dt.date | None = DEFAULT_NOTIFICATION
    power: Decimal = DEFAULT_POWER
    actionnariat: str = ""
    volume_reserve: bool = False
    legacy: bool = False
    changes_allowed: bool = False
    planned: dt.date | None = None
    extra: dict = field(default_factory=dict)


PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
REASON = "Raison écrite par le porteur pour le banc de scénarios."
DECISION = "Motifs de la décision écrits par l’autorité pour le banc de scénarios."
NEW_VALUES = {
    "actionnaire": {"actionnaire": "Nouvel actionnaire SAS"},
    "producteur": {"producteur": "Nouveau producteur SAS"},
    "représentantLégal": {"nom": "Claude Nouveau", "type": "personne-physique"},
    "abandon": {"recandidature": False},
    "recours": {},
}
PPA_OPTIONS = {"signalement": GrantOption.SIGNAL, "annulation": GrantOption.WITHDRAW}
# The original's names of scheduled tasks that ours name otherwise (our kind on the right).
TASK_NAMES = {"supprimer automatiquement le document à trois mois": "représentant-légal-pièces"}
ACTING_MAILBOX = {"porteur": "holder", "dgec-validateur": "dgec"}
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MAILBOXES = {"au porteur": "holder", "à la dreal": "dreal", "à la dgec": "dgec", "à la cre": "cre"}


class World(GuaranteeSteps, CandidatureSteps, RaccordementSteps, AdminSteps, CompletionSteps):
    def __init__(self):
        self.specs: dict[str, Spec] = {}
        self.projets: dict[str, Projet] = {}
        self.current: str | None = None
        self.operators: dict[str, str] = {}
        self.references: dict[str, bool] = {}
        self.refusal: str | None = None
        self.refusal_seen = False
        self.people: dict[str, object] = {}
        self.requested: dict[str, dict] = {}
        self.outbox_before = 0
        self.operator: str | None = None  # the last grid operator named
        self.dossier: str | None = None  # the last dossier reference named

    # --- what the World can play --------------------------------------------------------------

    @classmethod
    def why_not_scenario(cls, steps: list[Step]) -> str | None:
        """Differences of the product with the original that concern a whole scenario."""
        actors = {s.args.get("actor") for s in steps if s.part == "when"}
        missing = cls.acts_on_missing_request(steps)
        if missing:
            return missing
        if any(s.action == "deposit_submit" for s in steps) and any(s.action == "expect_not_expected" for s in steps):
            return (
                "Potentiel attend les garanties financières jusqu'à la validation du dépôt par la DREAL "
                "(l'original ne les attend plus dès le dépôt)"
            )
        for step in steps:
            if step.action != "expect_email":
                continue
            if step.args["to"] == "à la cre":
                return "Potentiel ne prévient pas la CRE par courriel des décisions — « " + step.text.strip() + " »"
            agents = {ACTING_MAILBOX.get(a, a) for a in actors} - {"holder"}  # the holder gets an acknowledgement
            if MAILBOXES.get(step.args["to"]) in agents:
                return (
                    "Potentiel n'écrit pas à l'agent qui vient d'agir : la page lui montre le résultat — « "
                    + step.text.strip()
                    + " »"
                )
        return None

    @classmethod
    def why_not(cls, step: Step) -> str | None:
        if step.action == "unknown":
            return "phrase que le banc ne sait pas lire"
        actor = step.args.get("actor")
        if actor in NOT_IN_PRODUCT and (actor, step.action) not in ACTED_FOR:
            return NOT_IN_PRODUCT[actor]
        if step.action in NEEDS_SERVICE:
            return NEEDS_SERVICE[step.action]
        if cls.grid_why_not(step):
            return cls.grid_why_not(step)
        if step.action.startswith("grid_") and actor == "system":
            return "le changement de gestionnaire de réseau par le système (import) n'est pas encore joué par le banc"
        if step.action == "request_action" and step.args.get("verb") == "remind":
            return "les relances automatiques sont vérifiées par les tests des services, pas encore par le banc"
        if step.action == "project" and step.args.get("rest", "").strip():
            return "précision sur le projet que le banc ne sait pas encore construire"
        if not hasattr(cls, f"{step.part}_{step.action}"):
            return f"étape « {step.action} » pas encore jouée par le banc"
        return None

    def play(self, step: Step) -> None:
        handler = getattr(self, f"{step.part}_{step.action}")
        if step.part == "when":
            self.refusal, self.refusal_seen = None, False
            self.outbox_before = len(mail.outbox)
            try:
                handler(step)
            except REFUSALS as exc:
                self.refusal = exc.message
            except (ReferentialError, PermissionDenied) as exc:
                self.refusal = str(exc)
            except ValidationError as exc:
                self.refusal = " ".join(exc.messages)
        else:
            handler(step)

    def finish(self) -> None:
        """A refusal nobody expected fails the scenario."""
        assert self.refusal is None or self.refusal_seen, f"refusé : {self.refusal}"

    # --- people -------------------------------------------------------------------------------

    def person(self, role: str, *, new: bool = False):
        key = f"{role}+" if new else role
        if key not in self.people:
            if role == "porteur":
                self.people[key] = agent("porteur", email="porteur@scenario.example")
            elif role == "dreal":
                self.people[key] = self._dreal_agent(new)
            else:
                self.people[key] = agent(role, email=f"{role}{'-2' if new else ''}@scenario.example")
        return self.people[key]

    def _dreal_agent(self, new: bool):
        if "dreal" in self.people and new:
            organisation = Membership.objects.get(user=self.people["dreal"], product="potentiel").organisation
            user = agent("dreal", email="dreal-2@scenario.example")
            Membership.objects.filter(user=user).update(organisation=organisation)
            return user
        return agent("dreal", email="dreal@scenario.example", region=self._region())

    @staticmethod
    def _region() -> str:
        return "93"

    # --- the project --------------------------------------------------------------------------

    @property
    def spec(self) -> Spec:
        if self.current is None:
            raise NotPlayed("aucun projet")
        return self.specs[self.current]

    def projet(self) -> Projet:
        """The current project, written to the database the first time it is needed."""
        spec = self.spec
        if spec.name not in self.projets:
            self.projets[spec.name] = self._write(spec)
        projet = self.projets[spec.name]
        projet.refresh_from_db()
        return projet

    def _write(self, spec: Spec) -> Projet:
        if spec.extra.get("import"):
            return self._write_through_import(spec)
        periode = Periode.objects.filter(appel_offres_id=spec.ao, identifiant=spec.periode).first()
        if periode is None:
            raise NotPlayed(f"période inconnue : {spec.ao} {spec.periode}")
        projet = make_projet(
            ao=spec.ao,
            periode=spec.periode,
            famille=spec.famille,
            statut=spec.statut,
            statut_laureat="actif",
            puissance=str(spec.power),
            region=self._region(),
            technologie=spec.technologie,
            notified=spec.notified,
            nom=spec.name,
            actionnariat=spec.actionnariat,
            volume_reserve=spec.volume_reserve,
            details={"typeRepresentantLegal": "personne-morale"},  # as the original's fixtures
        )
        if spec.extra.get("numero_identification"):
            projet.numero_identification = spec.extra["numero_identification"]
            projet.save(update_fields=["numero_identification"])
        if projet.is_laureat and projet.date_notification:
            projet.date_achevement_previsionnelle = spec.planned or planned_completion(projet, projet.date_notification)
            projet.save()
        self._import_guarantees(projet, spec)
        porteur = self.person("porteur")
        access_grant(projet=projet, user=porteur, via=AccessVia.ADMIN)
        if spec.changes_allowed and projet_rules(projet).doit_choisir_cahier_des_charges:
            choices = [c for c in cahiers_des_charges_choices(projet.periode.data) if c != "initial"]
            if not choices:
                raise NotPlayed("aucun cahier des charges modificatif à choisir")
            cahier_des_charges_choose(projet=projet, reference=choices[0], by=porteur)
        return projet

    # --- given --------------------------------------------------------------------------------

    def given_project(self, step: Step) -> None:
        data = step.data or {}
        name = step.args["name"]
        if name in self.projets:
            raise NotPlayed("le projet est redéfini après avoir servi")
        spec = self.specs.get(name) or Spec(name=name, statut=step.args["statut"])
        spec.statut = step.args["statut"]
        spec.legacy = step.args["legacy"]
        spec.ao = data.get("appel d'offres", spec.ao)
        spec.periode = data.get("période", spec.periode)
        if spec.legacy and "période" not in data:
            spec.periode = self._legacy_periode(spec.ao)
        spec.famille = data.get("famille", spec.famille) or ""
        spec.technologie = data.get("technologie") or spec.technologie
        spec.actionnariat = data.get("actionnariat", spec.actionnariat)
        spec.power = Decimal(data.get("puissance") or spec.power)
        spec.volume_reserve = data.get("volume réservé") == "oui" or spec.volume_reserve
        if data.get("numéro siret"):
            spec.extra["numero_identification"] = data["numéro siret"].replace(" ", "")
        if "date notification" in data:
            spec.notified = dt.date.fromisoformat(data["date notification"])
        if step.args["candidature"]:  # written through the import (world_candidature.py)
            spec.statut = (
                step.args["statut"] if step.args["notified"] else step.args["statut"].replace("lauréat", "classé")
            )
            spec.notified = spec.notified if step.args["notified"] else None
            spec.extra["import"] = True
        spec.extra.setdefault("data", {}).update(data)
        spec.extra["without_guarantees"] = step.args["without_guarantees"]
        spec.extra["gf"] = {k: data[k] for k in ("type GF", "date d'échéance", "date de constitution") if k in data}
        self.specs[name] = spec
        self.current = name

    @staticmethod
    def _legacy_periode(ao_id: str) -> str:
        ao = find_appel_offres(load_referential(), ao_id)
        for periode in ao["periodes"]:
            if periode.get("type") == "legacy":
                return periode["id"]
        raise NotPlayed(f"aucune période ancienne pour {ao_id}")

    def given_dreal(self, step: Step) -> None:
        self.person("dreal")

    def given_cdc_allowing_changes(self, step: Step) -> None:
        self.spec.changes_allowed = True

    def given_planned_completion(self, step: Step) -> None:
        day = dt.date.fromisoformat(step.args["quoted"][0])
        if self.spec.name in self.projets:
            Projet.objects.filter(pk=self.projets[self.spec.name].pk).update(date_achevement_previsionnelle=day)
        else:
            self.spec.planned = day

    def given_request(self, step: Step) -> None:
        """A request in the given status, brought there through the services."""
        kind = step.args["kind"]
        target = lifecycle.Status(step.args["status"])
        projet = self.projet()
        porteur, dgec = self.person("porteur"), self.person("dgec")
        try:
            demande = self._file(projet, kind, step, changes.Mode.DEMANDE)
            path = {
                lifecycle.Status.DEMANDE: [],
                lifecycle.Status.EN_INSTRUCTION: [(dgec, lifecycle.Action.PASSER_EN_INSTRUCTION)],
                lifecycle.Status.CONFIRMATION_DEMANDEE: [(dgec, lifecycle.Action.DEMANDER_CONFIRMATION)],
                lifecycle.Status.CONFIRME: [
                    (dgec, lifecycle.Action.DEMANDER_CONFIRMATION),
                    (porteur, lifecycle.Action.CONFIRMER),
                ],
                lifecycle.Status.ACCORDE: [(dgec, lifecycle.Action.ACCORDER)],
                lifecycle.Status.REJETE: [(dgec, lifecycle.Action.REJETER)],
                lifecycle.Status.ANNULE: [(porteur, lifecycle.Action.ANNULER)],
            }[target]
            for user, action in path:
                demande = self._act(user, demande, action, {})
        except REFUSALS as exc:
            raise NotPlayed(f"état de départ impossible à atteindre par les services : {exc.message}") from None
        assert demande.status == target, (demande.status, target)

    def given_grid_operator(self, step: Step) -> None:
        data = step.data or {}
        name = data.get("Raison sociale") or (step.args["quoted"] or ["Enedis"])[0]
        self.operators[name] = data.get("Expression régulière") or self._seed_pattern(name)
        row = GestionnaireReseau.objects.filter(raison_sociale=name).first()
        if row is None:
            row = GestionnaireReseau(code_eic=data.get("Code EIC") or f"EIC-{name}"[:40], raison_sociale=name)
        if "Expression régulière" in data:
            row.expression_reguliere = data["Expression régulière"]
        row.save()
        self.operator = name

    @staticmethod
    def _seed_pattern(name: str) -> str | None:
        return next((o.reference_pattern for o in grid.SEED_OPERATORS if o.name == name), None)

    @staticmethod
    def _cdc_reference(step: Step) -> str:
        """« modifié paru le 30/08/2022 » and « 30/08/2022 » name the same cahier des charges."""
        quoted = step.args["quoted"][0].strip()
        return re.sub(r"^modifié paru le ", "", quoted)

    def given_cdc_chosen(self, step: Step) -> None:
        projet = self.projet()
        reference = self._cdc_reference(step)
        if projet.cahier_des_charges == reference:
            return
        try:
            cahier_des_charges_choose(projet=projet, reference=reference, by=self.person("porteur"))
        except ValidationError as exc:
            raise NotPlayed(f"état de départ impossible à atteindre par les services : {exc.messages}") from None

    def when_choose_cdc(self, step: Step) -> None:
        role = step.args["actor"]
        cahier_des_charges_choose(
            projet=self.projet(),
            reference=self._cdc_reference(step),
            by=self.person("dgec" if role == "dgec-validateur" else role),
        )

    # --- grid connection (services/grid.py) ----------------------------------------------------

    DEFAULT_REFERENCE = "OUE-RP-2022-000033"  # in Enedis' format, as the original's fixtures
    REFERENCE = "La référence du dossier de raccordement"
    COMMISSIONED_ON = "La date de mise en service"

    def _operator_row(self, name: str) -> GestionnaireReseau:
        row = GestionnaireReseau.objects.filter(raison_sociale=name).first()
        if row is None:
            raise NotPlayed(f"gestionnaire de réseau inconnu : {name}")
        return row

    def _reference(self, step: Step) -> str:
        reference = (step.data or {}).get(self.REFERENCE) or self.dossier or self.DEFAULT_REFERENCE
        return reference

    def given_grid_operator_assigned(self, step: Step) -> None:
        self._assign_operator(step)

    def when_grid_operator_assigned(self, step: Step) -> None:
        self._assign_operator(step)

    def _assign_operator(self, step: Step) -> None:
        data = step.data or {}
        if step.args.get("unknown_operator"):
            code = "code-eic-inconnu"
        else:
            name = data.get("raison sociale du gestionnaire réseau") or (step.args["quoted"] or [self.operator])[0]
            code = self._operator_row(name).pk
            self.operator = name
        role = step.args.get("actor") or "porteur"
        user = self.person("dgec" if role == "dgec-validateur" else role)
        grid_services.gestionnaire_set(user=user, projet=self.projet(), gestionnaire_code=code)

    def given_grid_dcr(self, step: Step) -> None:
        projet = self.projet()
        if not Raccordement.objects.filter(projet=projet, gestionnaire__isnull=False).exists():
            # a second project of the scenario: the operator named for the first one
            name = self.operator or "Enedis"
            grid_services.gestionnaire_set(
                user=self.person("porteur"), projet=projet, gestionnaire_code=self._operator_row(name).pk
            )
        try:
            self._add_dossier(step, acknowledged="sans accusé de réception" not in step.text)
        except REFUSALS as exc:
            self._legacy_dossier(step, exc.message)

    def when_grid_dcr(self, step: Step) -> None:
        self._add_dossier(step, acknowledged=True)

    def _add_dossier(self, step: Step, *, acknowledged: bool) -> None:
        projet = self.projet()
        reference = (step.data or {}).get(self.REFERENCE) or self._fresh_reference(projet)
        self.dossier = reference
        role = step.args.get("actor") or "porteur"
        grid_services.dossier_add(
            user=self.person(role),
            projet=projet,
            reference=reference,
            dcr_date=(projet.date_notification or TODAY) if acknowledged else None,
            dcr_document=SimpleUploadedFile("accuse.pdf", PDF, content_type="application/pdf")
            if acknowledged
            else None,
        )

    def when_grid_dcr_update(self, step: Step) -> None:
        projet = self.projet()
        role = step.args["actor"]
        grid_services.dossier_update(
            user=self.person("dgec" if role == "dgec-validateur" else role),
            projet=projet,
            reference=self._reference(step),
            dcr_date=projet.date_notification or TODAY,
            dcr_document=SimpleUploadedFile("accuse-2.pdf", PDF + b"%2", content_type="application/pdf"),
        )

    def given_grid_ptf(self, step: Step) -> None:
        projet = self.projet()
        grid_services.dossier_update(
            user=self.person("porteur"),
            projet=projet,
            reference=self._reference(step),
            ptf_date=projet.date_notification or TODAY,
            ptf_document=SimpleUploadedFile("ptf.pdf", PDF, content_type="application/pdf"),
        )

    def _commissioning_day(self, step: Step, projet: Projet) -> dt.date:
        data = step.data or {}
        if data.get(self.COMMISSIONED_ON):
            return dt.date.fromisoformat(data[self.COMMISSIONED_ON])
        dated = [q for q in step.args.get("quoted", []) if DATE.fullmatch(q)]
        if dated:
            return dt.date.fromisoformat(dated[0])
        return projet.date_notification or TODAY

    def given_grid_commissioning(self, step: Step) -> None:
        projet = self.projet()
        try:
            grid_services.mise_en_service_set(
                user=self.person("dgec"),
                projet=projet,
                reference=self._reference(step),
                day=self._commissioning_day(step, projet),
            )
        except REFUSALS as exc:
            raise NotPlayed(f"état de départ impossible à atteindre par les services : {exc.message}") from None

    def when_grid_commissioning(self, step: Step) -> None:
        projet = self.projet()
        role = step.args["actor"]
        reference = self._reference(step)
        self.dossier = reference
        grid_services.mise_en_service_set(
            user=self._grd_agent() if role == "grd" else self.person("dgec" if role == "dgec-validateur" else role),
            projet=projet,
            reference=reference,
            day=self._commissioning_day(step, projet),
            modify=step.args["correction"],
        )

    def _grd_agent(self):
        """An agent of the project's grid operator (role grd)."""
        if "grd" not in self.people:
            user = agent("grd", email="grd@scenario.example")
            raccordement = Raccordement.objects.filter(projet=self.projet()).first()
            if raccordement and raccordement.gestionnaire:
                organisation = Membership.objects.get(user=user, product="potentiel").organisation
                GestionnaireReseau.objects.filter(pk=raccordement.gestionnaire_id).update(organisation=organisation)
            self.people["grd"] = user
        return self.people["grd"]

    def when_grid_commissioning_delete(self, step: Step) -> None:
        role = step.args["actor"]
        grid_services.mise_en_service_delete(
            user=self.person("dgec" if role == "dgec-validateur" else role),
            projet=self.projet(),
            reference=self._reference(step),
        )

    def _dossier_row(self, step: Step) -> DossierRaccordement:
        reference = self._reference(step)
        row = DossierRaccordement.objects.filter(raccordement__projet=self.projet(), reference=reference).first()
        assert row is not None, f"aucun dossier « {reference} » dans le raccordement du projet"
        return row

    def then_expect_dossier(self, step: Step) -> None:
        self._accepted()
        self._dossier_row(step)

    def then_expect_dcr(self, step: Step) -> None:
        self._accepted()
        row = self._dossier_row(step)
        assert row.dcr_date and row.dcr_sha256, (row.dcr_date, row.dcr_sha256)

    def then_expect_dossier_commissioning(self, step: Step) -> None:
        self._accepted()
        row = self._dossier_row(step)
        expected = (step.data or {}).get(self.COMMISSIONED_ON)
        assert row.mise_en_service is not None, "aucune date de mise en service"
        if expected:
            assert row.mise_en_service == dt.date.fromisoformat(expected), row.mise_en_service

    def then_expect_project_commissioning(self, step: Step) -> None:
        self._accepted()
        data = step.data or {}
        raccordement = Raccordement.objects.get(projet=self.projet())
        assert raccordement.mise_en_service is not None, "le raccordement n'est pas en service"
        if data.get(self.COMMISSIONED_ON):
            assert raccordement.mise_en_service == dt.date.fromisoformat(data[self.COMMISSIONED_ON]), (
                raccordement.mise_en_service
            )
        if data.get(self.REFERENCE):
            row = raccordement.dossiers.get(reference=data[self.REFERENCE])
            assert row.mise_en_service == raccordement.mise_en_service, (
                row.mise_en_service,
                raccordement.mise_en_service,
            )

    def then_expect_dossier_not_commissioned(self, step: Step) -> None:
        self._accepted()
        assert self._dossier_row(step).mise_en_service is None

    def then_expect_project_not_commissioned(self, step: Step) -> None:
        self._accepted()
        assert Raccordement.objects.get(projet=self.projet()).mise_en_service is None

    def then_expect_grid_operator(self, step: Step) -> None:
        self._accepted()
        raccordement = Raccordement.objects.filter(projet=self.projet()).select_related("gestionnaire").first()
        name = raccordement.gestionnaire.raison_sociale if raccordement and raccordement.gestionnaire else None
        assert name == step.args["quoted"][0], (name, step.args["quoted"][0])

    # --- when ---------------------------------------------------------------------------------

    def when_validate_reference(self, step: Step) -> None:
        reference, operator = step.args["quoted"][:2]
        self.references[reference] = grid.reference_is_valid(reference, self.operators.get(operator))

    def when_grid_operator_update(self, step: Step) -> None:
        data = step.data or {}
        self.operators[data["Raison sociale"]] = data["Expression régulière"]

    def when_request_action(self, step: Step) -> None:
        kind, verb = step.args["kind"], step.args["verb"]
        if step.args["target"] == "éliminé" and self.spec.statut != "éliminé" and kind != "recours":
            raise changes.ChangeRefused(changes.NOT_LAUREAT)
        projet = self.projet()
        if verb in ("request", "declare"):
            mode = changes.Mode.DECLARATION if verb == "declare" else changes.Mode.DEMANDE
            self._file(projet, kind, step, mode)
            return
        if verb in ("modify", "correct_and_grant"):
            return getattr(self, f"when_admin_{verb}")(step)
        role = step.args["actor"]
        user = self.person("dgec" if role == "dgec-validateur" else role, new=step.text.lower().startswith("un nouvel"))
        action = VERB_ACTION[verb]
        demande = last_demande(projet, changes.ChangeKind(kind))
        if demande is None:
            actor = lifecycle.Actor.PORTEUR if role == "porteur" else lifecycle.Actor.INSTRUCTEUR
            lifecycle.next_status(kind, action, None, actor)  # the refusal the product gives
            raise NotPlayed("action acceptée sans demande")
        self._act(user, demande, action, step.data or {}, ppa=step.args.get("ppa"))

    def _file(self, projet: Projet, kind: str, step: Step, mode):
        """File through the service; a sentence dated « le AAAA-MM-JJ » files on that day."""
        values = self._values(projet, kind, step)
        self.requested[kind] = values
        dated = [dt.date.fromisoformat(q) for q in step.args.get("quoted", []) if DATE.fullmatch(q)]
        with pytest.MonkeyPatch.context() as patch:
            if dated:
                FakeClock(patch, dt.datetime.combine(dated[0], dt.time(9), tzinfo=dt.UTC))
            return demande_file(
                user=self.person("porteur"),
                projet=projet,
                kind=kind,
                values=values,
                reason=REASON,
                documents=[SimpleUploadedFile("piece.pdf", PDF, content_type="application/pdf")],
                wanted=mode,
            )

    def _values(self, projet: Projet, kind: str, step: Step) -> dict:
        data = step.data or {}
        if kind == "délai":
            return {"mois": step.args.get("months") or 12}
        if kind == "puissance":
            values = {"puissance": str(projet.puissance * Decimal(data.get("ratio puissance") or "0.9"))}
            if data.get("puissance de site"):
                values["puissance_de_site"] = data["puissance de site"]
            return values
        if step.args.get("same_value"):
            if kind == "actionnaire":
                return {"actionnaire": projet.societe_mere or "Actionnaire SAS"}
            if kind == "producteur":
                return {"producteur": projet.nom_candidat}
            if kind == "représentantLégal":
                return {"nom": projet.nom_representant_legal, "type": projet.details.get("typeRepresentantLegal", "")}
        if kind == "abandon":
            return {"recandidature": bool(step.args.get("recandidature")), "ppa": bool(step.args.get("ppa"))}
        return dict(NEW_VALUES.get(kind, {}))

    def _act(self, user, demande, action, data: dict, ppa: str | None = None):
        if action in lifecycle.DECISIONS:
            granted_on = data.get("date d'accord du recours")
            return demande_decide(
                user=user,
                demande=demande,
                action=action,
                decision_reason=DECISION,
                granted_on=dt.date.fromisoformat(granted_on) if granted_on else None,
                ppa=PPA_OPTIONS.get(ppa),
            )
        return demande_act(user=user, demande=demande, action=action)

    # --- then ---------------------------------------------------------------------------------

    def then_expect_refused(self, step: Step) -> None:
        expected = _plain(step.args["quoted"][-1])
        assert self.refusal is not None, f"attendu le refus « {expected} », l'action a été acceptée"
        assert _plain(self.refusal) == expected, f"refus « {self.refusal} », attendu « {expected} »"
        self.refusal_seen = True

    def _accepted(self) -> None:
        assert self.refusal is None, f"refusé : {self.refusal}"

    def then_expect_request_status(self, step: Step) -> None:
        self._accepted()
        kind = step.args["kind"]
        demande = last_demande(self.projet(), changes.ChangeKind(kind))
        assert demande is not None, f"aucune demande {kind}"
        if step.args["status"] != "consultable":
            assert demande.status == step.args["status"], (demande.status, step.args["status"])

    def then_expect_planned_completion(self, step: Step) -> None:
        self._accepted()
        expected = dt.date.fromisoformat(step.args["quoted"][0])
        actual = self.projet().date_achevement_previsionnelle
        assert actual == expected, f"achèvement prévisionnel {actual}, attendu {expected}"

    def then_expect_project_status(self, step: Step) -> None:
        self._accepted()
        projet = self.projet()
        assert step.args["quoted"][0] in (projet.statut, projet.statut_laureat), (projet.statut, projet.statut_laureat)

    def then_expect_power_updated(self, step: Step) -> None:
        self._accepted()
        assert self.projet().puissance == Decimal(self._requested_values("puissance")["puissance"])

    def then_expect_shareholder_updated(self, step: Step) -> None:
        self._accepted()
        assert self.projet().societe_mere == self._requested_values("actionnaire")["actionnaire"]

    def then_expect_producer_updated(self, step: Step) -> None:
        self._accepted()
        projet, requested = self.projet(), self._requested_values("producteur")
        if requested.get("producteur"):
            assert projet.nom_candidat == requested["producteur"], (projet.nom_candidat, requested)
        if requested.get("numero_identification"):
            assert projet.numero_identification == requested["numero_identification"].replace(" ", ""), requested

    def then_expect_legal_rep_updated(self, step: Step) -> None:
        self._accepted()
        wanted = self._requested_values("représentantLégal")["nom"]
        assert (self.projet().nom_representant_legal == wanted) is step.args["updated"]

    def then_expect_task(self, step: Step) -> None:
        self._accepted()
        label = step.args["quoted"][0]
        tasks = [
            t
            for t in TachePlanifiee.objects.filter(projet=self.projet(), status="planifiée")
            if _plain(t.get_kind_display()) == _plain(label) or t.kind == TASK_NAMES.get(_plain(label))
        ]
        assert tasks, f"aucune tâche « {label} » planifiée"
        if len(step.args["quoted"]) > 1:
            due = dt.date.fromisoformat(step.args["quoted"][1])
            assert any(t.due_on == due for t in tasks), ([t.due_on for t in tasks], due)

    def then_expect_no_task(self, step: Step) -> None:
        label = step.args["quoted"][0]
        assert not [
            t
            for t in TachePlanifiee.objects.filter(projet=self.projet(), status="planifiée")
            if _plain(t.get_kind_display()) == _plain(label) or t.kind == TASK_NAMES.get(_plain(label))
        ], f"tâche « {label} » encore planifiée"

    def _mailbox(self, to: str) -> set[str]:
        """The addresses a sentence names: the holder, the DREAL or DGEC agents, the authority."""
        if to == "au porteur":
            return {self.person("porteur").email}
        if to == "à l'autorité instructrice":
            demande = next(
                (last_demande(self.projet(), changes.ChangeKind(k)) for k in self.requested if k != "mainlevée"), None
            )
            to = "à la dreal" if demande is None or demande.authority == "dreal" else "à la dgec"
        if to == "à la dreal":
            return {self.person("dreal").email}
        if to == "à la dgec":
            return {self.person("dgec").email}
        raise NotPlayed(f"destinataire non tenu : {to}")

    def then_expect_email(self, step: Step) -> None:
        """A message went to the named people since the action, about this project (our subjects
        and links are ours, not the original's: the project's name is what is compared)."""
        self._accepted()
        recipients = self._mailbox(step.args["to"])
        sent = [m for m in mail.outbox[self.outbox_before :] if recipients & set(m.to)]
        assert sent, (
            f"aucun courriel à {sorted(recipients)} ; envoyés : {[m.to for m in mail.outbox[self.outbox_before :]]}"
        )
        name = (step.data or {}).get("nom_projet")
        if name:
            assert any(name in m.subject or name in m.body for m in sent), [m.subject for m in sent]

    def then_expect_no_email(self, step: Step) -> None:
        recipients = {self.person("porteur").email}
        assert not [m for m in mail.outbox[self.outbox_before :] if recipients & set(m.to)]

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
