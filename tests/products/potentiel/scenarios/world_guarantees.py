"""The World's financial guarantees: imported at designation, recorded, deposited, corrected,
validated, modified by the administration, expired by the daily job, released (mainlevée).

Every step goes through the product's services (`services/guarantees.py`, `services/mainlevee.py`,
`services/designation.py`, `services/reminders.py`) and every check reads what the product's
pages read (`selectors/guarantees.py`, `selectors/projects.projet_todos`). A "given" state the
services cannot reach raises NotPlayed with the service's refusal.
"""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from transition.products.potentiel.domain.guarantees import ExpectedReason, GuaranteeType, MainleveeReason
from transition.products.potentiel.domain.lifecycle import Action, Status
from transition.products.potentiel.models import (
    DepotGaranties,
    GarantiesActuelles,
    GarantiesAttendues,
    Projet,
    TacheKind,
)
from transition.products.potentiel.selectors.guarantees import garanties_historique, mainlevee_current
from transition.products.potentiel.selectors.projects import projet_todos
from transition.products.potentiel.selectors.referential import projet_rules
from transition.products.potentiel.services import guarantees as guarantee_services
from transition.products.potentiel.services import mainlevee as mainlevee_services
from transition.products.potentiel.services.designation import candidature_guarantees_import
from transition.products.potentiel.services.reminders import due_tasks_run

from .steps import Step

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
DECISION = "Motifs de la décision écrits par la DREAL pour le banc de scénarios."
TODAY = dt.date.today()
MAINLEVEE_VERBS = {
    "instruct": Action.PASSER_EN_INSTRUCTION,
    "grant": Action.ACCORDER,
    "reject": Action.REJETER,
    "cancel": Action.ANNULER,
}
# A release request brought to a status by the DREAL's actions after the holder's request.
MAINLEVEE_PATHS = {
    Status.DEMANDE: (),
    Status.EN_INSTRUCTION: (Action.PASSER_EN_INSTRUCTION,),
    Status.ACCORDE: (Action.ACCORDER,),
    Status.REJETE: (Action.REJETER,),
}
MAINLEVEE_STATUSES = {None: Status.DEMANDE, "en instruction": Status.EN_INSTRUCTION, "accordée": Status.ACCORDE}
MAINLEVEE_STATUSES["rejetée"] = Status.REJETE
NO_EXPIRY = "l'appel d'offres du projet n'a pas de garanties financières avec date d'échéance"


def _refusals() -> tuple:
    from .world import REFUSALS  # the World imports this module: read at play time

    return REFUSALS


def _not_played(message: str) -> Exception:
    from .world import NotPlayed

    return NotPlayed(message)


def _plain(text: str) -> str:
    from .world import _plain as plain

    return plain(text)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _document(name: str = "attestation-gf.pdf", salt: bytes = b""):
    return SimpleUploadedFile(name, PDF + salt, content_type="application/pdf")


