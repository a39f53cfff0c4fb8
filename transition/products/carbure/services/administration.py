"""What the administration (DGEC) does: lock a year, check the certificates entities claim,
flag a lot, register depots, certificates and double-counting agreements, refresh the emission
statistics the checks compare lots with."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, StdDev
from django.utils import timezone

from transition.platform.accounts.permissions import require
from transition.platform.audit.services import event_record

from ..domain.vocabulary import FeedstockCategory, LotStatus
from ..enums import PRODUCT, CertificateCheck
from ..models import (
    Certificate,
    Depot,
    DoubleCountingAgreement,
    EntityCertificate,
    GhgStatistic,
    Lot,
    YearLock,
)

STATISTICS_MIN_LOTS = 10  # a statistic needs at least this many lots, as in the original
STATISTICS_FROM_YEAR = 2021


def _audit(user, action: str, target, **payload) -> None:
    event_record(actor=user, action=f"carbure.{action}", target=target, payload=payload, product=PRODUCT)


def year_lock(*, user, year: int) -> YearLock:
    require(user, "carbure.administration_act")
    with transaction.atomic():
        lock, created = YearLock.objects.get_or_create(year=year, defaults={"locked_by": user})
        if created:
            _audit(user, "year_locked", lock, year=year)
    return lock


def year_unlock(*, user, year: int) -> None:
    require(user, "carbure.administration_act")
    with transaction.atomic():
        deleted, _ = YearLock.objects.filter(year=year).delete()
        if deleted:
            _audit(user, "year_unlocked", ("carbure.yearlock", str(year)), year=year)


def certificate_check(*, user, claim: EntityCertificate, accepted: bool) -> EntityCertificate:
    require(user, "carbure.administration_act")
    with transaction.atomic():
        claim.check_status = CertificateCheck.CHECKED if accepted else CertificateCheck.REJECTED
        claim.checked_at, claim.checked_by = timezone.now(), user
        claim.save(update_fields=["check_status", "checked_at", "checked_by"])
        _audit(user, "certificate_checked", claim, status=claim.check_status, entity=claim.entity_id)
    return claim


def lot_highlight(*, user, lot: Lot, highlighted: bool) -> Lot:
    require(user, "carbure.administration_act")
    with transaction.atomic():
        lot.highlighted_by_admin = highlighted
        lot.save(update_fields=["highlighted_by_admin"])
        _audit(user, "lot_highlighted", lot, highlighted=highlighted)
    return lot


def certificate_register(*, user, **fields) -> Certificate:
    require(user, "carbure.administration_act")
    try:
        with transaction.atomic():
            certificate = Certificate.objects.create(**fields)
            _audit(user, "certificate_registered", certificate, certificate_id=certificate.certificate_id)
    except IntegrityError:
        raise ValidationError({"certificate_id": "Ce certificat est déjà enregistré."}) from None
    return certificate


def agreement_register(
    *, user, certificate_id: str, production_site, valid_from, valid_until
) -> DoubleCountingAgreement:
    require(user, "carbure.administration_act")
    if valid_until < valid_from:
        raise ValidationError({"valid_until": "La fin de validité précède son début."})
    with transaction.atomic():
        agreement = DoubleCountingAgreement.objects.create(
            certificate_id=certificate_id.strip(),
            production_site=production_site,
            valid_from=valid_from,
            valid_until=valid_until,
        )
        _audit(user, "agreement_registered", agreement, certificate_id=agreement.certificate_id)
    return agreement


def depot_register(*, user, **fields) -> Depot:
    require(user, "carbure.administration_act")
    try:
        with transaction.atomic():
            depot = Depot.objects.create(**fields)
            _audit(user, "depot_registered", depot, depot_id=depot.depot_id)
    except IntegrityError:
        raise ValidationError({"depot_id": "Un dépôt porte déjà cet identifiant."}) from None
    return depot


def ghg_statistics_refresh() -> int:
    """Average eec by feedstock and origin (crops only), average ep by feedstock and biofuel, over
    accepted and declared lots since 2021, where at least ten lots say it. Returns the rows written."""
    lots = Lot.objects.filter(
        year__gte=STATISTICS_FROM_YEAR,
        lot_status__in=[LotStatus.ACCEPTED, LotStatus.FROZEN],
        country_of_origin__isnull=False,
    )
    now = timezone.now()
    rows = [
        GhgStatistic(
            term="eec",
            feedstock_id=r["feedstock_id"],
            origin_id=r["country_of_origin_id"],
            nb_lots=r["n"],
            average=round(r["avg"], 2),
            stddev=round(r["sd"] or 0, 2),
            computed_at=now,
        )
        for r in lots.filter(feedstock__category=FeedstockCategory.CONV)
        .exclude(eec=0)
        .values("feedstock_id", "country_of_origin_id")
        .annotate(n=Count("pk"), avg=Avg("eec"), sd=StdDev("eec"))
        if r["n"] >= STATISTICS_MIN_LOTS
    ] + [
        GhgStatistic(
            term="ep",
            feedstock_id=r["feedstock_id"],
            biofuel_id=r["biofuel_id"],
            nb_lots=r["n"],
            average=round(r["avg"], 2),
            stddev=round(r["sd"] or 0, 2),
            computed_at=now,
        )
        for r in lots.exclude(ep=0)
        .exclude(feedstock__isnull=True)
        .exclude(biofuel__isnull=True)
        .values("feedstock_id", "biofuel_id")
        .annotate(n=Count("pk"), avg=Avg("ep"), sd=StdDev("ep"))
        if r["n"] >= STATISTICS_MIN_LOTS
    ]
    with transaction.atomic():
        GhgStatistic.objects.all().delete()
        GhgStatistic.objects.bulk_create(rows)
    return len(rows)
