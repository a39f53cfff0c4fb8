"""Why a passenger travels, and how a free-text reason from a sheet maps onto it. Pure Python.

The map is data (keywords per reason, first match wins) read by one small function.
"""

import re
import unicodedata
from enum import StrEnum


class Reason(StrEnum):
    MEDICAL = "medical"
    EMPLOI = "emploi"
    FORMATION = "formation"
    COURSES = "courses"
    DEMARCHES = "demarches"
    LOISIRS = "loisirs"
    AUTRE = "autre"


LABELS = {
    Reason.MEDICAL: "Rendez-vous médical",
    Reason.EMPLOI: "Emploi",
    Reason.FORMATION: "Formation",
    Reason.COURSES: "Courses",
    Reason.DEMARCHES: "Démarches",
    Reason.LOISIRS: "Loisirs",
    Reason.AUTRE: "Autre",
}

# Folded keywords (no accents, lower case), matched at the start of a word; the first reason
# with a keyword in the text wins (courses before formation: "cours" begins "courses").
KEYWORDS: tuple[tuple[Reason, tuple[str, ...]], ...] = (
    (Reason.MEDICAL, ("medical", "medecin", "sante", "hopital", "clinique", "kine", "dentiste", "infirm", "soin")),
    (Reason.MEDICAL, ("pharmacie", "analyse", "laboratoire", "specialiste", "ophtalmo", "radio")),
    (Reason.EMPLOI, ("emploi", "travail", "embauche", "entretien", "pole emploi", "france travail", "interim")),
    (Reason.EMPLOI, ("boulot", "job", "stage", "mission locale")),
    (Reason.COURSES, ("courses", "marche", "supermarche", "magasin", "achats")),
    (Reason.FORMATION, ("formation", "ecole", "cours", "lycee", "college", "apprentissage", "examen", "permis")),
    (Reason.DEMARCHES, ("demarche", "administratif", "caf", "prefecture", "mairie", "banque", "poste", "cpam")),
    (Reason.DEMARCHES, ("impots", "notaire", "tribunal", "msa", "france services")),
    (Reason.LOISIRS, ("loisir", "culture", "sport", "visite", "famille", "proche", "ami", "cinema", "sortie")),
    (Reason.LOISIRS, ("deplacement libre", "association", "spectacle")),
)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", (text or "").lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def reason_from_text(text: str) -> Reason:
    """The reason a free text names; AUTRE when none does (or the text is empty)."""
    folded = f" {_fold(text)} "
    for reason, words in KEYWORDS:
        if any(f" {word}" in folded for word in words):
            return reason
    if folded.strip() in {r.value for r in Reason}:
        return Reason(folded.strip())
    return Reason.AUTRE
