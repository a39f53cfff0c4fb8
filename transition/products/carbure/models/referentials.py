"""The referentials: biofuels, feedstocks, countries, RED II default values and the reference
values of the emission checks. Loaded by migrations from `carbure/data/`; keyed by their codes, so
that a lot's `biofuel_id` reads "ETH" without a join."""

from django.db import models

from ..domain.vocabulary import FEEDSTOCK_CATEGORY_LABELS, choices

__all__ = ["Biofuel", "Country", "Feedstock", "GhgReferenceValue", "RedIIDefaultValue"]


class Biofuel(models.Model):
    code = models.CharField("code", max_length=16, primary_key=True)
    name = models.CharField("nom", max_length=100)
    name_en = models.CharField("nom anglais", max_length=100, blank=True)
    density_kg_l = models.FloatField("masse volumique (kg/l)")
    lhv_mj_kg = models.FloatField("PCI (MJ/kg)")
    lhv_mj_l = models.FloatField("PCI (MJ/l)")
    is_alcohol = models.BooleanField("alcool", default=False)
    is_fat = models.BooleanField("issu de corps gras", default=False)
    is_displayed = models.BooleanField("proposé dans les listes", default=True)
    compatible_gasoline = models.BooleanField("compatible essence", default=False)
    compatible_diesel = models.BooleanField("compatible gazole", default=False)
    renewable_energy_share = models.FloatField("part d’énergie renouvelable", default=1.0)
    is_saf = models.BooleanField("carburant d’aviation durable", default=False)
    allowed_for_rfc = models.BooleanField("mise à consommation possible", default=False)

    class Meta:
        verbose_name = "biocarburant"
        verbose_name_plural = "biocarburants"
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.code})"


class Feedstock(models.Model):
    code = models.CharField("code", max_length=64, primary_key=True)
    name = models.CharField("nom", max_length=120)
    name_en = models.CharField("nom anglais", max_length=120, blank=True)
    category = models.CharField("catégorie", max_length=16, choices=choices(FEEDSTOCK_CATEGORY_LABELS))
    compatible_alcohol = models.BooleanField("compatible avec les alcools", default=False)
    compatible_fat = models.BooleanField("compatible avec les corps gras", default=False)
    is_double_counting = models.BooleanField("éligible au double comptage", default=False)
    is_vegetable_oil = models.BooleanField("huile végétale", default=False)
    is_displayed = models.BooleanField("proposée dans les listes", default=True)

    class Meta:
        verbose_name = "matière première"
        verbose_name_plural = "matières premières"
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.code})"


class Country(models.Model):
    code = models.CharField("code ISO", max_length=3, primary_key=True)
    name = models.CharField("nom", max_length=100)
    name_en = models.CharField("nom anglais", max_length=100, blank=True)
    is_in_europe = models.BooleanField("en Europe (contrôles)", default=False)

    class Meta:
        verbose_name = "pays"
        verbose_name_plural = "pays"
        ordering = ["name"]

    def __str__(self):
        return self.name


class RedIIDefaultValue(models.Model):
    """RED II annex V: typical and default values of a production pathway (gCO2eq/MJ)."""

    biofuel_code = models.CharField("filière", max_length=16)
    biofuel_name = models.CharField("biocarburant", max_length=100)
    feedstock_code = models.CharField("matière première (code)", max_length=64, blank=True)
    feedstock_name = models.CharField("matière première", max_length=120)
    condition = models.TextField("procédé", blank=True)
    eec_typical = models.FloatField()
    eec_default = models.FloatField()
    ep_typical = models.FloatField()
    ep_default = models.FloatField()
    etd_typical = models.FloatField()
    etd_default = models.FloatField()

    class Meta:
        verbose_name = "valeur par défaut RED II"
        verbose_name_plural = "valeurs par défaut RED II"
        ordering = ["biofuel_code", "feedstock_name", "id"]

    def __str__(self):
        return f"{self.biofuel_name} — {self.feedstock_name}"


class GhgReferenceValue(models.Model):
    """The default value an emission check compares with: etd and eec by feedstock, ep by
    feedstock and biofuel (minimum and maximum over the pathways)."""

    term = models.CharField("terme", max_length=3, choices=[("etd", "etd"), ("eec", "eec"), ("ep", "ep")])
    feedstock = models.ForeignKey(Feedstock, on_delete=models.CASCADE, related_name="+")
    biofuel = models.ForeignKey(Biofuel, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    default_min = models.FloatField("valeur minimale")
    default_max = models.FloatField("valeur maximale")

    class Meta:
        verbose_name = "valeur de référence d’émissions"
        verbose_name_plural = "valeurs de référence d’émissions"
        constraints = [
            models.UniqueConstraint(fields=["term", "feedstock", "biofuel"], name="carbure_ghg_reference_unique")
        ]

    def __str__(self):
        return f"{self.term} {self.feedstock_id} {self.biofuel_id or ''}".strip()
