"""Grid connection and PPA steps of the World (services/grid.py, services/grid_documents.py,
services/ppa.py through the abandon request of services/requests.py).

Documents are named by their kind in the sentence (« un document convention de raccordement »)
or by the table (« type de document »); « un document » alone is the signed technical and
financial proposal, as the original's fixtures. A dossier named by no table gets a reference of
its own in the operator's format, as the original's fixtures draw a new one each time."""

import datetime as dt
import hashlib
import re

from django.core.files.uploadedfile import SimpleUploadedFile

from transition.products.potentiel.domain import grid
from transition.products.potentiel.domain.grid_documents import TRANSMITTED_KINDS
from transition.products.potentiel.models import DossierRaccordement, Raccordement, SignalementPPA
from transition.products.potentiel.selectors.projects import projet_todos
from transition.products.potentiel.services import grid as grid_services
from transition.products.potentiel.services import grid_documents
from transition.products.potentiel.services.grid import DOCUMENT_FIELDS
from transition.products.potentiel.services.ppa import ppa_set_by_agent

from .steps import Step

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
DOCUMENT_NAMES = {
    "proposition technique et financière": grid.DocumentKind.PTF,
    "convention de raccordement": grid.DocumentKind.CONVENTION,
    "convention de raccordement directe": grid.DocumentKind.CONVENTION_DIRECTE,
}
UNKNOWN_OPERATOR_REASON = (
    "Potentiel n'a pas le référentiel ORE des gestionnaires de réseau par commune ni de gestionnaire « inconnu » : "
    "le porteur choisit le sien parmi les gestionnaires référencés"
)
LIFECYCLE_VERBS = {"instruct", "ask_confirmation", "confirm", "grant", "reject", "cancel", "correct"}
NEW_REFERENCE = "nouvelle référence du dossier de raccordement"


def _table(step: Step) -> dict:
    """The step's table with its keys lower-cased and their spaces collapsed."""
    return {" ".join(k.lower().split()): v for k, v in (step.data or {}).items()}


