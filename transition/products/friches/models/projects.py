"""A project: an authority's work to bring one site back to use, with what it has said of the
project (intended uses, socio-economic inputs) and when it was last heard of."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .sites import Site

__all__ = ["Project"]


class Project(models.Model):
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="projects", verbose_name="site")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="friches_projects", verbose_name="collectivité"
    )
    name = models.CharField("nom du projet", max_length=255)
    description = models.TextField("le projet en quelques mots", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("créé le", default=timezone.now)
    last_news_at = models.DateTimeField("dernière nouvelle", default=timezone.now)
    whats_up_sent_at = models.DateTimeField("dernier « Où en êtes-vous ? »", null=True, blank=True)
    new_reco_sent_at = models.DateTimeField("dernier rappel des recommandations", null=True, blank=True)
    share_token = models.CharField("lien de partage", max_length=64, unique=True, null=True, blank=True)
    impact_inputs = models.JSONField("hypothèses du bilan socio-économique", default=dict, blank=True)
    archived_at = models.DateTimeField("archivé le", null=True, blank=True)

    class Meta:
        verbose_name = "projet"
        ordering = ["-last_news_at"]

    def __str__(self):
        return self.name