class GuaranteeSteps:
    """Mixed into the World: `self.projet()`, `self.person()`, `self.spec`, `self.refusal`."""

    # --- the project's guarantees at designation -------------------------------------------------

    def _import_guarantees(self, projet: Projet, spec) -> None:
        """A notified lauréat comes with the guarantees of its candidature (type from the table,
        else the first type of its appel d'offres), as at designation; « sans garanties
        financières importées » comes with none."""
        if spec.extra.get("without_guarantees") or not projet.is_laureat or projet.date_notification is None:
            return
        data = spec.extra.get("gf", {})
        types = projet_rules(projet).types_garanties
        if ("type GF" in data and not data["type GF"]) or not (types or data.get("type GF")):
            return  # « type GF » left empty: the candidature came without guarantees
        kind = data.get("type GF") or types[0]
        due = _date(data.get("date d'échéance"))
        if kind == GuaranteeType.AVEC_DATE_ECHEANCE and due is None:
            due = TODAY + dt.timedelta(days=730)
        Projet.objects.filter(pk=projet.pk).update(type_garanties=kind, date_echeance_garanties=due)
        projet.refresh_from_db()
        candidature_guarantees_import(projet=projet, today=TODAY)

    # --- values from a step's table ---------------------------------------------------------------

    def _guarantee_values(self, step: Step, projet: Projet, *, base=None) -> dict:
        """Type, due date and constitution date from the step's table; what the table leaves out
        comes from `base` (the deposit or guarantees being corrected), else the project's first type."""
        data = step.data or {}
        kind = data.get("type GF") or (base.type if base else projet_rules(projet).types_garanties[0])
        if "date d'échéance" in data:
            due = _date(data["date d'échéance"])
        elif base is not None and kind == base.type:
            due = base.date_echeance
        else:
            due = TODAY + dt.timedelta(days=730) if kind == GuaranteeType.AVEC_DATE_ECHEANCE else None
        constituted = _date(data.get("date de constitution")) or (base.date_constitution if base else None)
        return {
            "type": kind,
            "date_echeance": due,
            "date_constitution": constituted or projet.date_notification or TODAY,
        }

    @staticmethod
    def _as_of(values: dict) -> dt.date:
        """The day a "given" state was reached: today, or the day before a due date already passed
        (guarantees recorded after their due date would be expired at once)."""
        due = values["date_echeance"]
        day = min(TODAY, due - dt.timedelta(days=1)) if due else TODAY
        values["date_constitution"] = min(values["date_constitution"], day)
        return day

    # --- given ------------------------------------------------------------------------------------

    def given_guarantees_current(self, step: Step) -> None:
        try:
            self._set_current(self.projet(), self._guarantee_values(step, self.projet()), given=True)
        except _refusals() as exc:
            raise _not_played(f"état de départ impossible à atteindre par les services : {exc.message}") from None

    def _set_current(self, projet: Projet, values: dict, *, given: bool) -> GarantiesActuelles:
        """The DREAL records the guarantees, or modifies those the project already has."""
        today = self._as_of(values) if given else TODAY
        service = (
            guarantee_services.actuelles_modify
            if GarantiesActuelles.objects.filter(projet=projet).exists()
            else guarantee_services.actuelles_record
        )
        return service(user=self.person("dreal"), projet=projet, document=_document(), today=today, **values)

    def given_guarantees_expired(self, step: Step) -> None:
        """Guarantees whose due date was the day before, expired by the daily job on that day."""
        expired_on = dt.date.fromisoformat(step.args["quoted"][0])
        self._expired_guarantees(expired_on)

    def _expired_guarantees(self, expired_on: dt.date) -> None:
        projet = self.projet()
        if GuaranteeType.AVEC_DATE_ECHEANCE not in projet_rules(projet).types_garanties:
            raise _not_played(NO_EXPIRY)
        values = {
            "type": GuaranteeType.AVEC_DATE_ECHEANCE,
            "date_echeance": expired_on - dt.timedelta(days=1),
            "date_constitution": projet.date_notification or TODAY,
        }
        try:
            self._set_current(projet, values, given=True)
            due_tasks_run(on=expired_on, kinds=[TacheKind.ECHOIR_GARANTIES], projet=projet)
        except _refusals() as exc:
            raise _not_played(f"état de départ impossible à atteindre par les services : {exc.message}") from None
        assert GarantiesActuelles.objects.get(projet=projet).status == "échu"

    def given_guarantees_pending(self, step: Step) -> None:
        guarantee_services.garanties_demand(projet=self.projet(), reason=ExpectedReason.NOTIFICATION, today=TODAY)

    def given_guarantees_deposit(self, step: Step) -> None:
        data = step.data or {}
        if data.get("appel d'offres") and data["appel d'offres"] != self.spec.ao:
            if self.spec.name in self.projets:
                raise _not_played("l'appel d'offres du projet change après qu'il a servi")
            self.spec.ao = data["appel d'offres"]
        try:
            self._submit_deposit(step)
        except _refusals() as exc:
            raise _not_played(f"état de départ impossible à atteindre par les services : {exc.message}") from None

    def given_mainlevee(self, step: Step) -> None:
        """A release request in the given status: the holder asks, the DREAL acts."""
        target = MAINLEVEE_STATUSES[step.args.get("status")]
        projet = self.projet()
        try:
            mainlevee_services.mainlevee_request(
                user=self.person("porteur"), projet=projet, reason=self._mainlevee_reason(step, projet)
            )
            for action in MAINLEVEE_PATHS[target]:
                mainlevee_services.mainlevee_act(
                    user=self.person("dreal"), projet=projet, action=action, decision_reason=DECISION
                )
        except _refusals() as exc:
            raise _not_played(f"état de départ impossible à atteindre par les services : {exc.message}") from None

    def given_mainlevee_expired_guarantees(self, step: Step) -> None:
        """Release asked on valid guarantees, which the daily job expires afterwards."""
        projet = self.projet()
        due = TODAY + dt.timedelta(days=60)
        if GuaranteeType.AVEC_DATE_ECHEANCE not in projet_rules(projet).types_garanties:
            raise _not_played(NO_EXPIRY)
        values = {"type": GuaranteeType.AVEC_DATE_ECHEANCE, "date_echeance": due, "date_constitution": TODAY}
        try:
            self._set_current(projet, values, given=True)
            mainlevee_services.mainlevee_request(
                user=self.person("porteur"), projet=projet, reason=self._mainlevee_reason(step, projet)
            )
            due_tasks_run(on=due + dt.timedelta(days=1), kinds=[TacheKind.ECHOIR_GARANTIES], projet=projet)
        except _refusals() as exc:
            raise _not_played(f"état de départ impossible à atteindre par les services : {exc.message}") from None
        assert GarantiesActuelles.objects.get(projet=projet).status == "échu"

    @staticmethod
    def _mainlevee_reason(step: Step, projet: Projet) -> str:
        """The table's motif, else the one the project's status allows."""
        motif = (step.data or {}).get("motif")
        if motif:
            return motif
        return MainleveeReason.PROJET_ACHEVE if projet.statut_laureat == "achevé" else MainleveeReason.PROJET_ABANDONNE

    # --- when -------------------------------------------------------------------------------------

    def _user(self, step: Step):
        role = step.args["actor"]
        return self.person("dgec" if role == "dgec-validateur" else role)

    def when_guarantees_record(self, step: Step) -> None:
        projet = self.projet()
        guarantee_services.actuelles_record(
            user=self._user(step), projet=projet, document=_document(), **self._guarantee_values(step, projet)
        )

    def when_deposit_submit(self, step: Step) -> None:
        self._submit_deposit(step)

    def _submit_deposit(self, step: Step) -> None:
        projet = self.projet()
        values = self._guarantee_values(step, projet)
        guarantee_services.depot_submit(user=self.person("porteur"), projet=projet, document=_document(), **values)

    def when_deposit_validate(self, step: Step) -> None:
        guarantee_services.depot_validate(user=self._user(step), projet=self.projet())

    def when_deposit_delete(self, step: Step) -> None:
        guarantee_services.depot_delete(user=self._user(step), projet=self.projet())

    def _changed_document(self, step: Step):
        """« Le document a été modifié ? oui »: a new attestation; otherwise the same one is kept."""
        return (
            _document("nouvelle-attestation.pdf", b"%new")
            if (step.data or {}).get("Le document a été modifié ?") == "oui"
            else None
        )

    def when_deposit_modify(self, step: Step) -> None:
        projet = self.projet()
        depot = DepotGaranties.objects.filter(projet=projet).first()
        values = self._guarantee_values(step, projet, base=depot)
        if step.args.get("same_value") and depot is not None:
            values = {
                "type": depot.type,
                "date_echeance": depot.date_echeance,
                "date_constitution": depot.date_constitution,
            }
        guarantee_services.depot_modify(
            user=self._user(step), projet=projet, document=self._changed_document(step), **values
        )

    def when_guarantees_modify(self, step: Step) -> None:
        projet = self.projet()
        current = GarantiesActuelles.objects.filter(projet=projet).first()
        guarantee_services.actuelles_modify(
            user=self._user(step),
            projet=projet,
            document=self._changed_document(step),
            **self._guarantee_values(step, projet, base=current),
        )

    def when_attestation_record(self, step: Step) -> None:
        guarantee_services.attestation_record(user=self._user(step), projet=self.projet(), document=_document())

    def when_guarantees_expire(self, step: Step) -> None:
        """The daily job's expiry, checked on the table's day (« date à vérifier »)."""
        on = _date((step.data or {}).get("date à vérifier")) or TODAY
        guarantee_services.actuelles_expire(projet=self.projet(), on=on)

    def when_run_task(self, step: Step) -> None:
        """The daily job on the given day, for the named task of the project."""
        label = step.args["task"]
        kinds = [k for k in TacheKind if _plain(k.label) == _plain(label)]
        if not kinds:
            raise _not_played(f"tâche planifiée inconnue : {label}")
        on = _date(step.args.get("date")) or TODAY
        done = due_tasks_run(on=on, kinds=kinds, projet=self.projet())
        assert sum(done.values()), f"aucune tâche « {label} » à exécuter le {on}"

    def when_mainlevee_action(self, step: Step) -> None:
        projet = self.projet()
        verb = step.args["verb"]
        if verb == "request":
            mainlevee_services.mainlevee_request(
                user=self._user(step), projet=projet, reason=self._mainlevee_reason(step, projet)
            )
            return
        if verb not in MAINLEVEE_VERBS:
            raise _not_played(f"action sur la mainlevée non tenue : {verb}")
        mainlevee_services.mainlevee_act(
            user=self._user(step), projet=projet, action=MAINLEVEE_VERBS[verb], decision_reason=DECISION
        )

    # --- then -------------------------------------------------------------------------------------

    def _current(self) -> GarantiesActuelles | None:
        return GarantiesActuelles.objects.filter(projet=self.projet()).first()

    def then_expect_guarantees_current(self, step: Step) -> None:
        self._accepted()
        current = self._current()
        assert current is not None, "aucunes garanties financières actuelles"
        data = step.data or {}
        if data.get("type GF"):
            assert current.type == data["type GF"], (current.type, data["type GF"])
        if data.get("date d'échéance"):
            assert current.date_echeance == dt.date.fromisoformat(data["date d'échéance"]), current.date_echeance

    def then_expect_no_guarantees_current(self, step: Step) -> None:
        self._accepted()
        assert self._current() is None, "des garanties financières actuelles sont là"

    def then_expect_guarantees_expired(self, step: Step) -> None:
        self._accepted()
        current = self._current()
        assert current is not None and current.status == "échu", current and current.status

    def then_expect_guarantees_released(self, step: Step) -> None:
        self._accepted()
        current = self._current()
        assert current is not None and current.status == "levé", current and current.status

    def then_expect_deposit(self, step: Step) -> None:
        self._accepted()
        assert DepotGaranties.objects.filter(projet=self.projet()).exists(), "aucun dépôt de garanties financières"

    def then_expect_no_deposit(self, step: Step) -> None:
        self._accepted()
        assert not DepotGaranties.objects.filter(projet=self.projet()).exists(), "un dépôt est encore là"

    def then_expect_not_expected(self, step: Step) -> None:
        self._accepted()
        assert not GarantiesAttendues.objects.filter(projet=self.projet()).exists(), "garanties encore attendues"

    def then_expect_expected(self, step: Step) -> None:
        self._accepted()
        expected = GarantiesAttendues.objects.filter(projet=self.projet()).first()
        assert expected is not None, "aucunes garanties financières attendues"
        motif = (step.data or {}).get("motif")
        if motif:
            assert expected.reason == motif, (expected.reason, motif)

    def then_expect_guarantees_history(self, step: Step) -> None:
        self._accepted()
        raisons = [h.raison for h in garanties_historique(self.projet())]
        wanted = (step.data or {}).get("raison")
        assert raisons, "historique des garanties financières vide"
        if wanted:
            assert wanted in raisons, (raisons, wanted)

    def then_expect_holder_todo(self, step: Step) -> None:
        self._accepted()
        label = _plain(step.args["quoted"][0])
        labels = [_plain(t.label) for t in projet_todos(self.projet(), self.person("porteur"))]
        assert (label in labels) is (step.args["todo"] == "est"), (label, labels)

    def then_expect_mainlevee(self, step: Step) -> None:
        self._accepted()
        shown = mainlevee_current(self.projet())
        if step.args["mainlevee"] == "devrait être":
            assert shown is not None, "aucune demande de mainlevée"
        else:
            assert shown is None, f"demande de mainlevée encore consultable ({shown.status})"
