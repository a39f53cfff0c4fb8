"""Project identifiers: the technical one `AO#Période#Famille#NuméroCRE` (famille may be empty,
e.g. `PPE2 - Eolien#1##23`) and the one people read, `AO-P1-F2-23`."""

from dataclasses import dataclass

SEPARATOR = "#"


class InvalidIdentifier(ValueError):
    pass


@dataclass(frozen=True, order=True)
class IdentifiantProjet:
    appel_offre: str
    periode: str
    famille: str
    numero_cre: str

    def __post_init__(self):
        for name in ("appel_offre", "periode", "numero_cre"):
            value = getattr(self, name)
            if not value or not value.strip():
                raise InvalidIdentifier(f"Identifiant de projet incomplet : {name} manquant")
        for value in (self.appel_offre, self.periode, self.famille, self.numero_cre):
            if SEPARATOR in value:
                raise InvalidIdentifier("Un élément de l'identifiant ne peut contenir « # »")
            if value != value.strip():
                raise InvalidIdentifier("Un élément de l'identifiant ne peut commencer ni finir par une espace")

    def __str__(self) -> str:
        return SEPARATOR.join((self.appel_offre, self.periode, self.famille, self.numero_cre))

    @property
    def lisible(self) -> str:
        famille = f"-F{self.famille}" if self.famille else ""
        return f"{self.appel_offre}-P{self.periode}{famille}-{self.numero_cre}"


def build(appel_offre: str, periode: str, famille: str | None, numero_cre: str) -> IdentifiantProjet:
    return IdentifiantProjet(appel_offre, periode, famille or "", numero_cre)


def parse(value: str) -> IdentifiantProjet:
    parts = (value or "").split(SEPARATOR)
    if len(parts) != 4:
        raise InvalidIdentifier("L'identifiant du projet doit avoir la forme « AO#Période#Famille#NuméroCRE »")
    return IdentifiantProjet(*parts)