class RaccordementSteps:
    """Mixed into World: uses its person(), projet(), _reference() and DEFAULT_REFERENCE."""

    document: grid.DocumentKind = grid.DocumentKind.PTF

    @staticmethod
    def grid_why_not(step: Step) -> str | None:
        """Grid sentences of the original that name what Potentiel does not have."""
        unknown_operator = step.action == "operator_unknown" or (
            step.action == "grid_operator_assigned" and step.args.get("actor") == "system"
        )
        if step.action == "ore_referential" or unknown_operator:
            return UNKNOWN_OPERATOR_REASON
        return None

    @staticmethod
    def acts_on_missing_request(steps: list[Step]) -> str | None:
        """A scenario of the original that decides a request nobody filed, and checks no refusal:
        the original ignores the error its step raises; Potentiel refuses, and says so."""
        filed = {s.args.get("kind") for s in steps if s.action == "request"}
        if any(s.action == "expect_refused" for s in steps):
            return None
        for s in steps:
            if s.action != "request_action":
                continue
            if s.args.get("verb") in ("request", "declare"):
                filed.add(s.args.get("kind"))
            elif s.args.get("verb") in LIFECYCLE_VERBS and s.args.get("kind") not in filed:
                return (
                    "le scénario de l'original agit sur une demande jamais déposée sans attendre de refus : "
                    f"Potentiel refuse l'action — « {s.text.strip()} »"
                )
        return None

    # --- references ------------------------------------------------------------------------

    def _fresh_reference(self, projet) -> str:
        """The default reference, or the next number not used by the project's dossiers."""
        used = set(DossierRaccordement.objects.filter(raccordement__projet=projet).values_list("reference", flat=True))
        head, number = re.fullmatch(r"(.*?)(\d+)", self.DEFAULT_REFERENCE).groups()
        value = int(number)
        while f"{head}{value:0{len(number)}d}" in used:
            value += 1
        return f"{head}{value:0{len(number)}d}"

    def _legacy_dossier(self, step: Step, refusal: str) -> None:
        """A dossier the original holds from before the operators' formats were checked: written
        as it stands in the original's history (a given state only; the step under test goes
        through the services)."""
        reference = (step.data or {}).get(self.REFERENCE)
        if refusal != grid.INVALID_REFERENCE or not reference:
            raise self._not_played(refusal)
        raccordement = Raccordement.objects.get(projet=self.projet())
        projet = self.projet()
        DossierRaccordement.objects.create(
            raccordement=raccordement,
            reference=reference,
            dcr_date=projet.date_notification,
            dcr_document=SimpleUploadedFile("accuse.pdf", PDF, content_type="application/pdf"),
            dcr_sha256=hashlib.sha256(PDF).hexdigest(),
        )
        self.dossier = reference

    @staticmethod
    def _not_played(reason: str):
        from .world import NotPlayed  # world imports this module: the exception lives there

        return NotPlayed(f"état de départ impossible à atteindre par les services : {reason}")

    def when_grid_reference_update(self, step: Step) -> None:
        projet = self.projet()
        new = _table(step).get(NEW_REFERENCE) or self._fresh_reference(projet)
        grid_services.dossier_reference_update(
            user=self._grid_user(step), projet=projet, reference=self._reference(step), new_reference=new
        )
        self.dossier = new

    def when_grid_dossier_delete(self, step: Step) -> None:
        grid_services.dossier_delete(user=self._grid_user(step), projet=self.projet(), reference=self._reference(step))

    def _grid_user(self, step: Step):
        role = step.args["actor"]
        return self.person("dgec" if role == "dgec-validateur" else role)

    def then_expect_dossier_count(self, step: Step) -> None:
        self._accepted()
        count = DossierRaccordement.objects.filter(raccordement__projet=self.projet()).count()
        assert count == int(step.args["count"]), count

    # --- documents ---------------------------------------------------------------------------

    def _kind(self, step: Step, named: str | None) -> grid.DocumentKind:
        raw = _table(step).get("type de document")
        if raw:
            return raw  # the service reads it (and refuses a kind it does not know)
        return DOCUMENT_NAMES.get(named or "", grid.DocumentKind.PTF)

    def _signed_on(self, step: Step | None = None):
        """The table's signature date, else the project's designation."""
        named = _table(step).get("date de signature") if step else None
        return dt.date.fromisoformat(named[:10]) if named else self.projet().date_notification or dt.date.today()

    def _upload(self):
        return SimpleUploadedFile("document.pdf", PDF, content_type="application/pdf")

    def given_grid_document(self, step: Step) -> None:
        named = step.args.get("document")
        self.document = self._kind(step, None if named == "transmis" else named)
        try:
            grid_documents.document_transmit(
                user=self.person("porteur"),
                projet=self.projet(),
                reference=self._reference(step),
                kind=self.document,
                upload=self._upload(),
                signed_on=self._signed_on(step),
            )
        except grid.GridRefused as refused:
            raise self._not_played(refused.message) from None

    def when_grid_document_transmit(self, step: Step) -> None:
        self.document = self._kind(step, step.args.get("document"))
        grid_documents.document_transmit(
            user=self._grid_user(step),
            projet=self.projet(),
            reference=self._reference(step),
            kind=self.document,
            upload=self._upload(),
            signed_on=self._signed_on(step),
        )

    def when_grid_document_replace(self, step: Step) -> None:
        named = step.args.get("document")
        kind = self._kind(step, named) if (named or step.data) else self.document
        grid_documents.document_replace(
            user=self._grid_user(step),
            projet=self.projet(),
            reference=self._reference(step),
            kind=kind,
            upload=SimpleUploadedFile("document-2.pdf", PDF + b"%2", content_type="application/pdf"),
            signed_on=self._signed_on(step),
        )
        self.document = kind

    def when_grid_document_delete(self, step: Step) -> None:
        named = step.args.get("document")
        kind = self._kind(step, named) if (named or step.data) else self.document
        grid_documents.document_delete(
            user=self._grid_user(step), projet=self.projet(), reference=self._reference(step), kind=kind
        )
        self.document = kind

    def then_expect_document(self, step: Step) -> None:
        self._accepted()
        row = DossierRaccordement.objects.get(raccordement__projet=self.projet(), reference=self._reference(step))
        present = bool(getattr(row, f"{DOCUMENT_FIELDS[self.document]}_sha256"))
        assert present is not bool(step.args.get("negated")), (self.document, present)
        assert self.document in TRANSMITTED_KINDS

    # --- tasks and PPA -----------------------------------------------------------------------

    def given_cocontractant(self, step: Step) -> None:
        """Potentiel has no co-contractor (EDF OA): the original names one only to write to it."""

    def then_expect_no_todos(self, step: Step) -> None:
        self._accepted()
        todos = projet_todos(self.projet(), self.person("porteur"))
        assert not todos, [t.label for t in todos]

    def then_expect_no_grid_tasks(self, step: Step) -> None:
        """No grid to-do for the holder (Potentiel plans no dated grid task: the original's DCR
        reminder depends on an appel d'offres' setting its referential does not carry)."""
        self._accepted()
        labels = {t.label for t in projet_todos(self.projet(), self.person("porteur"))}
        assert not labels & {grid.REFERENCE_TO_GIVE, grid.ACKNOWLEDGEMENT_TO_GIVE}, labels

    def when_ppa_agent(self, step: Step) -> None:
        """The DGEC or the DREAL signals or withdraws the PPA outside an abandon request."""
        if step.args["target"] == "éliminé" and self.spec.statut != "éliminé":
            eliminated = [name for name, spec in self.specs.items() if spec.statut == "éliminé"]
            if not eliminated:
                raise self._not_played("aucun projet éliminé dans le scénario")
            self.current = eliminated[-1]
        ppa_set_by_agent(user=self._grid_user(step), projet=self.projet(), signalled=step.args["signalled"])

    def then_expect_ppa(self, step: Step) -> None:
        self._accepted()
        signalled = SignalementPPA.objects.filter(projet=self.projet()).exists()
        assert signalled is not bool(step.args.get("negated")), signalled
