"""A project: the candidature the CRE ranked, then (once notified) the lauréat or éliminé the
State follows. One row per identifiant `AO#Période#Famille#NuméroCRE`."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..domain.identifiers import build
from ..domain.referential import CDC_INITIAL
from ..enums import HistoriqueAbandon, Statut, StatutCandidature, StatutLaureat, Technologie, TypeGaranties

__all__ = ["CandidaturesImport", "Projet"]


class CandidaturesImport(models.Model):
    """One imported CRE file: who, when, what it held (the file itself is not kept)."""

    filename = models.CharField("fichier", max_length=255)
    sha256 = models.CharField("empreinte SHA-256", max_length=64)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    imported_at = models.DateTimeField("importé le", default=timezone.now)
    rows = models.PositiveIntegerField("lignes", default=0)
    created = models.PositiveIntegerField("créées", default=0)
    updated = models.PositiveIntegerField("corrigées", default=0)
    unchanged = models.PositiveIntegerField("inchangées", default=0)
    periodes = models.JSONField("périodes", default=list)

    class Meta:
        verbose_name = "import de candidatures"
        verbose_name_plural = "imports de candidatures"
        ordering = ["-imported_at"]

    def __str__(self):
        return f"{self.filename} ({self.imported_at:%d/%m/%Y %H:%M})"


class Projet(models.Model):
    identifiant = models.CharField("identifiant", max_length=300, unique=True)
    appel_offres = models.ForeignKey("potentiel.AppelOffres", on_delete=models.PROTECT, related_name="projets")
    periode = models.ForeignKey("potentiel.Periode", on_delete=models.PROTECT, related_name="projets")
    famille = models.CharField("famille", max_length=20, blank=True)
    numero_cre = models.CharField("numéro CRE", max_length=100)

    # The candidature, as the CRE's file gives it (corrected by re-importing the period).
    nom_projet = models.CharField("nom du projet", max_length=300)
    nom_candidat = models.CharField("candidat", max_length=300)
    societe_mere = models.CharField("société mère", max_length=300, blank=True)
    nom_representant_legal = models.CharField("représentant légal", max_length=300)
    email_contact = models.EmailField("adresse électronique du contact")
    adresse1 = models.CharField("adresse (ligne 1)", max_length=300, blank=True)
    adresse2 = models.CharField("adresse (ligne 2)", max_length=300, blank=True)
    code_postal = models.CharField("code postal", max_length=100)
    commune = models.CharField("commune", max_length=200)
    departement = models.CharField("département", max_length=3, blank=True, db_index=True)
    region = models.CharField("région (code INSEE)", max_length=2, blank=True, db_index=True)
    puissance_candidature = models.DecimalField("puissance à la candidature", max_digits=14, decimal_places=6)
    prix_reference = models.DecimalField("prix de référence (€/MWh)", max_digits=14, decimal_places=4)
    note_totale = models.DecimalField("note totale", max_digits=10, decimal_places=4)
    technologie = models.CharField("technologie", max_length=20, choices=Technologie.choices, default=Technologie.NA)
    statut_candidature = models.CharField("classement", max_length=10, choices=StatutCandidature.choices)
    motif_elimination = models.TextField("motif d’élimination", blank=True)
    historique_abandon = models.CharField(
        "historique d’abandon", max_length=40, choices=HistoriqueAbandon.choices, blank=True
    )
    type_garanties = models.CharField(
        "type de garanties financières", max_length=40, choices=TypeGaranties.choices, blank=True
    )
    date_echeance_garanties = models.DateField("échéance des garanties financières", null=True, blank=True)
    actionnariat = models.CharField("actionnariat", max_length=60, blank=True)
    volume_reserve = models.BooleanField("volume réservé", null=True, blank=True)
    numero_identification = models.CharField("SIREN ou SIRET", max_length=14, blank=True)
    details = models.JSONField("autres champs de la candidature", default=dict, blank=True)
    import_batch = models.ForeignKey(
        CandidaturesImport, on_delete=models.SET_NULL, null=True, blank=True, related_name="projets"
    )

    # What the State follows once notified.
    statut = models.CharField("statut", max_length=10, choices=Statut.choices, db_index=True)
    statut_laureat = models.CharField("statut du lauréat", max_length=10, choices=StatutLaureat.choices, blank=True)
    puissance = models.DecimalField("puissance actuelle", max_digits=14, decimal_places=6)
    cahier_des_charges = models.CharField("cahier des charges choisi", max_length=40, default=CDC_INITIAL)
    date_notification = models.DateField("notifié le", null=True, blank=True, db_index=True)
    notified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    date_achevement_previsionnelle = models.DateField("achèvement prévisionnel", null=True, blank=True)
    date_achevement_reelle = models.DateField("achèvement réel", null=True, blank=True)
    attestation = models.FileField("attestation de désignation", upload_to="potentiel/attestations/", blank=True)
    attestation_sha256 = models.CharField("empreinte de l’attestation", max_length=64, blank=True)

    created_at = models.DateTimeField("créé le", default=timezone.now)
    updated_at = models.DateTimeField("modifié le", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "projet"
        verbose_name_plural = "projets"
        ordering = ["appel_offres_id", "periode__rank", "famille", "numero_cre"]
        indexes = [
            models.Index(fields=["appel_offres", "periode", "statut"], name="potentiel_projet_ao_per_st"),
            models.Index(fields=["updated_at", "id"], name="potentiel_projet_updated"),
            models.Index(fields=["email_contact"], name="potentiel_projet_contact"),
            # The administration's keyset order within an appel d'offres (selectors/projects.py);
            # the search's trigram indexes are PostgreSQL-only, in migration 0004.
            models.Index(fields=["appel_offres", "identifiant"], name="potentiel_projet_ao_ident"),
        ]

    def __str__(self):
        return f"{self.nom_projet} ({self.identifiant_lisible})"

    def save(self, *args, **kwargs):
        self.updated_at = timezone.now()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "updated_at"}
        super().save(*args, **kwargs)

    @property
    def ident(self):
        return build(self.appel_offres_id, self.periode.identifiant, self.famille, self.numero_cre)

    @property
    def identifiant_lisible(self) -> str:
        return self.ident.lisible

    @property
    def notified(self) -> bool:
        return self.date_notification is not None

    @property
    def is_laureat(self) -> bool:
        return self.statut == Statut.LAUREAT

    @property
    def is_active_laureat(self) -> bool:
        return self.statut == Statut.LAUREAT and self.statut_laureat == StatutLaureat.ACTIF
