"""Shapes of Potentiel's API, with the original service's field names."""

import datetime as dt

from ninja import Schema


class GarantiesFinancieresOut(Schema):
    type: str | None
    dateEcheance: dt.date | None
    statut: str | None


class ProjetOut(Schema):
    identifiant: str
    appelOffre: str
    periode: str
    famille: str
    numeroCRE: str
    nomProjet: str
    statut: str
    statutLaureat: str | None
    dateNotification: dt.date | None
    dateAchevementPrevisionnelle: dt.date | None
    puissance: float
    unitePuissance: str | None
    cahierDesCharges: str
    region: str | None
    garantiesFinancieres: GarantiesFinancieresOut | None
    misAJourLe: dt.datetime


class ProjetsPageOut(Schema):
    count: int
    next: str | None
    results: list[ProjetOut]
