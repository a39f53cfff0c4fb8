from django.db import models


class Snapshot(models.Model):
    """The value of one indicator at the end of one day (Europe/Paris)."""

    product = models.CharField("service", max_length=40)
    key = models.CharField("indicateur", max_length=80)
    date = models.DateField("jour")
    value = models.DecimalField("valeur", max_digits=24, decimal_places=4)
    computed_at = models.DateTimeField("calculé le")

    class Meta:
        verbose_name = "relevé d’indicateur"
        verbose_name_plural = "relevés d’indicateurs"
        ordering = ["product", "key", "date"]
        constraints = [
            models.UniqueConstraint(fields=["product", "key", "date"], name="impact_snapshot_one_per_day"),
        ]
        indexes = [models.Index(fields=["product", "date"], name="impact_snapshot_product_date")]

    def __str__(self):
        return f"{self.product}/{self.key} au {self.date:%d/%m/%Y} : {self.value}"
