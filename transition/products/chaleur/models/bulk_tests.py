"""Files of addresses tested at once, and the answer for each address."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..enums import BulkTestStatus

__all__ = ["BulkTest", "BulkTestRow"]


class BulkTest(models.Model):
    """A file of addresses tested at once for an operator or a collectivité."""

    Status = BulkTestStatus

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
    status = models.CharField("état", max_length=10, choices=BulkTestStatus.choices, default=BulkTestStatus.PENDING)
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
