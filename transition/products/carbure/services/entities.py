"""What an entity says about itself: its production sites, the depots it uses, the certificates
it holds (checked by the administration), its default certificate."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from transition.platform.accounts.permissions import require
from transition.platform.audit.services import event_record
from transition.platform.core.spreadsheets import clean_text

from ..domain.vocabulary import EntityType
from ..enums import PRODUCT
from ..models import Certificate, Depot, Entity, EntityCertificate, EntityDepot, ProductionSite


def _audit(user, action: str, target, **payload) -> None:
    event_record(actor=user, action=f"carbure.{action}", target=target, payload=payload, product=PRODUCT)


def site_create(
    *, entity: Entity, user, name: str, country_id: str, city: str, commissioning_date, certificate: str = ""
) -> ProductionSite:
    require(user, "carbure.entity_manage", entity)
    if entity.entity_type != EntityType.PRODUCER:
        raise ValidationError("Seul un producteur déclare des sites de production.")
    name = clean_text(name, keep_newlines=False).strip()
    try:
        with transaction.atomic():
            site = ProductionSite.objects.create(
                producer=entity,
                name=name,
                country_id=country_id,
                city=clean_text(city, keep_newlines=False).strip(),
                commissioning_date=commissioning_date,
                certificate=certificate.strip(),
            )
            _audit(user, "site_created", site, entity=entity.pk)
    except IntegrityError:
        raise ValidationError({"name": "Vous avez déjà un site de ce nom."}) from None
    return site


def entity_depot_add(*, entity: Entity, user, depot: Depot) -> EntityDepot:
    require(user, "carbure.entity_manage", entity)
    with transaction.atomic():
        link, created = EntityDepot.objects.get_or_create(entity=entity, depot=depot)
        if created:
            _audit(user, "depot_added", link, entity=entity.pk, depot=depot.depot_id)
    return link


def entity_depot_remove(*, entity: Entity, user, depot: Depot) -> None:
    require(user, "carbure.entity_manage", entity)
    with transaction.atomic():
        deleted, _ = EntityDepot.objects.filter(entity=entity, depot=depot).delete()
        if deleted:
            _audit(user, "depot_removed", entity, depot=depot.depot_id)


def certificate_claim(*, entity: Entity, user, certificate_id: str) -> EntityCertificate:
    """The entity says a registered certificate is its own; the administration will check."""
    require(user, "carbure.entity_manage", entity)
    certificate = Certificate.objects.filter(certificate_id__iexact=certificate_id.strip()).first()
    if certificate is None:
        raise ValidationError(
            {
                "certificate_id": "Ce certificat n’est pas dans les registres des systèmes de certification connus de CarbuRe."
            }
        )
    with transaction.atomic():
        claim, created = EntityCertificate.objects.get_or_create(entity=entity, certificate=certificate)
        if created:
            _audit(user, "certificate_claimed", claim, entity=entity.pk, certificate=certificate.certificate_id)
    return claim


def entity_settings_update(*, entity: Entity, user, default_certificate: str, has_trading: bool) -> Entity:
    require(user, "carbure.entity_manage", entity)
    with transaction.atomic():
        entity.default_certificate = default_certificate.strip()[:64]
        entity.has_trading = has_trading
        entity.save(update_fields=["default_certificate", "has_trading"])
        _audit(user, "entity_updated", entity, default_certificate=entity.default_certificate, has_trading=has_trading)
    return entity
