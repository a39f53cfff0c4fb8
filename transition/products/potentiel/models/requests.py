"""Requests and declarations of change (abandon, délai, puissance, actionnaire, producteur,
représentant légal, recours): what the holder asked, with its documents, the status the lifecycle
table gave it, who instructs it, the reasoned decision and its letter."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..domain.changes import AUTHORITY_LABELS, KIND_LABELS, KIND_SLUGS, Authority, ChangeKind, Mode
from ..domain.lifecycle import PENDING, STATUS_LABELS, Status

__all__ = ["Demande", "DemandeDocument", "DemandeEvent"]

KIND_CHOICES = [(k.value, KIND_LABELS[k]) for k in ChangeKind]
STATUS_CHOICES = [(s.value, STATUS_LABELS[s]) for s in Status]
MODE_CHOICES = [(Mode.DEMANDE.value, "Demande"), (Mode.DECLARATION.value, "Déclaration")]
AUTHORITY_CHOICES = [(a.value, a.value.upper()) for a in Authority]


class DemandeQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status__in=[s.value for s in PENDING])


class Demande(models.Model):
    projet = models.ForeignKey("potentiel.Projet", on_delete=models.CASCADE, related_name="demandes")
    kind = models.CharField("nature", max_length=30, choices=KIND_CHOICES, db_index=True)
    mode = models.CharField("forme", max_length=30, choices=MODE_CHOICES)
    status = models.CharField("statut", max_length=30, choices=STATUS_CHOICES, db_index=True)
    authority = models.CharField("autorité compétente", max_length=10, choices=AUTHORITY_CHOICES, db_index=True)
    region = models.CharField("région du projet (code INSEE)", max_length=2, blank=True, db_index=True)
    payload = models.JSONField("changement demandé", default=dict)
    previous = models.JSONField("valeur avant le changement", default=dict, blank=True)
    reason = models.TextField("raison du changement")

    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    filed_at = models.DateTimeField("déposée le", default=timezone.now, db_index=True)
    instructed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    instruction_started_at = models.DateTimeField("instruction commencée le", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField("décidée le", null=True, blank=True)
    decision_reason = models.TextField("motifs de la décision", blank=True)
    automatic = models.BooleanField("décision automatique", default=False)
    letter = models.FileField("courrier de réponse", upload_to="potentiel/courriers/%Y/%m/", blank=True)
    letter_sha256 = models.CharField("empreinte du courrier", max_length=64, blank=True)

    # représentant légal: the automatic decision and its reminder
    automatic_decision_on = models.DateField("décision automatique le", null=True, blank=True)
    reminder_on = models.DateField("relance de l’autorité le", null=True, blank=True)
    updated_at = models.DateTimeField("modifiée le", default=timezone.now)

    objects = DemandeQuerySet.as_manager()

    class Meta:
        verbose_name = "demande de changement"
        verbose_name_plural = "demandes de changement"
        ordering = ["-filed_at"]
        indexes = [models.Index(fields=["status", "authority", "region"], name="potentiel_demande_queue")]

    def __str__(self):
        return f"{self.kind_label} — {self.projet_id} ({self.get_status_display()})"

    def save(self, *args, **kwargs):
        self.updated_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def kind_enum(self) -> ChangeKind:
        return ChangeKind(self.kind)

    @property
    def status_enum(self) -> Status:
        return Status(self.status)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind_enum]

    @property
    def slug(self) -> str:
        return KIND_SLUGS[self.kind_enum]

    @property
    def is_declaration(self) -> bool:
        return self.mode == Mode.DECLARATION

    @property
    def is_pending(self) -> bool:
        return self.status_enum in PENDING

    @property
    def status_label(self) -> str:
        if self.is_declaration:
            return "Enregistrée"
        return STATUS_LABELS[self.status_enum]

    @property
    def authority_label(self) -> str:
        return AUTHORITY_LABELS[Authority(self.authority)]


class DemandeDocument(models.Model):
    """A document the holder joined; its SHA-256 goes into the audit chain with the decision."""

    demande = models.ForeignKey(Demande, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField("fichier", upload_to="potentiel/pieces/%Y/%m/")
    name = models.CharField("nom du fichier", max_length=255)
    content_type = models.CharField("type", max_length=100)
    size = models.PositiveIntegerField("taille (octets)")
    sha256 = models.CharField("empreinte SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField("déposé le", default=timezone.now)
    deleted_at = models.DateTimeField("fichier supprimé le", null=True, blank=True)

    class Meta:
        verbose_name = "pièce justificative"
        verbose_name_plural = "pièces justificatives"
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.name


class DemandeEvent(models.Model):
    """The request's history, as the holder and the agents read it."""

    demande = models.ForeignKey(Demande, on_delete=models.CASCADE, related_name="events")
    action = models.CharField("action", max_length=40)
    status_before = models.CharField("statut avant", max_length=30, blank=True)
    status_after = models.CharField("statut après", max_length=30)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField("le", default=timezone.now)
    comment = models.TextField("commentaire", blank=True)

    class Meta:
        verbose_name = "étape d’une demande"
        verbose_name_plural = "étapes des demandes"
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.action} ({self.at:%d/%m/%Y})"
