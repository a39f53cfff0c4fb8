"""The project's thread: messages between the authority and its advisors."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .projects import Project

__all__ = ["Message"]


class Message(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField("message")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "message"
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"Message du {self.created_at:%d/%m/%Y %H:%M}"
