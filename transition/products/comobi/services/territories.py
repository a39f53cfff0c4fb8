"""Writes about territories: creation (staff, or the command), settings, communes, place names,
the people who work there. Each one checks permissions and leaves an audit event."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from transition.platform.accounts import permissions
from transition.platform.accounts.enums import OrganisationKind
from transition.platform.accounts.models import Membership, Organisation, User
from transition.platform.accounts.services import membership_grant, membership_revoke
from transition.platform.audit.services import event_record
from transition.platform.core.imports import FileRefused, ImportReport, read_table
from transition.platform.core.spreadsheets import clean_text
from transition.platform.geo import geocoding
from transition.platform.geo.selectors import commune_get

from ..enums import PRODUCT, Role, TerritoryKind
from ..models import Place, Territory, TerritoryCommune
from ..notifications import member_added_notify
from ..permissions import TERRITORY_ADMIN, TERRITORY_CREATE

SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$")
# Slugs that would hide a page of the product (its URLs sit beside /comobi/<slug>/).
RESERVED_SLUGS = {
    "api",
    "territoires",
    "nouveau",
    "mediation",
    "mes-trajets",
    "admin",
    "static",
    "stats",
    "connexion",
    "compte",
}
EDITABLE = ("name", "kind", "phone", "email", "welcome_text", "terms_text", "jdma_url", "router_url", "is_open")
MAX_PLACES = 5000


def _audit(actor, action: str, target, **payload) -> None:
    event_record(actor=actor, action=f"comobi.{action}", target=target, product=PRODUCT, payload=payload)


def _require(actor, action: str, obj=None) -> None:
    """`actor` None is the system (a management command run by the team on the server)."""
    if actor is not None:
        permissions.require(actor, action, obj)


def slug_check(slug: str) -> str:
    slug = (slug or "").strip().lower()
    if not SLUG.match(slug):
        raise ValidationError(
            "L’adresse du territoire s’écrit en minuscules sans accent, chiffres et tirets (ex. « causses-quercy »)."
        )
    if slug in RESERVED_SLUGS:
        raise ValidationError(f"« {slug} » est réservé : choisissez une autre adresse.")
    if Territory.objects.filter(slug=slug).exists():
        raise ValidationError(f"Un territoire utilise déjà l’adresse « {slug} ».")
    return slug


def commune_locate(insee_code: str) -> tuple[str, float, float]:
    """The name and centre of a commune: its name from the referential when loaded, its centre
    from the geocoder (a municipality result with this INSEE code). ValidationError otherwise."""
    code = (insee_code or "").strip().upper()
    if not re.fullmatch(r"\d[0-9AB]\d{3}", code):
        raise ValidationError(f"« {insee_code[:10]} » n’est pas un code INSEE de commune (5 caractères, ex. 46127).")
    known = commune_get(code)
    try:
        results = geocoding.get_geocoder().search(
            known.name if known else code, type="municipality", citycode=code, limit=1
        )
    except geocoding.GeocodingError as exc:
        raise ValidationError(f"Commune {code} : position introuvable ({exc.message}). Indiquez-la à la main.") from exc
    found = [r for r in results if r.citycode == code]
    if not found:
        raise ValidationError(
            f"Commune {code} : introuvable par le service d’adresses. Indiquez sa position à la main."
        )
    return (known.name if known else found[0].city or found[0].name), found[0].lat, found[0].lon


@transaction.atomic
def territory_create(
    *,
    actor,
    slug: str,
    name: str,
    kind: str = TerritoryKind.AUTRE,
    communes: list[str] | tuple[str, ...] = (),
    admin_email: str = "",
    organisation: Organisation | None = None,
) -> Territory:
    """A new territory (closed to the public until its administrator opens it), its organisation
    (created after it unless given), its communes, and its first administrator when named."""
    _require(actor, TERRITORY_CREATE)
    slug = slug_check(slug)
    name = clean_text(name or "", keep_newlines=False).strip()
    if not name:
        raise ValidationError("Le nom du territoire est obligatoire.")
    if kind not in TerritoryKind.values:
        raise ValidationError(f"Type de territoire inconnu : « {kind} ».")
    located, errors = [], []
    for code in dict.fromkeys(c.strip() for c in communes if c.strip()):
        try:
            located.append((code.upper(), *commune_locate(code)))
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    if organisation is None:
        organisation = Organisation.objects.create(name=name, kind=OrganisationKind.COLLECTIVITE)
    elif Territory.objects.filter(organisation=organisation).exists():
        raise ValidationError(f"L’organisation « {organisation} » porte déjà un territoire.")
    territory = Territory.objects.create(organisation=organisation, slug=slug, name=name, kind=kind)
    TerritoryCommune.objects.bulk_create(
        TerritoryCommune(territory=territory, insee_code=code, name=commune_name, lat=lat, lon=lon)
        for code, commune_name, lat, lon in located
    )
    _audit(actor, "territory_create", territory, slug=slug, communes=[c[0] for c in located])
    if admin_email:
        member_add(actor=actor, territory=territory, email=admin_email, role=Role.ADMINISTRATEUR, check=False)
    return territory


@transaction.atomic
def territory_update(*, actor, territory: Territory, data: dict) -> Territory:
    _require(actor, TERRITORY_ADMIN, territory)
    changed = []
    for field in EDITABLE:
        if field in data and getattr(territory, field) != data[field]:
            value = data[field]
            if isinstance(value, str):
                value = clean_text(value).strip()
            setattr(territory, field, value)
            changed.append(field)
    if changed:
        territory.full_clean(exclude=["organisation"])
        territory.save()
        _audit(actor, "territory_update", territory, fields=changed)
    return territory


@transaction.atomic
def commune_add(
    *, actor, territory: Territory, insee_code: str, lat: float | None = None, lon: float | None = None
) -> TerritoryCommune:
    _require(actor, TERRITORY_ADMIN, territory)
    code = (insee_code or "").strip().upper()
    if TerritoryCommune.objects.filter(territory=territory, insee_code=code).exists():
        raise ValidationError(f"La commune {code} est déjà desservie.")
    if lat is None or lon is None:
        name, lat, lon = commune_locate(code)
    else:
        known = commune_get(code)
        if known is None:
            raise ValidationError(f"Code INSEE inconnu du référentiel des communes : {code}.")
        name = known.name
    commune = TerritoryCommune.objects.create(territory=territory, insee_code=code, name=name, lat=lat, lon=lon)
    _audit(actor, "commune_add", territory, insee_code=code)
    return commune


@transaction.atomic
def commune_remove(*, actor, commune: TerritoryCommune) -> None:
    _require(actor, TERRITORY_ADMIN, commune.territory)
    _audit(actor, "commune_remove", commune.territory, insee_code=commune.insee_code)
    commune.delete()


def _place_values(name: str, aliases: str, lat, lon) -> tuple[str, str, float, float]:
    name = clean_text(name or "", keep_newlines=False).strip()[:120]
    if not name:
        raise ValidationError("Le nom du lieu est obligatoire.")
    aliases = ", ".join(a.strip() for a in clean_text(aliases or "", keep_newlines=False).split(",") if a.strip())[:500]
    try:
        lat, lon = float(lat), float(lon)
    except (TypeError, ValueError):
        raise ValidationError("Latitude et longitude sont des nombres (ex. 44.7456 et 1.7256).") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValidationError("Latitude entre -90 et 90, longitude entre -180 et 180.")
    return name, aliases, lat, lon


@transaction.atomic
def place_save(*, actor, territory: Territory, name: str, aliases: str, lat, lon, place: Place | None = None) -> Place:
    _require(actor, TERRITORY_ADMIN, territory)
    name, aliases, lat, lon = _place_values(name, aliases, lat, lon)
    clash = Place.objects.filter(territory=territory, name__iexact=name)
    if place is not None:
        clash = clash.exclude(pk=place.pk)
    if clash.exists():
        raise ValidationError(f"Un lieu s’appelle déjà « {name} ».")
    if place is None:
        place = Place(territory=territory)
    place.name, place.aliases, place.lat, place.lon = name, aliases, lat, lon
    place.save()
    _audit(actor, "place_save", place, name=name)
    return place


@transaction.atomic
def place_delete(*, actor, place: Place) -> None:
    _require(actor, TERRITORY_ADMIN, place.territory)
    _audit(actor, "place_delete", place.territory, name=place.name)
    place.delete()


def places_import(*, actor, territory: Territory, source, filename: str) -> ImportReport:
    """comobi-core's places sheet: "noms" (aliases separated by commas; the first is the name),
    "latitude", "longitude". A name already known is updated; nothing is written if a line is wrong."""
    _require(actor, TERRITORY_ADMIN, territory)
    try:
        table = read_table(source, filename=filename, max_rows=MAX_PLACES, max_bytes=2 * 1024 * 1024)
    except FileRefused as exc:
        return ImportReport.from_refusal(exc)
    report = ImportReport(rows_read=len(table.rows))
    headers = {h.strip().lower(): h for h in table.headers}
    names_column = headers.get("noms") or headers.get("nom") or headers.get("names")
    missing = [
        label
        for label, column in (
            ("noms", names_column),
            ("latitude", headers.get("latitude")),
            ("longitude", headers.get("longitude")),
        )
        if column is None
    ]
    if missing:
        report.error(
            f"Colonne(s) manquante(s) : {', '.join(missing)}. En-têtes attendus : noms ; latitude ; longitude."
        )
        return report
    values = []
    for row in table.rows:
        names = [n.strip() for n in row.text(names_column).split(",") if n.strip()]
        try:
            if not names:
                raise ValidationError("Le nom du lieu est obligatoire.")
            values.append(
                _place_values(
                    names[0],
                    ", ".join(names[1:]),
                    row.text(headers["latitude"]).replace(",", "."),
                    row.text(headers["longitude"]).replace(",", "."),
                )
            )
        except ValidationError as exc:
            report.error(exc.messages[0], line=row.line, field=names_column)
    if not report.ok:
        return report
    with transaction.atomic():
        for name, aliases, lat, lon in values:
            _, created = Place.objects.update_or_create(
                territory=territory, name=name, defaults={"aliases": aliases, "lat": lat, "lon": lon}
            )
            if created:
                report.created += 1
            else:
                report.updated += 1
        _audit(actor, "places_import", territory, created=report.created, updated=report.updated)
    return report


@transaction.atomic
def member_add(
    *,
    actor,
    territory: Territory,
    email: str,
    role: str,
    given_name: str = "",
    family_name: str = "",
    check: bool = True,
) -> Membership:
    """Give `role` in the territory to the person with this email (an account is created when
    none exists: they sign in with ProConnect or an emailed link), and tell them by email."""
    if check:
        _require(actor, TERRITORY_ADMIN, territory)
    if role not in Role.values:
        raise ValidationError(f"Rôle inconnu : « {role} ».")
    email = User.objects.normalize_email((email or "").strip()).lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(f"« {email[:80]} » n’est pas une adresse électronique valide.") from None
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email, given_name=clean_text(given_name)[:150], family_name=clean_text(family_name)[:150]
        )
    elif not user.is_active:
        raise ValidationError("Ce compte a été supprimé : demandez à la personne d’en ouvrir un autre.")
    membership = membership_grant(
        actor=actor, user=user, organisation=territory.organisation, product=PRODUCT, role=role
    )
    member_added_notify(email=user.email, territory=territory, role_label=Role(role).label)
    return membership


@transaction.atomic
def member_remove(*, actor, territory: Territory, membership: Membership) -> None:
    _require(actor, TERRITORY_ADMIN, territory)
    if membership.organisation_id != territory.organisation_id or membership.product != PRODUCT:
        raise ValidationError("Ce rôle n’appartient pas à ce territoire.")
    others = Membership.objects.filter(
        organisation_id=territory.organisation_id, product=PRODUCT, role=Role.ADMINISTRATEUR
    ).exclude(pk=membership.pk)
    if membership.role == Role.ADMINISTRATEUR and not others.exists():
        raise ValidationError("Le territoire doit garder au moins un administrateur.")
    membership_revoke(actor=actor, membership=membership)
