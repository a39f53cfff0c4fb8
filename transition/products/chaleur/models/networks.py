"""Heat and cold networks, PDP, networks under construction, as the national open data publishes them.

Geometries are stored in Lambert-93 (EPSG:2154), the projection the open data files are published
in: an import writes them as read, every eligibility distance is measured in metres in that
projection (the rule says so), and the in-memory index is built without reprojecting anything.
Only the map reprojects, once per data version, to WGS84. Lambert-93 covers mainland France and
Corsica, which is what the national dataset covers.
"""

from django.contrib.gis.db import models

from ..enums import NetworkKind

__all__ = ["Network", "NetworkUnderConstruction", "Pdp"]

SRID = 2154


class PublishedManager(models.Manager):
    """The networks the open data publishes today. One an import no longer finds is withdrawn
    (`withdrawn_at`), not deleted: its demands and its operators stay attached, through the
    base manager (`all_objects`), and it comes back as the same row if published again."""

    def get_queryset(self):
        return super().get_queryset().filter(withdrawn_at__isnull=True)


WITHDRAWN_HELP = "Absent du dernier import (lancé avec --allow-removals) : ni sur la carte, ni dans les listes."


class Network(models.Model):
    """One heat or cold network of the open data, with a trace (lines) or without (a point)."""

    Kind = NetworkKind

    # "id:<Identifiant reseau>" or "geom:<sha256 of the geometry>" where the data has no identifier.
    import_key = models.CharField("clé d’import", max_length=80, unique=True)
    national_id = models.CharField("identifiant national", max_length=20, blank=True, db_index=True)
    kind = models.CharField("type", max_length=10, choices=NetworkKind.choices, default=NetworkKind.HEAT)
    has_trace = models.BooleanField("tracé connu", default=True)
    trace = models.MultiLineStringField("tracé", srid=SRID, null=True, blank=True)
    location = models.PointField("position (réseau sans tracé)", srid=SRID, null=True, blank=True)

    name = models.CharField("nom", max_length=255, blank=True)
    communes = models.TextField("communes", blank=True)
    commune_insee_codes = models.JSONField("codes INSEE des communes", default=list, blank=True)
    departement = models.CharField("département", max_length=100, blank=True)
    region = models.CharField("région", max_length=100, blank=True)
    maitre_ouvrage = models.CharField("maître d’ouvrage", max_length=255, blank=True)
    gestionnaire = models.CharField("gestionnaire", max_length=255, blank=True)
    classified = models.BooleanField("réseau classé", null=True, blank=True)
    creation_year = models.PositiveIntegerField("année de création", null=True, blank=True)
    length_km = models.FloatField("longueur du réseau (km)", null=True, blank=True)
    delivery_points = models.PositiveIntegerField("points de livraison", null=True, blank=True)
    renewable_rate_pct = models.FloatField("taux EnR&R (%)", null=True, blank=True)
    co2_kg_per_kwh = models.FloatField("contenu CO₂ (kg/kWh)", null=True, blank=True)
    co2_lca_kg_per_kwh = models.FloatField("contenu CO₂ ACV (kg/kWh)", null=True, blank=True)
    average_price_eur_per_mwh = models.FloatField("prix moyen (€ TTC/MWh)", null=True, blank=True)
    variable_part_pct = models.FloatField("part variable (%)", null=True, blank=True)
    fixed_part_pct = models.FloatField("part fixe (%)", null=True, blank=True)
    average_price_housing_eur_per_mwh = models.FloatField("prix moyen logement (€/MWh)", null=True, blank=True)
    average_price_tertiary_eur_per_mwh = models.FloatField("prix moyen tertiaire (€/MWh)", null=True, blank=True)
    efficiency_pct = models.FloatField("rendement (%)", null=True, blank=True)
    development_pct = models.FloatField("développement du réseau (%)", null=True, blank=True)
    production_total_mwh = models.FloatField("production totale (MWh)", null=True, blank=True)
    power_total_mw = models.FloatField("puissance totale (MW)", null=True, blank=True)
    # {"gaz_naturel": 1234.0, ...} from the prod_MWh_<energy> properties, as published.
    production_mwh_by_energy = models.JSONField("production par énergie (MWh)", default=dict, blank=True)
    # {"residentiel": 1234.0, ...} from the livraisons_<sector>_MWh properties.
    deliveries_mwh_by_sector = models.JSONField("livraisons par secteur (MWh)", default=dict, blank=True)
    hot_water = models.BooleanField("eau chaude", null=True, blank=True)
    superheated_water = models.BooleanField("eau surchauffée", null=True, blank=True)
    steam = models.BooleanField("vapeur", null=True, blank=True)
    # Every property as read from the file, so nothing published is lost.
    source_properties = models.JSONField("propriétés publiées", default=dict, blank=True)

    # In the application only: staff closes a network to new connections.
    open_to_connections = models.BooleanField("ouvert aux raccordements", default=True)
    updated_at = models.DateTimeField("mis à jour le", auto_now=True)
    withdrawn_at = models.DateTimeField("retiré le", null=True, blank=True, help_text=WITHDRAWN_HELP)

    objects = PublishedManager()
    all_objects = models.Manager()

    class Meta:
        verbose_name = "réseau"
        verbose_name_plural = "réseaux"
        ordering = ["national_id", "name"]
        indexes = [models.Index(fields=["kind", "has_trace"])]

    def __str__(self) -> str:
        return f"{self.national_id} {self.name}".strip()

    @property
    def is_cold(self) -> bool:
        return self.kind == NetworkKind.COLD


