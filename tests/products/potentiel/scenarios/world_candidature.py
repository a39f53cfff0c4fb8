"""Candidatures in the scenarios: imported, corrected and notified through the product's services.

A candidature the scenario names is a row of the CRE's file: the World writes a valid row for
its appel d'offres (the columns the referential requires filled, those it has not left empty,
see `default_row`), the step's table replaces what it names (`TABLE_COLUMNS`), and the row goes
through `services/candidatures.py` like the DGEC's upload. A correction goes through
`services/corrections.py`, a notification through `services/notification.py: notify_periode`.
Checks read the database back as the CRE's row (`services/corrections.stored_cells`).
"""

import csv
import datetime as dt
import io
from decimal import Decimal
from itertools import count

from django.core import mail
from django.core.exceptions import ValidationError

from tests.products.potentiel.factories import cre_row
from transition.products.potentiel.domain import candidatures as cre
from transition.products.potentiel.domain import referential as ref
from transition.products.potentiel.domain.corrections import GF_CODES, HISTORIQUE_CODES, degrees_cells
from transition.products.potentiel.models import Projet
from transition.products.potentiel.selectors.referential import projet_rules
from transition.products.potentiel.services.candidatures import import_candidatures
from transition.products.potentiel.services.corrections import candidature_correct, stored_cells
from transition.products.potentiel.services.notification import notify_periode

from .steps import Step

_numbers = count(1)
PORTEUR_EMAIL = "porteur@scenario.example"
SUPPLIER = {
    "Nom du fabricant (Cellules) 1": "Cellules de Provence SAS",
    "Lieu(x) de fabrication (Cellules) 1": "France",
}


def _iso_or_french(text: str) -> str:
    """'2024-01-01' or '01/01/2024' as the file writes dates."""
    if len(text) == 10 and text[4] == "-":
        return dt.date.fromisoformat(text).strftime("%d/%m/%Y")
    return text


def _yes_no(text: str) -> str:
    return {"oui": "Oui", "non": "Non", "true": "Oui", "false": "Non"}.get(text.strip().lower(), text)


# The scenarios' table labels: the CRE's column each names and how its value is written there.
TABLE_COLUMNS = {
    "appel d'offres": ("appelOffre", str),
    "période": ("période", str),
    "famille": ("famille", str),
    "numéro cre": ("numéroCRE", str),
    "nom projet": ("nomProjet", str),
    "nom candidat": ("nomCandidat", str),
    "société mère": ("sociétéMère", str),
    "nom représentant légal": ("nomReprésentantLégal", str),
    "email contact": ("emailContact", str),
    "adresse 1": ("adresse1", str),
    "adresse 2": ("adresse2", str),
    "code postal": ("codePostal", str),
    "commune": ("commune", str),
    "puissance": ("puissance", str),
    "prix reference": ("prixReference", str),
    "note totale": ("noteTotale", str),
    "statut": ("statut", lambda t: {"classé": "Classé", "éliminé": "Éliminé"}.get(t, t)),
    "motif d'élimination": ("motifÉlimination", str),
    "technologie": ("technologie", str),
    "type gf": ("typeGarantiesFinancières", lambda t: GF_CODES.get(t, t)),
    "date d'échéance": ("dateÉchéanceGf", _iso_or_french),
    "coefficient k": ("coefficientKChoisi", _yes_no),
    "coefficient k choisi": ("coefficientKChoisi", _yes_no),
    "puissance de site": ("puissanceDeSite", str),
    "installateur": ("installateur", str),
    "installation avec dispositif de stockage": ("installationAvecDispositifDeStockage", _yes_no),
    "puissance du dispositif": ("puissanceDuDispositifDeStockageEnKW", str),
    "capacité du dispositif": ("capacitéDuDispositifDeStockageEnKWh", str),
    "numéro de l'autorisation": ("numéroDAutorisation", str),
    "date d'obtention de l'autorisation": ("dateDAutorisation", _iso_or_french),
    "volume réservé": ("volumeRéservé", _yes_no),
    "historique abandon": ("historiqueAbandon", lambda t: HISTORIQUE_CODES.get(t, t)),
    "puissance à la pointe": ("puissanceALaPointe", _yes_no),
    "territoire projet": ("territoireProjet", str),
    "obligation de solarisation": ("obligationDeSolarisation", _yes_no),
    "évaluation carbone simplifiée": ("evaluationCarboneSimplifiée", str),
    "taux prévisionnel aci": ("tauxPrévisionnelACI", str),
    "numéro siret": ("numéroIdentification", str),
    "numéro siren": ("numéroIdentification", str),
    "numéro de l'autorisation d'urbanisme": ("numéroDAutorisation", str),
    "date d'obtention de l'autorisation d'urbanisme": ("dateDAutorisation", _iso_or_french),
}
# The file gives the actionnariat in two Oui/Non columns.
ACTIONNARIAT = {
    "": ("Non", "Non"),
    "financement-collectif": ("Oui", "Non"),
    "gouvernance-partagée": ("Non", "Oui"),
    "financement-collectif-et-gouvernance-partagée": ("Oui", "Oui"),
}
COORDINATE_LABELS = ("latitude", "longitude")
# Labels of the original's candidature that Potentiel keeps elsewhere: empty, they say nothing.
ELSEWHERE = {
    "date de constitution": "la date de constitution des garanties se donne avec l'attestation, pas dans le fichier de la CRE",
}
DELAI = "délai de réalisation"  # the appel d'offres' délai, named by the table: checked, not written
# What the World writes in a column the appel d'offres requires (champs supplémentaires).
REQUIRED_DEFAULTS = {
    "coefficientKChoisi": {"coefficientKChoisi": "Non"},
    "puissanceDeSite": {"puissanceDeSite": "100"},
    "installateur": {"installateur": "Installations du Sud SARL"},
    "dispositifDeStockage": {"installationAvecDispositifDeStockage": "Non"},
    "natureDeLExploitation": {"natureDeLExploitation": "Vente avec injection en totalité"},
    "typologieInstallation": {"typologieDeBâtiment": "Bâtiment neuf"},
    "autorisation": {"dateDAutorisation": "01/02/2024", "numéroDAutorisation": "PC-013-2024-0001"},
    "puissanceALaPointe": {"puissanceALaPointe": "Non"},
    "territoireProjet": {"territoireProjet": "Corse"},
}
GF_PREFERRED = ("consignation", "six-mois-après-achèvement")  # types that need no due date


