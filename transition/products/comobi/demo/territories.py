"""The demo's territories: communes (real INSEE codes, centres to about a hundred metres), local
place names, texts, team. Then each territory's people, trips and requests (demo/activity.py)."""

from django.db import transaction

from transition.platform.accounts.enums import OrganisationKind
from transition.platform.accounts.models import Membership, Organisation, User

from ..enums import PRODUCT, Role, TerritoryKind
from ..models import Place, Territory, TerritoryCommune
from .activity import LOT_ACTIVITY, SAINT_ELOY_ACTIVITY, activity_load

LOT = {
    "slug": "lot",
    "name": "Lot — covoiturage solidaire",
    "kind": TerritoryKind.DEPARTEMENT,
    "organisation": "Département du Lot",
    "phone": "+33565530000",
    "email": "covoiturage-solidaire@lot.example",
    "welcome": (
        "Pas de voiture pour aller chez le médecin, à un entretien ou au marché ? Des habitants du Lot qui font "
        "le trajet vous emmènent. Cherchez un conducteur ci-dessous, ou appelez la plateforme mobilité : "
        "elle s’occupe de tout, du lundi au vendredi de 9 h à 17 h."
    ),
    "communes": [
        ("46042", "Cahors", 44.4475, 1.4419),
        ("46102", "Figeac", 44.6086, 2.0317),
        ("46128", "Gramat", 44.7817, 1.7256),
        ("46127", "Gourdon", 44.7372, 1.3833),
        ("46309", "Souillac", 44.8969, 1.4767),
        ("46251", "Saint-Céré", 44.8617, 1.8939),
        ("46240", "Rocamadour", 44.7994, 1.6181),
        ("46143", "Lacapelle-Marival", 44.7281, 1.9269),
        ("46038", "Bretenoux", 44.9147, 1.8392),
        ("46045", "Cajarc", 44.4858, 1.8428),
        ("46148", "Lalbenque", 44.3386, 1.5464),
        ("46009", "Assier", 44.6736, 1.8778),
        ("46176", "Livernon", 44.6506, 1.8575),
        ("46160", "Latronquière", 44.7994, 2.0789),
        ("46170", "Leyme", 44.7856, 1.9003),
        ("46318", "Thémines", 44.7397, 1.8283),
        ("46055", "Capdenac", 44.5792, 2.0733),
    ],
    "places": [
        ("Hôpital de Figeac", "centre hospitalier de Figeac, hopital figeac", 44.6044, 2.0261),
        ("Hôpital de Cahors", "centre hospitalier Jean-Rougier, hopital cahors", 44.4511, 1.4364),
        ("Gare de Gramat", "gare gramat", 44.7764, 1.7218),
        ("Pharmacie de Gramat", "pharmacie gramat", 44.7797, 1.7269),
        ("France Travail Figeac", "pole emploi figeac, agence france travail de Figeac", 44.6079, 2.0355),
        ("Lycée Champollion", "lycee de Figeac", 44.6114, 2.0339),
        ("Marché de Saint-Céré", "place du mercadial", 44.8606, 1.8925),
        ("Maison France Services de Lacapelle-Marival", "france services lacapelle", 44.7275, 1.9261),
    ],
    "team": [
        ("martine.lacombe@lot.example", "Martine", "Lacombe", Role.MEDIATEUR),
        ("julien.bessieres@lot.example", "Julien", "Bessières", Role.MEDIATEUR),
        ("claire.roques@lot.example", "Claire", "Roques", Role.ADMINISTRATEUR),
    ],
    "activity": LOT_ACTIVITY,
}