class Pdp(models.Model):
    """Périmètre de développement prioritaire of a classified network."""

    import_key = models.CharField("clé d’import", max_length=80, unique=True)
    national_id = models.CharField("identifiant du réseau", max_length=20, blank=True, db_index=True)
    network = models.ForeignKey(
        Network, verbose_name="réseau", null=True, blank=True, on_delete=models.SET_NULL, related_name="pdps"
    )
    # Some perimeters also name the networks under construction they plan for.
    networks_under_construction = models.ManyToManyField(
        "NetworkUnderConstruction", verbose_name="réseaux en construction", blank=True, related_name="pdps"
    )
    geometry = models.MultiPolygonField("périmètre", srid=SRID)
    source_properties = models.JSONField("propriétés publiées", default=dict, blank=True)
    updated_at = models.DateTimeField("mis à jour le", auto_now=True)

    class Meta:
        verbose_name = "périmètre de développement prioritaire"
        verbose_name_plural = "périmètres de développement prioritaire"
        ordering = ["national_id"]

    def __str__(self) -> str:
        return f"PDP {self.national_id}".strip()


class NetworkUnderConstruction(models.Model):
    """A network being built: its planned trace, or the zone it will serve."""

    import_key = models.CharField("clé d’import", max_length=80, unique=True)
    national_id = models.CharField("identifiant national", max_length=20, blank=True, db_index=True)
    is_zone = models.BooleanField("zone", default=False)
    trace = models.MultiLineStringField("tracé", srid=SRID, null=True, blank=True)
    zone = models.MultiPolygonField("zone", srid=SRID, null=True, blank=True)
    name = models.CharField("nom", max_length=255, blank=True)
    gestionnaire = models.CharField("gestionnaire", max_length=255, blank=True)
    mise_en_service = models.CharField("mise en service", max_length=50, blank=True)
    communes = models.TextField("communes", blank=True)
    source_properties = models.JSONField("propriétés publiées", default=dict, blank=True)
    open_to_connections = models.BooleanField("ouvert aux raccordements", default=True)
    updated_at = models.DateTimeField("mis à jour le", auto_now=True)
    withdrawn_at = models.DateTimeField("retiré le", null=True, blank=True, help_text=WITHDRAWN_HELP)

    objects = PublishedManager()
    all_objects = models.Manager()

    class Meta:
        verbose_name = "réseau en construction"
        verbose_name_plural = "réseaux en construction"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name or f"Réseau en construction {self.pk}"
