"""A project's path: the actions of each step with their status, and when each step was crossed."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..enums import ActionOrigin, ActionStatus, Step
from .projects import Project
from .referentials import ActionTemplate, Resource

__all__ = ["ProjectAction", "ProjectStep"]


class ProjectAction(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="actions")
    step = models.CharField("étape", max_length=12, choices=Step.choices)
    title = models.CharField("action", max_length=255)
    text = models.TextField("détail", blank=True)
    resource = models.ForeignKey(
        Resource, verbose_name="ressource", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    template = models.ForeignKey(
        ActionTemplate, on_delete=models.SET_NULL, null=True, blank=True, related_name="project_actions"
    )
    origin = models.CharField("origine", max_length=12, choices=ActionOrigin.choices)
    recommended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField("statut", max_length=16, choices=ActionStatus.choices, default=ActionStatus.PROPOSEE)
    status_changed_at = models.DateTimeField("statut changé le", null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("créée le", default=timezone.now)

    class Meta:
        verbose_name = "action du projet"
        verbose_name_plural = "actions du projet"
        ordering = ["project", "step", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "template"], condition=models.Q(template__isnull=False), name="friches_action_once"
            )
        ]

    def __str__(self):
        return self.title


class ProjectStep(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="steps")
    step = models.CharField("étape", max_length=12, choices=Step.choices)
    crossed_at = models.DateTimeField("franchie le", null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = "étape du projet"
        verbose_name_plural = "étapes du projet"
        constraints = [models.UniqueConstraint(fields=["project", "step"], name="friches_step_unique")]

    def __str__(self):
        return f"{self.project} — {self.get_step_display()}"
