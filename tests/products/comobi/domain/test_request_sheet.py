from datetime import date

import pytest

from transition.products.comobi.domain.reasons import Reason, reason_from_text
from transition.products.comobi.domain.request_sheet import COLUMNS, Outcome, request_line_read


def row(**cells):
    base = dict.fromkeys(COLUMNS, "")
    base.update(
        {
            "Date demande": "01/03/2025 09:00:00",
            "Raisons": "Pas de voiture",
            "Départ": "Lacapelle-Marival",
            "Arrivée": "Figeac",
            "Date départ": "10/03/2025",
            "heureDepart": "08:30",
            "Motif": "Rendez-vous chez le kiné",
            "Retour": "Oui",
            "Heure": "11:00",
            "Prénom": "Marcel",
            "Nom": "Lacoste",
            "N° de téléphone": "05 65 12 34 56",
        }
    )
    base.update(cells)
    return base


def test_an_open_request():
    result = request_line_read(row(), line=2)
    assert result.errors == []
    line = result.values
    assert (line.day, line.leave_after_min, line.return_wanted, line.return_after_min) == (
        date(2025, 3, 10),
        510,
        True,
        660,
    )
    assert (line.reason, line.outcome, line.phone) == (Reason.MEDICAL, Outcome.OPEN, "+33565123456")


def test_lotocar_spells_the_hour_column_otherwise():
    cells = row()
    cells["heure départ"] = cells.pop("heureDepart")
    assert request_line_read(cells, line=2).values.leave_after_min == 510


@pytest.mark.parametrize(
    ("said", "outcome"),
    [
        ("Oui", Outcome.FOUND),
        ("Régulier", Outcome.FOUND),
        ("Non", Outcome.NO_SOLUTION),
        ("N", Outcome.NO_DRIVER),
        ("", Outcome.OPEN),
    ],
)
def test_outcome_column(said, outcome):
    assert request_line_read(row(**{"Trajet effectué Oui/Non/Régulier": said}), line=2).values.outcome == outcome


def test_outcome_column_found_by_its_beginning():
    cells = row()
    del cells["Trajet effectué Oui/Non/Régulier"]
    cells["Trajet effectué Oui/Non/Régulier/Autre"] = "Non"
    assert request_line_read(cells, line=2).values.outcome == Outcome.NO_SOLUTION


@pytest.mark.parametrize(
    ("cells", "column"),
    [
        ({"Départ": ""}, "Départ"),
        ({"Date départ": ""}, "Date départ"),
        ({"N° de téléphone": ""}, "N° de téléphone"),
        ({"Retour": "peut-être"}, "Retour"),
        ({"Trajet effectué Oui/Non/Régulier": "bof"}, "Trajet effectué"),
        ({"Prénom": ""}, "Prénom"),
        ({"heureDepart": "tôt"}, "heureDepart"),
    ],
)
def test_errors(cells, column):
    result = request_line_read(row(**cells), line=5)
    assert result.values is None
    assert column in {c for c, _ in result.errors}


def test_a_closed_request_may_lack_date_and_contact():
    result = request_line_read(
        row(**{"Date départ": "", "N° de téléphone": "", "Prénom": "", "Trajet effectué Oui/Non/Régulier": "Non"}),
        line=2,
    )
    assert result.values.outcome == Outcome.NO_SOLUTION


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Rendez-vous médical", Reason.MEDICAL),
        ("Entretien d'embauche", Reason.EMPLOI),
        ("Rendez-vous Pôle Emploi", Reason.EMPLOI),
        ("Aller faire des courses", Reason.COURSES),
        ("Rendez-vous CAF", Reason.DEMARCHES),
        ("Rdv administratif", Reason.DEMARCHES),
        ("Visiter un proche", Reason.LOISIRS),
        ("Loisirs/culture", Reason.LOISIRS),
        ("Formation au lycée agricole", Reason.FORMATION),
        ("emploi", Reason.EMPLOI),
        ("", Reason.AUTRE),
        ("Je ne sais pas", Reason.AUTRE),
    ],
)
def test_reason_from_text(text, reason):
    assert reason_from_text(text) == reason


@pytest.mark.shared_data
def test_every_solidarity_subject_of_the_peer_platform_maps_to_a_reason(shared_data):
    lines = (shared_data / "comobi" / "Solidary_Subjects_subjects.csv").read_text(encoding="utf-8").splitlines()
    subjects = [line.rsplit(";", 1)[0] for line in lines if line.strip()]
    assert subjects
    unmapped = [s for s in subjects if reason_from_text(s) == Reason.AUTRE]
    assert unmapped == []
