"""The administration's direct modifications, the instructor's correction before a grant, the
holder's correction of the identification number, the proof of recandidature after an abandon,
and the holders' accesses — played through `services/modifications.py` and
`services/recandidature.py`."""

from decimal import Decimal

from transition.platform.audit.models import Event
from transition.products.potentiel.domain import changes
from transition.products.potentiel.models import Projet, ProjetAccess
from transition.products.potentiel.selectors.projects import projet_todos
from transition.products.potentiel.selectors.requests import last_demande
from transition.products.potentiel.services.modifications import (
    demande_correct_and_grant,
    identification_correct,
    projet_modify,
)
from transition.products.potentiel.services.recandidature import preuve_transmit

from .steps import KINDS, Step, _first


def _plain(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).lower()


CORRECTED_VALUES = {"représentantLégal": {"nom": "Claude Corrigé", "type": "personne-morale"}}
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
DECISION = "Motifs de la décision, après correction de la valeur demandée, écrits pour le banc de scénarios."
ADMIN_VALUES = {
    "actionnaire": {"actionnaire": "Actionnaire modifié par l'administration SAS"},
    "représentantLégal": {"nom": "Dominique Modifié", "type": "personne-physique"},
}


class AdminSteps:
    def _agent(self, step: Step):
        role = step.args["actor"]
        return self.person("dgec" if role == "dgec-validateur" else role)

    def when_admin_modify(self, step: Step) -> None:
        kind = step.args["kind"]
        projet = self.projet()
        values = self._admin_values(projet, kind, step)
        self.requested[kind] = values
        projet_modify(user=self._agent(step), projet=projet, kind=kind, values=values)

    def _admin_values(self, projet: Projet, kind: str, step: Step) -> dict:
        data = step.data or {}
        same = step.args.get("same_value")
        if kind == "producteur":
            if same:
                return {"producteur": projet.nom_candidat, "numero_identification": projet.numero_identification}
            if data.get("siret"):
                return {"numero_identification": data["siret"]}
            return {"producteur": data.get("producteur") or "Producteur modifié par l'administration SAS"}
        if kind == "puissance":
            ratio = Decimal(data.get("ratio puissance") or ("1" if same else "1.05"))
            values = {"puissance": str(projet.puissance * ratio)}
            site = projet.details.get("puissanceDeSite")
            if data.get("ratio puissance de site"):
                if site not in (None, ""):
                    values["puissance_de_site"] = str(Decimal(str(site)) * Decimal(data["ratio puissance de site"]))
            elif data.get("puissance de site"):
                values["puissance_de_site"] = data["puissance de site"]
            return values
        if same and kind == "actionnaire":
            return {"actionnaire": projet.societe_mere}
        if same and kind == "représentantLégal":
            return {"nom": projet.nom_representant_legal, "type": projet.details.get("typeRepresentantLegal", "")}
        given = {k: v for k, v in data.items() if k in ADMIN_VALUES[kind] and v}
        return {**ADMIN_VALUES[kind], **given}

    def when_admin_correct_and_grant(self, step: Step) -> None:
        kind = step.args["kind"]
        demande = last_demande(self.projet(), changes.ChangeKind(kind))
        if demande is None:
            raise changes.ChangeRefused(f"Aucune demande de {kind} à corriger")
        values = dict(CORRECTED_VALUES.get(kind, {}))
        self.requested[kind] = values
        demande_correct_and_grant(user=self._agent(step), demande=demande, values=values, decision_reason=DECISION)

    def when_identification_correct(self, step: Step) -> None:
        projet = self.projet()
        given = next((v for k, v in (step.data or {}).items() if "siret" in k or "identification" in k), None)
        numero = projet.numero_identification if step.args.get("same_value") else (given or "34883190006428")
        if not step.args.get("same_value") and not given and numero == projet.numero_identification:
            numero = "55203253400646"
        self.requested["producteur"] = {"producteur": projet.nom_candidat, "numero_identification": numero}
        identification_correct(user=self.person("porteur"), projet=projet, numero=numero)

    def when_recandidature_proof(self, step: Step) -> None:
        quoted = step.args["quoted"]
        abandoned = self._projet_named(quoted[1]) if len(quoted) > 1 else self._abandoned()
        proof = self._projet_named(quoted[0], required=False)
        preuve_transmit(
            user=self.person("porteur"), projet=abandoned, preuve_identifiant=proof.identifiant if proof else quoted[0]
        )

    def _projet_named(self, name: str, *, required: bool = True) -> Projet | None:
        if name in self.specs:
            current, self.current = self.current, name
            try:
                return self.projet()
            finally:
                self.current = current
        if required:
            raise AssertionError(f"projet inconnu du scénario : {name}")
        return None

    def then_expect_recandidature_proof(self, step: Step) -> None:
        self._accepted()
        abandon = last_demande(self._abandoned(), changes.ChangeKind.ABANDON)
        assert abandon is not None and abandon.payload.get("preuve_recandidature"), abandon and abandon.payload

    def _abandoned(self) -> Projet:
        """The project of the scenario with an abandon request."""
        for projet in self.projets.values():
            if last_demande(projet, changes.ChangeKind.ABANDON):
                return projet
        raise AssertionError("aucun projet du scénario n'a de demande d'abandon")

    def then_expect_todo_gone(self, step: Step) -> None:
        self._accepted()
        label = _plain(step.args["quoted"][0])
        projet = self._abandoned() if "recandidature" in label else self.projet()
        todos = [_plain(t.label) for t in projet_todos(projet, self.person("porteur"))]
        assert not [t for t in todos if label in t], todos

    def then_expect_access(self, step: Step) -> None:
        self._accepted()
        has = ProjetAccess.objects.filter(
            projet=self.projet(), user=self.person("porteur"), revoked_at__isnull=True
        ).exists()
        assert has is step.args["has_access"], (has, step.args["has_access"])

    def then_expect_declaration(self, step: Step) -> None:
        """A declaration (recorded at once, status « accordé ») of the kind the sentence names."""
        self._accepted()
        kind = _first(KINDS, step.text.lower().replace("’", "'"))
        demande = last_demande(self.projet(), changes.ChangeKind(kind))
        assert demande is not None and demande.mode == changes.Mode.DECLARATION, demande and demande.mode
        assert demande.status == "accordé", demande.status

    def then_expect_cdc_changed(self, step: Step) -> None:
        self._accepted()
        projet = self.projet()
        event = (
            Event.objects.filter(action="potentiel.cahier_des_charges_choisi", object_id=str(projet.pk))
            .order_by("-created_at", "-id")
            .first()
        )
        assert event is not None, "aucun choix de cahier des charges"
        assert event.payload["après"] == projet.cahier_des_charges != event.payload["avant"], event.payload
