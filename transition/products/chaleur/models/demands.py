"""Connection demands, agencies (ALEC), condominiums registry, ambassadors, bulk tests.

How an operator organisation is tied to its networks: an explicit `NetworkOperator` row
(organisation × network, or network under construction), created by staff in the admin or by the
demo. The `Gestionnaire` text of the open data is not trusted for access: names vary between
files and a match on text would hand demands to the wrong company.
A collectivité sees the demands of its territory, the INSEE codes listed in `Territory`.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..domain.demand_status import STATUS_CHOICES, DemandStatus
from ..domain.eligibility_messages import Heating
from .networks import Network, NetworkUnderConstruction

__all__ = [
    "Agency",
    "Ambassador",
    "AmbassadorMessage",
    "BulkTest",
    "BulkTestRow",
    "Copropriete",
    "Demand",
    "DemandEvent",
    "EligibilityTestDay",
    "NetworkOperator",
    "PartnerToken",
    "Territory",
]


class StructureType(models.TextChoices):
    COPROPRIETE = "copropriete", "Copropriété"
    BAILLEUR = "bailleur_social", "Bailleur social"
    TERTIAIRE = "tertiaire", "Tertiaire (bureaux, commerces…)"
    MAISON = "maison_individuelle", "Maison individuelle"
    COLLECTIVITE = "collectivite", "Bâtiment public"
    AUTRE = "autre", "Autre"


class HeatingEnergy(models.TextChoices):
    GAZ = "gaz", "Gaz"
    FIOUL = "fioul", "Fioul"
    ELECTRICITE = "electricite", "Électricité"
    BOIS = "bois", "Bois"
    RESEAU = "reseau", "Réseau de chaleur"
    AUTRE = "autre", "Autre"
    INCONNU = "inconnu", "Je ne sais pas"


class HeatingType(models.TextChoices):
    # Spelt once, by the rule that words the result page: a demand's heating and a test's agree.
    COLLECTIF = Heating.COLLECTIVE.value, "Collectif"
    INDIVIDUEL = Heating.INDIVIDUAL.value, "Individuel"
    INCONNU = "inconnu", "Je ne sais pas"


class ConstructionPeriod(models.TextChoices):
    AVANT_1949 = "avant_1949", "Avant 1949"
    P1949_1974 = "1949_1974", "De 1949 à 1974"
    P1975_1993 = "1975_1993", "De 1975 à 1993"
    P1994_2000 = "1994_2000", "De 1994 à 2000"
    P2001_2010 = "2001_2010", "De 2001 à 2010"
    APRES_2010 = "apres_2010", "Après 2010"
    INCONNUE = "inconnue", "Inconnue"


class Agency(models.Model):
    """A local energy agency (ALEC, Espace Conseil France Rénov’) and the territory it covers."""

    name = models.CharField("nom", max_length=255)
    email = models.EmailField("adresse électronique")
    phone = models.CharField("téléphone", max_length=30, blank=True)
    website = models.URLField("site internet", blank=True)
    communes = models.JSONField("communes couvertes (codes INSEE)", default=list, blank=True)
    departements = models.JSONField("départements couverts", default=list, blank=True)
    active = models.BooleanField("active", default=True)
    # Members of this organisation with the role `alec` read the demands sent to the agency.
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name="organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chaleur_agencies",
    )

    class Meta:
        verbose_name = "agence locale de l’énergie"
        verbose_name_plural = "agences locales de l’énergie"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Copropriete(models.Model):
    """A condominium of the registry, the source of prospects."""

    registry_id = models.CharField("numéro d’immatriculation", max_length=30, unique=True)
    name = models.CharField("nom", max_length=255, blank=True)
    address = models.CharField("adresse", max_length=255)
    citycode = models.CharField("code INSEE", max_length=5, blank=True, db_index=True)
    lon = models.FloatField("longitude")
    lat = models.FloatField("latitude")
    # Lambert-93 kept beside lon/lat: the prospects query narrows by these indexed columns.
    x_l93 = models.FloatField("X Lambert-93", db_index=True)
    y_l93 = models.FloatField("Y Lambert-93", db_index=True)
    lots_count = models.PositiveIntegerField("nombre de lots", null=True, blank=True)
    dwellings_count = models.PositiveIntegerField("nombre de logements", null=True, blank=True)
    construction_period = models.CharField(
        "période de construction",
        max_length=20,
        choices=ConstructionPeriod.choices,
        default=ConstructionPeriod.INCONNUE,
    )
    heating_type = models.CharField(
        "chauffage", max_length=20, choices=HeatingType.choices, default=HeatingType.INCONNU
    )
    heating_energy = models.CharField(
        "énergie de chauffage", max_length=20, choices=HeatingEnergy.choices, default=HeatingEnergy.INCONNU
    )
    syndic = models.CharField("syndic", max_length=255, blank=True)
    imported_at = models.DateTimeField("importée le", default=timezone.now)

    class Meta:
        verbose_name = "copropriété"
        verbose_name_plural = "copropriétés (registre)"
        ordering = ["registry_id"]

    def __str__(self) -> str:
        return f"{self.registry_id} {self.name}".strip()


class NetworkOperator(models.Model):
    """Which organisation operates which network: its members with the role `gestionnaire` see
    the demands assigned to that network."""

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name="organisation", on_delete=models.CASCADE, related_name="chaleur_networks"
    )
    network = models.ForeignKey(
        Network, verbose_name="réseau", null=True, blank=True, on_delete=models.CASCADE, related_name="operators"
    )
    network_under_construction = models.ForeignKey(
        NetworkUnderConstruction,
        verbose_name="réseau en construction",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="operators",
    )

    class Meta:
        verbose_name = "gestionnaire de réseau"
        verbose_name_plural = "gestionnaires de réseaux"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(network__isnull=False) | models.Q(network_under_construction__isnull=False),
                name="chaleur_operator_has_network",
            ),
            models.UniqueConstraint(fields=["organisation", "network"], name="chaleur_operator_network_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.network or self.network_under_construction}"


class Territory(models.Model):
    """The communes a collectivité sees the demands of."""

    organisation = models.OneToOneField(
        "accounts.Organisation", verbose_name="collectivité", on_delete=models.CASCADE, related_name="chaleur_territory"
    )
    insee_codes = models.JSONField("communes (codes INSEE)", default=list)

    class Meta:
        verbose_name = "territoire d’une collectivité"
        verbose_name_plural = "territoires des collectivités"

    def __str__(self) -> str:
        return f"{self.organisation} ({len(self.insee_codes)} communes)"


class Demand(models.Model):
    """A connection request, with the eligibility of its address as it stood when it was sent."""

    created_at = models.DateTimeField("créée le", default=timezone.now, db_index=True)
    updated_at = models.DateTimeField("modifiée le", default=timezone.now, db_index=True)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="compte du demandeur",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chaleur_demands",
    )
    # Contact
    first_name = models.CharField("prénom", max_length=150)
    last_name = models.CharField("nom", max_length=150)
    email = models.EmailField("adresse électronique", db_index=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    structure_type = models.CharField("type de structure", max_length=30, choices=StructureType.choices)
    company = models.CharField("structure (syndic, bailleur…)", max_length=255, blank=True)
    # Building
    address = models.CharField("adresse", max_length=255)
    citycode = models.CharField("code INSEE", max_length=5, blank=True, db_index=True)
    lon = models.FloatField("longitude")
    lat = models.FloatField("latitude")
    heating_energy = models.CharField("énergie de chauffage", max_length=20, choices=HeatingEnergy.choices)
    heating_type = models.CharField("type de chauffage", max_length=20, choices=HeatingType.choices)
    dwellings_count = models.PositiveIntegerField("nombre de logements", null=True, blank=True)
    surface_m2 = models.PositiveIntegerField("surface (m²)", null=True, blank=True)
    consumption_mwh = models.DecimalField(
        "consommation (MWh/an)", max_digits=10, decimal_places=1, null=True, blank=True
    )
    comment = models.TextField("commentaire du demandeur", blank=True)
    # Eligibility snapshot (recomputed server-side when the demand is sent)
    eligibility_type = models.CharField("type d’éligibilité", max_length=50)
    eligible = models.BooleanField("éligible")
    distance_m = models.PositiveIntegerField("distance au réseau (m)", null=True, blank=True)
    in_pdp = models.BooleanField("dans un PDP", default=False)
    eligibility_snapshot = models.JSONField("éligibilité au moment de la demande", default=dict)
    # Routing
    network = models.ForeignKey(
        Network, verbose_name="réseau", null=True, blank=True, on_delete=models.SET_NULL, related_name="demands"
    )
    network_under_construction = models.ForeignKey(
        NetworkUnderConstruction,
        verbose_name="réseau en construction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="demands",
    )
    status = models.CharField("statut", max_length=30, choices=STATUS_CHOICES, default=DemandStatus.A_TRAITER)
    operator_comment = models.TextField("commentaire du gestionnaire", blank=True)
    wants_agency_advice = models.BooleanField("souhaite un conseil de l’agence locale", default=False)
    agency = models.ForeignKey(
        Agency, verbose_name="agence locale", null=True, blank=True, on_delete=models.SET_NULL, related_name="demands"
    )
    wants_operator_contact = models.BooleanField("souhaite être contacté par le gestionnaire", default=True)
    # Emails already sent, so that every job can run twice without sending twice.
    operator_notified_at = models.DateTimeField("signalée au gestionnaire le", null=True, blank=True)
    reminder_sent_at = models.DateTimeField("relance gestionnaire le", null=True, blank=True)
    followup_days_sent = models.JSONField("relances du demandeur envoyées (jours)", default=list, blank=True)
    anonymised_at = models.DateTimeField("anonymisée le", null=True, blank=True)

    class Meta:
        verbose_name = "demande de raccordement"
        verbose_name_plural = "demandes de raccordement"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"Demande {self.pk} — {self.address}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def reference(self) -> str:
        return f"FCU-{self.pk:06d}" if self.pk else ""


class DemandEvent(models.Model):
    """What happened to a demand: status changes, comments, corrections, emails. Shown as its
    history; the audit log keeps the tamper-evident copy."""

    class Kind(models.TextChoices):
        CREATED = "created", "Création"
        STATUS = "status", "Changement de statut"
        COMMENT = "comment", "Commentaire"
        CORRECTION = "correction", "Correction"
        EMAIL = "email", "Courriel au demandeur"
        AMBASSADOR = "ambassador", "Ambassadeur"

    demand = models.ForeignKey(Demand, on_delete=models.CASCADE, related_name="events")
    created_at = models.DateTimeField("le", default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="par", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField("type", max_length=20, choices=Kind.choices)
    from_status = models.CharField("ancien statut", max_length=30, choices=STATUS_CHOICES, blank=True)
    to_status = models.CharField("nouveau statut", max_length=30, choices=STATUS_CHOICES, blank=True)
    text = models.TextField("texte", blank=True)
    data = models.JSONField("détails", default=dict, blank=True)

    class Meta:
        verbose_name = "événement d’une demande"
        verbose_name_plural = "événements des demandes"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — demande {self.demand_id}"


class Ambassador(models.Model):
    """A connected condominium that agreed to share its experience."""

    demand = models.OneToOneField(Demand, on_delete=models.CASCADE, related_name="ambassador")
    display_name = models.CharField("nom affiché", max_length=150)
    testimony = models.TextField("témoignage", blank=True)
    active = models.BooleanField("actif", default=True)
    created_at = models.DateTimeField("depuis le", default=timezone.now)

    class Meta:
        verbose_name = "ambassadeur"
        verbose_name_plural = "ambassadeurs"
        ordering = ["display_name"]

    def __str__(self) -> str:
        return self.display_name


class AmbassadorMessage(models.Model):
    """A message from someone interested to an ambassador, relayed by the platform: neither
    email address is shown to the other side until the ambassador answers."""

    ambassador = models.ForeignKey(Ambassador, on_delete=models.CASCADE, related_name="messages")
    sender_name = models.CharField("nom", max_length=150)
    sender_email = models.EmailField("adresse électronique")
    body = models.TextField("message")
    created_at = models.DateTimeField("envoyé le", default=timezone.now)
    # The ambassador answers through a link carrying this token (only its hash is stored).
    reply_token_hash = models.CharField(max_length=64, unique=True)
    reply_body = models.TextField("réponse", blank=True)
    replied_at = models.DateTimeField("répondu le", null=True, blank=True)

    class Meta:
        verbose_name = "message à un ambassadeur"
        verbose_name_plural = "messages aux ambassadeurs"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Message à {self.ambassador} du {self.created_at:%d/%m/%Y}"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_new() -> str:
    return secrets.token_urlsafe(32)


class BulkTest(models.Model):
    """A file of addresses tested at once for an operator or a collectivité."""

    class Status(models.TextChoices):
        PENDING = "pending", "En attente"
        RUNNING = "running", "En cours"
        DONE = "done", "Terminé"
        FAILED = "failed", "Échec"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="demandé par",
        on_delete=models.CASCADE,
        related_name="chaleur_bulk_tests",
    )
    created_at = models.DateTimeField("créé le", default=timezone.now)
    file = models.FileField("fichier", upload_to="chaleur/tests-adresses/%Y/%m/")
    # The results as XLSX, written by the job (and again by a re-check that changed something).
    result_file = models.FileField("résultats (XLSX)", upload_to="chaleur/tests-adresses/%Y/%m/", blank=True)
    original_name = models.CharField("nom du fichier", max_length=255)
    delimiter = models.CharField("séparateur", max_length=2, blank=True)
    has_header = models.BooleanField("ligne d’en-tête", default=True)
    address_columns = models.JSONField("colonnes d’adresse", default=list, blank=True)
    lat_column = models.PositiveIntegerField("colonne latitude", null=True, blank=True)
    lon_column = models.PositiveIntegerField("colonne longitude", null=True, blank=True)
    status = models.CharField("état", max_length=10, choices=Status.choices, default=Status.PENDING)
    total_rows = models.PositiveIntegerField("adresses", default=0)
    processed_rows = models.PositiveIntegerField("adresses traitées", default=0)
    eligible_rows = models.PositiveIntegerField("adresses éligibles", default=0)
    error = models.TextField("erreur", blank=True)
    data_version = models.PositiveIntegerField("version des réseaux utilisée", default=0)
    finished_at = models.DateTimeField("terminé le", null=True, blank=True)
    rechecked_at = models.DateTimeField("revérifié le", null=True, blank=True)
    changed_rows = models.PositiveIntegerField("adresses changées à la dernière vérification", default=0)
    email_sent_at = models.DateTimeField("courriel envoyé le", null=True, blank=True)

    class Meta:
        verbose_name = "test d’adresses en masse"
        verbose_name_plural = "tests d’adresses en masse"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.created_at:%d/%m/%Y})"

    @property
    def progress_pct(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.total_rows:
            return 0
        return min(100, self.processed_rows * 100 // self.total_rows)


class BulkTestRow(models.Model):
    """One address of a bulk test and its answer (`outcome`: domain.bulk_results.BulkOutcome)."""

    bulk_test = models.ForeignKey(BulkTest, on_delete=models.CASCADE, related_name="rows")
    line = models.PositiveIntegerField("ligne")
    address = models.CharField("adresse", max_length=255)
    tested_label = models.CharField("adresse testée", max_length=255, blank=True)
    score = models.FloatField("score du géocodage", null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    lat = models.FloatField(null=True, blank=True)
    citycode = models.CharField(max_length=5, blank=True)
    error = models.CharField("erreur", max_length=255, blank=True)
    eligible = models.BooleanField("éligible", default=False)
    outcome = models.JSONField("résultat", null=True, blank=True)
    changes = models.JSONField("changements à la dernière vérification", default=list, blank=True)
    changed_at = models.DateTimeField("changé le", null=True, blank=True)

    class Meta:
        verbose_name = "adresse d’un test en masse"
        verbose_name_plural = "adresses des tests en masse"
        ordering = ["bulk_test", "line"]
        indexes = [models.Index(fields=["bulk_test", "line"])]

    def __str__(self) -> str:
        return f"{self.bulk_test_id}:{self.line} {self.address}"


class PartnerToken(models.Model):
    """A secret for the partner API, one per organisation; only its SHA-256 is stored."""

    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="chaleur_partner_token"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField("début du jeton", max_length=8)
    created_at = models.DateTimeField("créé le", default=timezone.now)
    last_used_at = models.DateTimeField("dernière utilisation", null=True, blank=True)

    class Meta:
        verbose_name = "jeton d’API partenaire"
        verbose_name_plural = "jetons d’API partenaire"

    def __str__(self) -> str:
        return f"{self.organisation} ({self.prefix}…)"


class EligibilityTestDay(models.Model):
    """Addresses tested per day and how many were eligible, for the impact indicators.
    A counter, not a log: no address is kept."""

    day = models.DateField("jour")
    source = models.CharField("origine", max_length=20)  # "page", "api", "demande", "masse"
    tested = models.PositiveIntegerField("adresses testées", default=0)
    eligible = models.PositiveIntegerField("adresses éligibles", default=0)

    class Meta:
        verbose_name = "tests d’éligibilité du jour"
        verbose_name_plural = "tests d’éligibilité par jour"
        constraints = [models.UniqueConstraint(fields=["day", "source"], name="chaleur_eligibility_day_unique")]

    def __str__(self) -> str:
        return f"{self.day} {self.source} : {self.eligible}/{self.tested}"
