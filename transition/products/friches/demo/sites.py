"""The demo's registry, commune figures, a collectivité with a project and an advisor (names,
sites and figures of our own, in real communes)."""

import math
from decimal import Decimal

from django.contrib.gis.geos import MultiPolygon, Point, Polygon

from transition.platform.accounts.models import Membership, Organisation, User
from transition.platform.geo.domain.territory import departement_of_insee, region_of_departement

from ..enums import ActionStatus, Role
from ..models import Advisor, CommuneStats, Message, Question, Site
from ..services.advisors import advisor_appoint, project_join
from ..services.balance import balance_inputs_save
from ..services.path import action_add, action_status_change, steps_recompute
from ..services.projects import project_create
from ..services.survey import answer_save

SITES = [
    # (site_id, name, type, commune insee, commune, address, lon, lat, surface m², status, owner, soil, zone, uses)
    ("08363_DEMO1", "Ancienne fonderie des Hauts-Buttés", "friche industrielle", "08363", "Revin", "Rue de la Fonderie",
     4.6402, 49.9386, 32000, "friche sans projet", "public", "pollution supposée", "U", ["residentiel", "renaturation"]),
    ("08105_DEMO1", "Gare de marchandises du Mont-Olympe", "friche ferroviaire", "08105", "Charleville-Mézières",
     "Avenue de la Gare", 4.7265, 49.7782, 18500, "friche sans projet", "public", "pollution peu probable", "U", []),
    ("08409_DEMO1", "Filature de la Meuse", "friche industrielle", "08409", "Sedan", "Quai de la Régente",
     4.9372, 49.7016, 24000, "friche sans projet", "prive", "pollution avérée", "U", ["culture", "tertiaire"]),
    ("08190_DEMO1", "Supermarché fermé de la route de Philippeville", "friche commerciale", "08190", "Givet",
     "Route de Philippeville", 4.8262, 50.1331, 9000, "friche potentielle", "prive", "pollution inexistante", "U", []),
    ("08362_DEMO1", "Quartier de l’ancienne caserne", "friche militaire", "08362", "Rethel", "Avenue Gambetta",
     4.3664, 49.5081, 45000, "friche sans projet", "public", "pollution peu probable", "AUc", ["residentiel"]),
    ("03185_DEMO1", "Blanchisserie industrielle des Marais", "friche industrielle", "03185", "Montluçon", "Rue des Marais",
     2.6062, 46.3405, 12500, "friche avec projet", "prive", "pollution traitée", "U", ["industrie"]),
    ("52448_DEMO1", "Délaissé ferroviaire de la Noue", "friche ferroviaire", "52448", "Saint-Dizier", "Chemin de la Noue",
     4.9483, 48.6380, 61000, "friche sans projet", "public", "pollution supposée", "A", ["photovoltaique"]),
    ("08363_DEMO2", "Ancienne école du Malgré-Tout", "friche enseignement", "08363", "Revin", "Place du Malgré-Tout",
     4.6330, 49.9420, 3200, "friche reconvertie", "public", "pollution inexistante", "U", ["equipements"]),
]  # fmt: skip

COMMUNES = [
    # (insee, name, population, surface ha, price €/m²): demo figures, rounded
    ("08363", "Revin", 6300, "3700", 900),
    ("08105", "Charleville-Mézières", 45000, "3130", 1350),
    ("08409", "Sedan", 16000, "1630", 1100),
    ("08190", "Givet", 6400, "1670", 1050),
    ("08362", "Rethel", 7600, "2500", 1300),
    ("03185", "Montluçon", 35000, "2070", 1150),
    ("52448", "Saint-Dizier", 23000, "5100", 1000),
]


def _square(lon: float, lat: float, surface_m2: float) -> MultiPolygon:
    half = math.sqrt(surface_m2) / 2
    dlat = half / 111_320
    dlon = half / (111_320 * math.cos(math.radians(lat)))
    ring = (
        (lon - dlon, lat - dlat),
        (lon + dlon, lat - dlat),
        (lon + dlon, lat + dlat),
        (lon - dlon, lat + dlat),
        (lon - dlon, lat - dlat),
    )
    return MultiPolygon(Polygon(ring), srid=4326)


