"""Append-only, hash-chained audit log: who did what, on which object, when."""

from datetime import UTC

from django.conf import settings
from django.db import models

from .hashing import LEGACY_KEY_ID, event_hash, event_mac
from .keys import key_for


class AppendOnlyError(Exception):
    """An attempt to change or remove an audit event through the application."""

    def __init__(self):
        super().__init__("Le journal d’audit est en ajout seul : un événement ne se modifie ni ne se supprime.")


class EventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError

    def delete(self):
        raise AppendOnlyError

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError

    def bulk_create(self, *args, **kwargs):
        # Events carry a hash of the one before: they are written one by one by event_record()
        # (or one by one under a single lock of the head by events_record()).
        raise AppendOnlyError


class Event(models.Model):
    created_at = models.DateTimeField("date", db_index=True)
    # Users are never deleted, only anonymised (see accounts.services.user_erase): the link stays.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="auteur",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField("action", max_length=100, db_index=True)
    object_type = models.CharField("type d’objet", max_length=100, blank=True)
    object_id = models.CharField("identifiant de l’objet", max_length=64, blank=True)
    payload = models.JSONField("détails", default=dict, blank=True)
    product = models.CharField("service", max_length=30, blank=True, db_index=True)
    previous_hash = models.CharField("empreinte précédente", max_length=64)
    hash = models.CharField("empreinte", max_length=64, unique=True)
    # The AUDIT_HMAC_KEYS entry that sealed the event; "" for the events sealed before keys existed.
    key_id = models.CharField("clé", max_length=20, blank=True, default=LEGACY_KEY_ID)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = "événement d’audit"
        verbose_name_plural = "événements d’audit"
        ordering = ["id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None or not self._state.adding:
            raise AppendOnlyError
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError

    def computed_hash(self) -> str:
        """The seal of the event with its own key (UnknownKeyError when that key is gone)."""
        fields = {
            "previous_hash": self.previous_hash,
            "created_at": self.created_at.astimezone(UTC).isoformat(timespec="microseconds"),
            "actor_id": self.actor_id,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "payload": self.payload,
            "product": self.product,
        }
        if self.key_id == LEGACY_KEY_ID:
            return event_hash(**fields)
        return event_mac(key_for(self.key_id), **fields)


class ChainHead(models.Model):
    """One row: the last event written. Writers lock it (an UPDATE takes the row lock on
    PostgreSQL and the database write lock on SQLite) so that events are chained one at a time,
    and audit_verify compares it with the last event to detect a removed tail."""

    last_event_id = models.BigIntegerField("dernier événement", null=True)
    last_hash = models.CharField("dernière empreinte", max_length=64)
    updated_at = models.DateTimeField("mis à jour le", null=True)
    # The last event listed in an anchor: the next anchor lists the events after it.
    anchored_event_id = models.BigIntegerField("dernier événement ancré", null=True)

    class Meta:
        verbose_name = "tête de chaîne"
        verbose_name_plural = "tête de chaîne"

    def __str__(self):
        return f"{self.last_event_id}: {self.last_hash}"
