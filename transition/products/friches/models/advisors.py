"""Advisors: who they are and which territory they follow, the projects they joined, their private
notes and their reminders."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .projects import Project

__all__ = ["Advisor", "AdvisorNote", "AdvisorReminder", "ProjectAdvisor"]


class Advisor(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="friches_advisor")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    departements = models.JSONField("départements suivis", default=list, blank=True)
    regions = models.JSONField("régions suivies", default=list, blank=True)
    active = models.BooleanField("en activité", default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "conseiller"

    def __str__(self):
        return f"{self.user} ({self.organisation})"


class ProjectAdvisor(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="advisors")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="friches_projects")
    joined_at = models.DateTimeField("a rejoint le", default=timezone.now)

    class Meta:
        verbose_name = "conseiller du projet"
        verbose_name_plural = "conseillers du projet"
        constraints = [models.UniqueConstraint(fields=["project", "user"], name="friches_project_advisor_unique")]

    def __str__(self):
        return f"{self.user} — {self.project}"


class AdvisorNote(models.Model):
    """Seen by the project's advisors only, never by the authority."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField("note")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "note privée"
        verbose_name_plural = "notes privées"
        ordering = ["-created_at"]

    def __str__(self):
        return f"Note du {self.created_at:%d/%m/%Y}"


class AdvisorReminder(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="reminders")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    due_on = models.DateField("à rappeler le")
    text = models.CharField("objet", max_length=255)
    sent_at = models.DateTimeField("envoyé le", null=True, blank=True)

    class Meta:
        verbose_name = "rappel"
        ordering = ["due_on", "id"]

    def __str__(self):
        return f"{self.due_on:%d/%m/%Y} — {self.text}"
