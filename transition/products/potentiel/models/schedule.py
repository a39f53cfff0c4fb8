"""Dated tasks of a project (reminders, expiry, automatic decisions), run by the daily job."""

from django.db import models
from django.utils import timezone

__all__ = ["TacheKind", "TacheStatus", "TachePlanifiee"]


class TacheKind(models.TextChoices):
    RAPPEL_ACHEVEMENT_3 = "rappel-achèvement-trois-mois", "Rappel échéance achèvement à trois mois"
    RAPPEL_ACHEVEMENT_2 = "rappel-achèvement-deux-mois", "Rappel échéance achèvement à deux mois"
    RAPPEL_ACHEVEMENT_1 = "rappel-achèvement-un-mois", "Rappel échéance achèvement à un mois"
    ECHOIR_GARANTIES = "échoir-garanties", "Échoir les garanties financières"
    RAPPEL_ECHEANCE_GF_3 = "rappel-échéance-gf-trois-mois", "Rappel échéance garanties financières à trois mois"
    RAPPEL_ECHEANCE_GF_1 = "rappel-échéance-gf-un-mois", "Rappel échéance garanties financières à un mois"
    RAPPEL_GF_A_TRANSMETTRE = "rappel-gf-à-transmettre", "Rappel des garanties financières à transmettre"
    REPRESENTANT_LEGAL_DECISION = (
        "représentant-légal-décision",
        ("Gestion automatique de la demande de changement de représentant légal"),
    )
    REPRESENTANT_LEGAL_RAPPEL = (
        "représentant-légal-rappel",
        ("Rappel d’instruction de la demande de changement de représentant légal à deux mois"),
    )
    REPRESENTANT_LEGAL_PIECES = (
        "représentant-légal-pièces",
        "Supprimer automatiquement les pièces du changement de représentant légal à trois mois",
    )


class TacheStatus(models.TextChoices):
    PLANIFIEE = "planifiée", "Planifiée"
    EXECUTEE = "exécutée", "Exécutée"
    ANNULEE = "annulée", "Annulée"


class TachePlanifiee(models.Model):
    projet = models.ForeignKey("potentiel.Projet", on_delete=models.CASCADE, related_name="taches_planifiees")
    kind = models.CharField("tâche", max_length=40, choices=TacheKind.choices)
    due_on = models.DateField("à exécuter le", db_index=True)
    status = models.CharField("statut", max_length=12, choices=TacheStatus.choices, default=TacheStatus.PLANIFIEE)
    demande = models.ForeignKey(
        "potentiel.Demande", on_delete=models.CASCADE, null=True, blank=True, related_name="taches"
    )
    created_at = models.DateTimeField("planifiée le", default=timezone.now)
    done_at = models.DateTimeField("exécutée ou annulée le", null=True, blank=True)
    outcome = models.CharField("résultat", max_length=300, blank=True)

    class Meta:
        verbose_name = "tâche planifiée"
        verbose_name_plural = "tâches planifiées"
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["status", "due_on"], name="potentiel_tache_due")]

    def __str__(self):
        return f"{self.get_kind_display()} le {self.due_on:%d/%m/%Y} ({self.projet_id})"