def load_sites() -> None:
    for insee, name, population, surface, price in COMMUNES:
        CommuneStats.objects.update_or_create(
            insee=insee,
            defaults={"name": name, "population": population, "surface_ha": Decimal(surface), "price_eur_m2": price},
        )
    for site_id, name, kind, insee, commune, address, lon, lat, surface, status, owner, soil, zone, uses in SITES:
        departement = departement_of_insee(insee)
        Site.objects.get_or_create(  # created once: the services change status and holder afterwards
            site_id=site_id,
            defaults={
                "name": name,
                "site_type": kind,
                "commune_insee": insee,
                "commune_name": commune,
                "address": address,
                "departement": departement,
                "region": region_of_departement(departement) or "",
                "point": Point(lon, lat, srid=4326),
                "outline": _square(lon, lat, surface),
                "surface_m2": surface,
                "status": status,
                "owner_kind": owner,
                "soil_pollution": soil,
                "zone_type": zone,
                "intended_uses": uses,
                "source_name": "Démonstration Transition",
            },
        )


def _person(email: str, given: str, family: str, organisation: Organisation) -> User:
    user, _ = User.objects.get_or_create(
        email=email, defaults={"given_name": given, "family_name": family, "organisation": organisation}
    )
    return user


ANSWERS = [("Propriétaire", ["collectivite"]), ("Pollution", ["suspectee"]), ("Diagnostic pollution", ["non"]),
           ("Bâti", ["degrade"]), ("Amiante", ["nsp"]), ("Devenir du site", ["pistes"]), ("Ingénierie", ["etudes", "financement"])]  # fmt: skip


DEMO_BALANCE = {
    "site_buildings_m2": 6000, "site_impermeable_m2": 14000, "site_green_m2": 12000,
    "project_buildings_m2": 5000, "project_impermeable_m2": 7000, "project_green_m2": 8000, "public_green_m2": 12000,
    "decontaminated_m2": 9000, "floor_RESIDENTIAL": 9000, "floor_LOCAL_SERVICES": 600,
}  # fmt: skip


def load_people_and_project() -> None:
    revin, _ = Organisation.objects.get_or_create(name="Ville de Revin", defaults={"kind": "collectivite"})
    ddt, _ = Organisation.objects.get_or_create(name="DDT des Ardennes", defaults={"kind": "administration"})
    mayor = _person("maire.adjointe@revin.example", "Claire", "Lambert", revin)
    Membership.objects.get_or_create(user=mayor, organisation=revin, product="friches", role=Role.PORTEUR)
    advisor_user = _person("conseiller.friches@ddt08.example", "Julien", "Mercier", ddt)
    if not Advisor.objects.filter(user=advisor_user).exists():
        advisor_appoint(actor=None, user=advisor_user, organisation=ddt, departements=["08"], regions=[])
    site = Site.objects.get(site_id="08363_DEMO1")
    if site.projects.exists():
        return
    site.organisation = revin
    site.save(update_fields=["organisation"])
    project = project_create(
        actor=mayor,
        site=site,
        organisation=revin,
        name="Reconversion de l’ancienne fonderie",
        description="Des logements et un parc le long de la Meuse, sur le site de l’ancienne fonderie fermée en 2009.",
        intended_uses=["residentiel", "renaturation"],
    )
    for short, values in ANSWERS:
        question = Question.objects.filter(text_short=short).first()
        if question is not None:
            answer_save(actor=mayor, project=project, question=question, values=values)
    first = project.actions.filter(step="reperer").first()
    if first is not None:
        action_status_change(actor=mayor, action=first, status=ActionStatus.FAITE)
    project_join(actor=advisor_user, project=project)
    action_add(
        actor=advisor_user,
        project=project,
        step="connaitre",
        title="Rencontrer l’EPF pour un portage du site",
        text="L’EPF peut financer l’étude de pollution et porter le foncier pendant les études.",
    )
    Message.objects.get_or_create(
        project=project,
        author=advisor_user,
        defaults={
            "text": "Bonjour Madame Lambert, je suis votre contact à la DDT. Je vous propose un point en mairie le mois prochain."
        },
    )
    # The balance's assumptions for the project described: what the site is now, what it becomes, so
    # the demo shows every figure (reinstatement by work type, CO₂ avoided year by year).
    balance_inputs_save(actor=mayor, project=project, values=DEMO_BALANCE)
    steps_recompute(project)


def load() -> None:
    load_sites()
    load_people_and_project()
