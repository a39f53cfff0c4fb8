"""Demo lots at every status, made through the services (so with their checks, history and
audit events): declared last month and frozen, accepted into stock and partly released, sold on
by the trader, pending, refused, in correction, drafts (one with blocking errors). Loaded once:
a lot whose free field carries the demo marker means the lots are there."""

import datetime as dt

from django.utils import timezone

from ..domain import declarations as periods
from ..domain.vocabulary import DeliveryType
from ..models import Lot, Stock
from ..selectors.directory import draft_from_row
from ..services import declarations, lots, stocks, transactions
from . import entities

MARKER = "[démo]"


def _row(day: dt.date, **fields) -> dict:
    return {
        "production_site": "Distillerie de Bazancourt",
        "volume": 34500,
        "biocarburant_code": "ETH",
        "matiere_premiere_code": "BETTERAVE",
        "pays_origine_code": "FR",
        "eec": 9.6,
        "el": 0,
        "ep": 18.8,
        "etd": 2.3,
        "eu": 0,
        "dae": f"{day:%y}FRA{day:%m%d}00012345678",
        "delivery_date": day.isoformat(),
        "delivery_site": "FR0000131A01",
        "client": "Raffinerie de Provence",
        **fields,
    }


def _create(entity, user, day, **fields):
    draft, findings = draft_from_row(entity, _row(day, **fields))
    if findings:
        raise ValueError(f"Ligne de démonstration illisible : {findings}")
    draft.free_field = f"{MARKER} {draft.free_field}".strip()
    return lots.lot_create(entity=entity, user=user, draft=draft)


def load() -> None:
    world = entities.load()
    if Lot.objects.filter(free_field__startswith=MARKER).exists():
        return
    producer, trader, operator = world["producer"], world["trader"], world["operator"]
    u = world["users"]
    today = timezone.localdate()
    last_month = periods.period_bounds(periods.previous_period(today.year * 100 + today.month))[0]
    this_month = today.replace(day=1)

    # Last month: delivered to the operator and to the trader, accepted, declared by all: frozen.
    declared = _create(producer, u["producer"], last_month.replace(day=4), champ_libre="Commande 2025-041")
    sold = _create(
        producer, u["producer"], last_month.replace(day=9), client="Négoce Atlantique", delivery_site="FR0000076C12"
    )
    lots.lots_send(entity=producer, user=u["producer"], lots=[declared, sold])
    transactions.lot_accept(entity=operator, user=u["operator"], lot=declared, delivery_type=DeliveryType.BLENDING)
    transactions.lot_accept(
        entity=trader, user=u["trader"], lot=sold, delivery_type=DeliveryType.TRADING, next_client=operator
    )
    traded = Lot.objects.get(parent_lot=sold)
    transactions.lot_accept(entity=operator, user=u["operator"], lot=traded, delivery_type=DeliveryType.STOCK)
    stock = Stock.objects.get(parent_lot=traded)
    released = stocks.stock_split(
        entity=operator,
        user=u["operator"],
        stock=stock,
        volume_l=20000,
        delivery_date=last_month.replace(day=20),
        delivery_type=DeliveryType.RFC,
        delivery_site=world["depots"]["FR0000131A01"],
    )
    lots.lots_send(entity=operator, user=u["operator"], lots=[released])
    for entity, user in ((producer, u["producer"]), (trader, u["trader"]), (operator, u["operator"])):
        declarations.declaration_validate(entity=entity, user=user, period=last_month.year * 100 + last_month.month)

    # This month: pending, refused, in correction, fixed and waiting, drafts.
    day = min(today, this_month.replace(day=5))
    pending = _create(producer, u["producer"], day, volume=32000)
    refused = _create(producer, u["producer"], day, volume=30500, dae=f"{day:%y}FRA{day:%m%d}00099999999")
    correcting = _create(producer, u["producer"], day, volume=35000)
    lots.lots_send(entity=producer, user=u["producer"], lots=[pending, refused, correcting])
    transactions.lot_reject(
        entity=operator, user=u["operator"], lot=refused, comment="Ce DAE ne correspond à aucune réception à Fos."
    )
    transactions.lot_fix_ask(
        entity=operator, user=u["operator"], lot=correcting, comment="Volume à vérifier : 34 800 litres reçus."
    )
    oil = draft_from_row(
        world["oil_producer"],
        {
            "production_site": "Usine d’estérification de Châteaudun",
            "volume": 36000,
            "biocarburant_code": "EMHV",
            "matiere_premiere_code": "COLZA",
            "pays_origine_code": "FR",
            "eec": 26.1,
            "ep": 11.7,
            "etd": 1.8,
            "dae": f"{day:%y}FRA{day:%m%d}00055555555",
            "delivery_date": day.isoformat(),
            "delivery_site": "FR0000076C12",
            "client": "Raffinerie de Provence",
        },
    )[0]
    oil.free_field = f"{MARKER} Colza de Beauce"
    oil_lot = lots.lot_create(entity=world["oil_producer"], user=u["oil_producer"], draft=oil)
    lots.lots_send(entity=world["oil_producer"], user=u["oil_producer"], lots=[oil_lot])
    transactions.lot_accept(entity=operator, user=u["operator"], lot=oil_lot, delivery_type=DeliveryType.BLENDING)
    burnt = _create(
        producer,
        u["producer"],
        day,
        volume=25000,
        client="Centrale de Gardanne",
        delivery_site="FR0000013D04",
        champ_libre="Éthanol pour la cogénération",
    )
    lots.lots_send(entity=producer, user=u["producer"], lots=[burnt])
    transactions.lot_accept(entity=world["power"], user=u["power"], lot=burnt, delivery_type=DeliveryType.CONSUMPTION)
    _create(producer, u["producer"], day, volume=28000, champ_libre="À envoyer")
    _create(producer, u["producer"], day, volume=1500, dae="", etd=0, champ_libre="Lot à corriger avant l’envoi")
    deleted = _create(producer, u["producer"], day, volume=10000, champ_libre="Saisi en double")
    lots.lot_delete(entity=producer, user=u["producer"], lot=deleted)