def _not_played(reason: str) -> Exception:
    """world.NotPlayed (imported here when raised: world.py imports this module)."""
    from .world import NotPlayed

    return NotPlayed(reason)


def table_cells(data: dict) -> dict[str, str]:
    """A step's table as cells of the CRE's row (normalised header -> text); NotPlayed when a
    label names nothing the file has."""
    cells: dict[str, str] = {}
    for label, value in data.items():
        key = label.strip().lower()
        if key in TABLE_COLUMNS:
            column, write = TABLE_COLUMNS[key]
            cells[cre.BY_KEY[column].name] = write(value.strip())
        elif key == "actionnariat":
            if value.strip() not in ACTIONNARIAT:
                raise _not_played(f"actionnariat que le fichier de la CRE ne dit pas : {value}")
            columns = (cre.BY_KEY["financementCollectif"].name, cre.BY_KEY["gouvernancePartagée"].name)
            cells |= dict(zip(columns, ACTIONNARIAT[value.strip()], strict=True))
        elif key in ELSEWHERE:
            if value.strip():
                raise _not_played(ELSEWHERE[key])
        elif key not in (*COORDINATE_LABELS, DELAI):
            raise _not_played(f"champ de candidature que le banc ne sait pas écrire : {label}")
    if all(data.get(axis) for axis in COORDINATE_LABELS):
        for axis in COORDINATE_LABELS:
            cells |= degrees_cells(axis, float(data[axis]))
    return cells


def default_row(name: str, statut: str, data: dict) -> dict[str, str]:
    """A valid row (normalised header -> text) for the appel d'offres and période the table
    names, before the table's own values."""
    referential = ref.load_referential()
    row = cre_row(
        numéroCRE=str(next(_numbers)),
        nomProjet=name,
        emailContact=PORTEUR_EMAIL,
        statut="Éliminé" if statut == "éliminé" else "Classé",
        motifÉlimination="Prix au-dessus du prix plafond" if statut == "éliminé" else "",
        typeGarantiesFinancières="",
        dateÉchéanceGf="",
        coefficientKChoisi="",
        volumeRéservé="",
    )
    ao_id = data.get("appel d'offres") or row["appelOffre"]
    row["appelOffre"] = ao_id
    try:
        ao = ref.find_appel_offres(referential, ao_id)
    except ref.ReferentialError:
        return {cre.BY_KEY[k].name: v for k, v in row.items()} | SUPPLIER
    types = ao["garanties_financieres"].get("types_disponibles") or [""]
    row["typeGarantiesFinancières"] = GF_CODES.get(next((t for t in GF_PREFERRED if t in types), types[0]), "")
    try:
        periode_id = data.get("période") or next(p["id"] for p in ao["periodes"] if p["type"] != "legacy")
        periode = ref.find_periode(ao, periode_id)
    except (ref.ReferentialError, StopIteration):  # the table names a période that does not exist
        return {cre.BY_KEY[k].name: v for k, v in row.items()} | SUPPLIER
    row["période"] = periode_id
    familles = [f["id"] for f in periode.get("familles", [])]
    row["famille"] = data.get("famille", familles[0] if familles else "")
    technologie = data.get("technologie") or ref.technologies(ao)[0]
    row["technologie"] = technologie
    try:
        famille = ref.find_famille(periode, row["famille"])
        rules = ref.effective_rules(ao, periode, famille, technologie=None if technologie == "N/A" else technologie)
    except ref.ReferentialError:
        return {cre.BY_KEY[k].name: v for k, v in row.items()} | SUPPLIER
    if periode.get("volume_reserve") and statut != "éliminé":
        row["volumeRéservé"] = "Non"
    for champ in cre.CHAMP_LABELS:
        status = ref.champ_status(rules, champ)
        if champ == "territoireProjet" and ao_id in cre.ZNI_AO:
            status = "requis"
        if status == "requis":
            row |= REQUIRED_DEFAULTS[champ]
        elif status == "absent":
            row |= {c.key: "" for c in cre.COLUMNS if c.champ == champ}
    return {cre.BY_KEY[k].name: v for k, v in row.items()} | SUPPLIER