SAINT_ELOY = {
    "slug": "pays-de-saint-eloy",
    "name": "Pays de Saint-Éloy",
    "kind": TerritoryKind.INTERCOMMUNALITE,
    "organisation": "Communauté de communes du Pays de Saint-Éloy",
    "phone": "+33473850000",
    "email": "mobilite@pays-saint-eloy.example",
    "welcome": (
        "Entre les Combrailles et Montluçon, le covoiturage solidaire vous emmène à vos rendez-vous : médecin, "
        "France Travail, formation, courses. Un habitant qui fait le trajet vous prend en passant."
    ),
    "communes": [
        ("63338", "Saint-Éloy-les-Mines", 46.1569, 2.8294),
        ("63354", "Saint-Gervais-d’Auvergne", 46.0294, 2.8153),
        ("63281", "Pionsat", 46.1097, 2.6931),
        ("63223", "Menat", 46.1000, 2.9056),
        ("63233", "Montaigut", 46.1778, 2.8111),
        ("63471", "Youx", 46.1439, 2.7994),
        ("63419", "Servant", 46.1425, 2.9294),
        ("63025", "Ayat-sur-Sioule", 46.0592, 2.8947),
        ("63171", "Gouttières", 46.0628, 2.7733),
        ("63041", "Biollet", 46.0000, 2.7056),
        ("63388", "Saint-Priest-des-Champs", 46.0261, 2.7664),
    ],
    "places": [
        ("Hôpital de Montluçon", "centre hospitalier de Montluçon, hopital montlucon", 46.3486, 2.6047),
        ("Montluçon", "montlucon", 46.3408, 2.6039),
        ("Riom", "", 45.8936, 3.1131),
        ("Hôpital de Riom", "centre hospitalier de Riom", 45.8906, 3.1169),
        ("Gare de Riom", "gare riom", 45.8917, 3.1206),
        ("Maison de santé de Saint-Gervais", "msp saint-gervais", 46.0289, 2.8167),
        ("France Services de Saint-Éloy", "france services saint eloy", 46.1575, 2.8300),
        ("Supermarché de Saint-Éloy", "", 46.1520, 2.8352),
    ],
    "team": [
        ("sylvie.chassagne@pays-saint-eloy.example", "Sylvie", "Chassagne", Role.MEDIATEUR),
        ("yannick.faure@pays-saint-eloy.example", "Yannick", "Faure", Role.ADMINISTRATEUR),
    ],
    "activity": SAINT_ELOY_ACTIVITY,
}


def _member(organisation: Organisation, email: str, given: str, family: str, role: str) -> User:
    user = User.objects.filter(email=email).first() or User.objects.create_user(
        email=email, given_name=given, family_name=family
    )
    Membership.objects.get_or_create(user=user, organisation=organisation, product=PRODUCT, role=role)
    if role == Role.ADMINISTRATEUR:  # the demo's administrators also mediate
        Membership.objects.get_or_create(user=user, organisation=organisation, product=PRODUCT, role=Role.MEDIATEUR)
    return user


@transaction.atomic
def territory_load(spec: dict) -> Territory | None:
    if Territory.objects.filter(slug=spec["slug"]).exists():
        return None
    organisation = Organisation.objects.create(name=spec["organisation"], kind=OrganisationKind.COLLECTIVITE)
    territory = Territory.objects.create(
        organisation=organisation,
        slug=spec["slug"],
        name=spec["name"],
        kind=spec["kind"],
        phone=spec["phone"],
        email=spec["email"],
        welcome_text=spec["welcome"],
        is_open=True,
    )
    TerritoryCommune.objects.bulk_create(
        TerritoryCommune(territory=territory, insee_code=code, name=name, lat=lat, lon=lon)
        for code, name, lat, lon in spec["communes"]
    )
    Place.objects.bulk_create(
        Place(territory=territory, name=name, aliases=aliases, lat=lat, lon=lon)
        for name, aliases, lat, lon in spec["places"]
    )
    team = [_member(organisation, *member) for member in spec["team"]]
    activity_load(territory, spec["activity"], mediators=team)
    return territory


def demo_territories_load() -> None:
    for spec in (LOT, SAINT_ELOY):
        territory_load(spec)
