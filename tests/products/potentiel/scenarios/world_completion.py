"""The completion (« achèvement »): the holder's transmission, recording and replacement of the
attestation of conformity and its report, the administration's recording and modification of the
real completion — played through `services/completion.py` — and scheduled tasks planned by hand.

The original's co-contractor (EDF OA) transmits and corrects the real completion date; Potentiel
has no co-contractor account: its administration records and corrects that date under the same
rules (`domain/completion.py`, Act.RECORD_DATE and Act.MODIFY). `ACTED_FOR` lists those acts."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from transition.products.potentiel.models import Achevement, TacheKind
from transition.products.potentiel.services.completion import (
    achevement_date_record,
    achevement_modify,
    achevement_transmit,
    attestation_modify,
    attestation_record,
)
from transition.products.potentiel.services.schedule import task_plan

from .steps import Step

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
# The documents the holder joins first; a replacement joins other bytes.
FIRST_DOCUMENTS = (PDF, PDF + b"%r")
OTHER_DOCUMENTS = (PDF + b"%a2", PDF + b"%r2")
TRANSMISSION = "date transmission au Cocontractant"
COMPLETED_ON = "date d'achèvement"
REASON = "Raison de la modification écrite par l'administration pour le banc de scénarios."
# (the original's actor, our step) → the role that does that act in Potentiel under the same rules
ACTED_FOR = {("cocontractant", "completion_date"): "dgec"}


def _documents(contents: tuple[bytes, bytes]):
    attestation, rapport = contents
    return (
        SimpleUploadedFile("attestation.pdf", attestation, content_type="application/pdf"),
        SimpleUploadedFile("rapport.pdf", rapport, content_type="application/pdf"),
    )


def _plain(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).lower()


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


class CompletionSteps:
    # --- given --------------------------------------------------------------------------------

    def _given(self, play) -> None:
        from .world import REFUSALS, NotPlayed

        try:
            play()
        except REFUSALS as exc:
            raise NotPlayed(f"état de départ impossible à atteindre par les services : {exc.message}") from None

    def given_completion_done(self, step: Step) -> None:
        """The holder transmitted the attestation of conformity with its report."""
        projet = self.projet()
        day = projet.date_notification or dt.date.today()
        attestation, rapport = _documents(FIRST_DOCUMENTS)
        self._given(
            lambda: achevement_transmit(
                user=self.person("porteur"),
                projet=projet,
                completed_on=day,
                transmitted_on=day,
                attestation=attestation,
                rapport=rapport,
            )
        )

    def given_completion_date_done(self, step: Step) -> None:
        """The real completion date was recorded (the co-contractor's, by the administration)."""
        projet = self.projet()
        day = projet.date_notification or dt.date.today()
        self._given(lambda: achevement_date_record(user=self.person("dgec"), projet=projet, completed_on=day))

    def given_conformity_recorded(self, step: Step) -> None:
        projet, porteur = self.projet(), self.person("porteur")
        self._given(lambda: attestation_record(user=porteur, projet=projet, **self._named(FIRST_DOCUMENTS)))
        if "modifiée" in step.text:
            self._given(lambda: attestation_modify(user=porteur, projet=projet, **self._named(OTHER_DOCUMENTS)))

    def given_task_planned(self, step: Step) -> None:
        """A scheduled task of the named type planned on the given day (services/schedule.py)."""
        from .world import TASK_NAMES, NotPlayed

        data = step.data or {}
        label = _plain(data.get("type", ""))
        kind = TASK_NAMES.get(label) or next((k for k in TacheKind if _plain(k.label) == label), None)
        if kind is None:
            raise NotPlayed(f"tâche planifiée inconnue : {data.get('type')}")
        task_plan(projet=self.projet(), kind=kind, due_on=dt.date.fromisoformat(data["date d'exécution"]))

    @staticmethod
    def _named(contents):
        attestation, rapport = _documents(contents)
        return {"attestation": attestation, "rapport": rapport}

    # --- when ---------------------------------------------------------------------------------

    def when_completion_transmit(self, step: Step) -> None:
        projet = self.projet()
        day = projet.date_notification or dt.date.today()
        attestation, rapport = _documents(FIRST_DOCUMENTS)
        achevement_transmit(
            user=self.person("porteur"),
            projet=projet,
            completed_on=day,
            transmitted_on=_day((step.data or {}).get(TRANSMISSION)) or day,
            attestation=attestation,
            rapport=rapport,
        )

    def when_completion_date(self, step: Step) -> None:
        """The real completion date transmitted, or corrected, by whoever does it in Potentiel."""
        projet = self.projet()
        user = self.person(ACTED_FOR.get((step.args["actor"], step.action), step.args["actor"]))
        dated = [q for q in step.args["quoted"] if len(q) == 10 and q[4] == "-"]
        day = _day((step.data or {}).get(COMPLETED_ON)) or _day(dated[0] if dated else None)
        if not step.args["correction"]:
            achevement_date_record(user=user, projet=projet, completed_on=day or dt.date.today())
            return
        if step.args.get("same_value"):
            day = projet.date_achevement_reelle
        achevement_modify(user=user, projet=projet, reason=REASON, completed_on=day)

    def when_completion_modify(self, step: Step) -> None:
        """The administration modifies the completion: another date and transmission date, new
        documents unless « sans pièce justificative », the same values when it says so."""
        projet = self.projet()
        achevement = Achevement.objects.filter(projet=projet).first()
        current = achevement.date_achevement if achevement else projet.date_notification or dt.date.today()
        documents = {}
        if step.args.get("same_value"):
            day, transmitted = current, achevement.date_transmission_cocontractant if achevement else None
        else:
            day = self._other_day(current, projet.date_notification)
            before = achevement.date_transmission_cocontractant if achevement else None
            transmitted = _day((step.data or {}).get(TRANSMISSION)) or self._other_day(before or current, None)
            if not step.args.get("without_documents"):
                documents = self._named(OTHER_DOCUMENTS)
        achevement_modify(
            user=self.person("dgec"),
            projet=projet,
            reason=REASON,
            completed_on=day,
            transmitted_on=transmitted,
            **documents,
        )

    @staticmethod
    def _other_day(day: dt.date, not_before: dt.date | None) -> dt.date:
        """A valid day next to `day` (not ahead, not before `not_before`), or `day` if none."""
        today, one = dt.date.today(), dt.timedelta(days=1)
        valid = [d for d in (day + one, day - one) if d <= today and (not_before is None or d >= not_before)]
        return valid[0] if valid else day

    def when_conformity_record(self, step: Step) -> None:
        attestation_record(user=self.person("porteur"), projet=self.projet(), **self._named(OTHER_DOCUMENTS))

    def when_conformity_modify(self, step: Step) -> None:
        contents = FIRST_DOCUMENTS if step.args.get("same_value") else OTHER_DOCUMENTS
        attestation_modify(user=self.person("porteur"), projet=self.projet(), **self._named(contents))

    # --- then ---------------------------------------------------------------------------------

    def then_expect_completion(self, step: Step) -> None:
        self._accepted()
        assert Achevement.objects.filter(projet=self.projet()).exists(), "aucun achèvement transmis"

    def then_expect_completion_date(self, step: Step) -> None:
        self._accepted()
        actual = self.projet().date_achevement_reelle
        assert actual is not None, "aucune date d'achèvement réel"
        if step.args["quoted"]:
            assert actual == dt.date.fromisoformat(step.args["quoted"][0]), (actual, step.args["quoted"][0])