def csv_file(cells: dict[str, str]) -> bytes:
    headers = list(cells)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerow([cells[h] for h in headers])
    return buffer.getvalue().encode("utf-8")


class CandidatureSteps:
    """Import, correction and notification of candidatures (mixed into `World`)."""

    @property
    def candidature_rows(self) -> dict[str, dict[str, str]]:
        """The row imported for each project, by name."""
        if "_candidature_rows" not in self.__dict__:
            self._candidature_rows = {}
        return self._candidature_rows

    def _row_of(self, name: str) -> dict[str, str]:
        return self.candidature_rows.get(name, {})

    def _import(self, name: str, statut: str, data: dict) -> Projet:
        """Import one row through the service; refused: ValidationError with the report's messages."""
        cells = default_row(name, statut, data)
        cells |= table_cells(data)
        self.candidature_rows[name] = cells
        report = import_candidatures(csv_file(cells), filename="candidatures.csv", user=self.person("dgec-validateur"))
        if not report.ok:
            raise ValidationError(list(dict.fromkeys(error.message for error in report.errors)))
        projet = Projet.objects.select_related("periode").get(nom_projet=name, numero_cre=cells["N°CRE"])
        if data.get(DELAI) and projet_rules(projet).delai_realisation_mois != int(data[DELAI]):
            raise _not_played("le délai de réalisation vient de l'appel d'offres, pas de la candidature")
        return projet

    def _write_through_import(self, spec) -> Projet:
        """A project of the scenario, imported (and notified, if the scenario says it was)."""
        data = {"appel d'offres": spec.ao, "période": spec.periode, **spec.extra.get("data", {})}
        if spec.famille:
            data.setdefault("famille", spec.famille)
        if spec.technologie != "N/A":
            data.setdefault("technologie", spec.technologie)
        try:
            projet = self._import(spec.name, "éliminé" if spec.statut == "éliminé" else "classé", data)
        except ValidationError as exc:
            raise _not_played(f"candidature impossible à importer : {' '.join(exc.messages)}") from None
        if spec.notified:
            self._notify(projet, spec.notified)
        return projet

    def _notify(self, projet: Projet, date: dt.date) -> None:
        if Projet.objects.filter(periode=projet.periode, date_notification__isnull=True).exclude(pk=projet.pk).exists():
            raise _not_played("d'autres candidatures de la période attendent : la notifier les notifierait aussi")
        self.person("porteur")  # the contact's account: the notification gives it access
        notify_periode(periode=projet.periode, date=date, user=self.person("dgec-validateur"))

    def _imported_spec(self):
        """The current project, built through the import if the scenario has not written it yet."""
        spec = self.spec
        if spec.name not in self.projets:
            spec.extra["import"] = True
        elif not spec.extra.get("import"):
            raise _not_played("le projet a été écrit sans passer par l'import de sa candidature")
        return spec

    # --- when ---------------------------------------------------------------------------------

    def when_import_candidature(self, step: Step) -> None:
        from .world import Spec

        name = step.args["quoted"][0]
        statut = "éliminé" if step.args.get("eliminated") else "classé"
        data = dict(step.data or {})
        self.current = name
        self.specs[name] = Spec(name=name, statut=statut, notified=None, extra={"import": True, "data": data})
        self.last_table = data
        self.projets[name] = self._import(name, statut, data)

    def when_correct_candidature(self, step: Step) -> None:
        self._imported_spec()
        projet = self.projet()
        data = dict(step.data or {})
        regenerate = data.pop("doit régénérer attestation", "").strip().lower() == "oui"
        self.last_table = data
        self.attestation_before = projet.attestation_sha256
        candidature_correct(
            user=self.person("dgec-validateur"), projet=projet, changes=self._table_changes(data), regenerate=regenerate
        )

    def _table_changes(self, data: dict) -> dict[str, str]:
        """The table as the service's changes: CRE column key -> text, decimal coordinates."""
        by_name = {c.name: c.key for c in cre.COLUMNS}
        changes = {by_name[h]: v for h, v in table_cells(data).items() if h in by_name}
        changes |= {axis: data[axis] for axis in COORDINATE_LABELS if axis in data}
        return changes

    def when_notify(self, step: Step) -> None:
        spec = self._imported_spec()
        projet = self.projet()
        date = dt.date.fromisoformat(step.args["date"]) if step.args.get("date") else dt.date.today()
        wanted = "éliminé" if "éliminée" in step.text else "classé"
        assert projet.statut_candidature == wanted, (projet.statut_candidature, wanted)
        self._notify(projet, date)
        spec.notified = date
        spec.statut = "lauréat" if wanted == "classé" else "éliminé"

    # --- then ---------------------------------------------------------------------------------

    def _check_table(self, projet: Projet, data: dict) -> None:
        """The stored candidature reads back, column by column, as the table wrote it."""
        stored = stored_cells(projet)
        for header, text in table_cells({k: v for k, v in data.items() if k.lower() not in COORDINATE_LABELS}).items():
            assert stored.get(header, "") == text or _same_number(stored.get(header, ""), text), (
                header,
                stored.get(header),
                text,
            )
        if all(data.get(axis) for axis in COORDINATE_LABELS):
            coordinates = (projet.details or {}).get("coordonnées") or {}
            for axis in COORDINATE_LABELS:
                assert abs(coordinates.get(axis, 1e9) - float(data[axis])) < 1e-6, (axis, coordinates)

    def then_expect_candidature(self, step: Step) -> None:
        self._accepted()
        projet = self.projet()
        self._check_table(projet, getattr(self, "last_table", {}))

    def then_expect_notified(self, step: Step) -> None:
        self._accepted()
        projet = self.projet()
        wanted = "éliminé" if "éliminé" in step.text else "lauréat"
        assert projet.notified and projet.statut == wanted, (projet.date_notification, projet.statut)
        self._check_table(projet, self.spec.extra.get("data", {}))

    def then_expect_suppliers(self, step: Step) -> None:
        self._accepted()
        projet = self.projet()
        row = self._row_of(projet.nom_projet)
        expected = [
            (label, row[f"Nom du fabricant ({label}) 1"])
            for label in ("Cellules",)
            if f"Nom du fabricant ({label}) 1" in row
        ]
        suppliers = [(s["type"], s["nomDuFabricant"]) for s in (projet.details or {}).get("fournisseurs", [])]
        assert expected and suppliers == [("cellules", name) for _, name in expected], (suppliers, expected)

    def then_expect_attestation(self, step: Step) -> None:
        self._accepted()
        projet = self.projet()
        assert projet.attestation and projet.attestation_sha256, "aucune attestation de désignation"
        with projet.attestation.open("rb") as handle:
            assert handle.read(5) == b"%PDF-", "l'attestation n'est pas un PDF"

    def then_expect_regenerated(self, step: Step) -> None:
        self._accepted()
        sha256 = self.projet().attestation_sha256
        assert sha256, "aucune attestation de désignation"
        before = getattr(self, "attestation_before", None)
        assert (sha256 == before) is step.args["negated"], (sha256, before)

    def then_expect_attestation_notice(self, step: Step) -> None:
        self._accepted()
        porteur = self.person("porteur").email
        sent = [
            m
            for m in mail.outbox[self.outbox_before :]
            if porteur in m.to and "attestation de désignation modifiée" in m.subject.lower()
        ]
        assert bool(sent) is not step.args["negated"], [m.subject for m in mail.outbox[self.outbox_before :]]

    def _requested_values(self, kind: str) -> dict:
        """What a change request asked, or (after a notification) what the candidature gave."""
        if kind in self.requested:
            return self.requested[kind]
        projet = self.projet()
        row = self._row_of(projet.nom_projet)
        if not row:
            raise AssertionError(f"aucune demande « {kind} » ni candidature importée")
        return {
            "puissance": {"puissance": str(cre.parse_number(row[cre.BY_KEY["puissance"].name]))},
            "actionnaire": {"actionnaire": row[cre.BY_KEY["sociétéMère"].name]},
            "producteur": {"producteur": row[cre.BY_KEY["nomCandidat"].name]},
            "représentantLégal": {"nom": row[cre.BY_KEY["nomReprésentantLégal"].name]},
        }[kind]


def _same_number(a: str, b: str) -> bool:
    try:
        return Decimal(a.replace(",", ".")) == Decimal(b.replace(",", "."))
    except ArithmeticError:
        return False
