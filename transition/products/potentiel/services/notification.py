"""Notifying a period: every candidature not yet notified becomes lauréat (if classé) or stays
éliminé, gets its planned completion date, its attestation (PDF in the State's look), a claim
code, and its contact an email with the link to claim the project. Batch by batch, each batch in
one transaction; a batch interrupted is done again, a project notified is never notified twice.

Started from the page (a platform job, role `dgec-validateur`) or by the command
`potentiel_notify "APPEL D'OFFRES" PERIODE --date YYYY-MM-DD`.
"""

import datetime as dt
import hashlib
from contextlib import contextmanager
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from transition.platform.accounts import permissions
from transition.platform.audit.services import events_record
from transition.platform.jobs.services import job_enqueue
from transition.platform.ui.pdf import html_to_pdf, pdf_renderer

from .. import notifications
from ..domain import dates
from ..enums import AccessVia, Statut, StatutCandidature, StatutLaureat
from ..models import Periode, Projet
from ..permissions import PERIODE_NOTIFY
from ..selectors.referential import projet_rules
from .access import access_grant, claim_codes_issue
from .designation import laureats_workflows_start

PRODUCT = "potentiel"
NOTIFY_JOB = "potentiel.notifier_periode"
BATCH = 100
# From this many candidatures, attestations are laid out by one process per core (pdf_renderer).
PARALLEL_FROM = 40
User = get_user_model()

GARANTIES_LABELS = {
    "six-mois-après-achèvement": "jusqu’à six mois après l’achèvement",
    "avec-date-échéance": "avec date d’échéance, à renouveler",
    "consignation": "consignation",
    "type-inconnu": "à préciser",
    "exemption": "exemption",
}


def to_notify(periode: Periode):
    return Projet.objects.filter(periode=periode, date_notification__isnull=True).order_by("pk")


def notification_check(periode: Periode, date: dt.date) -> None:
    """Raises ValidationError (French) when the period cannot be notified on `date`."""
    if periode.legacy:
        raise ValidationError("Cette période est ancienne : ses candidatures ne se notifient pas dans Potentiel.")
    if date > timezone.localdate():
        raise ValidationError("La date de notification ne peut pas être dans le futur.")
    if not to_notify(periode).exists():
        raise ValidationError("Aucune candidature de cette période n’attend de notification.")


def notification_start(*, periode: Periode, date: dt.date, user):
    """The page's entry point: check, then queue the job (one at a time per period)."""
    permissions.require(user, PERIODE_NOTIFY)
    notification_check(periode, date)
    return job_enqueue(
        kind=NOTIFY_JOB,
        payload={"periode_id": periode.pk, "date": date.isoformat(), "user_id": user.pk},
        owner=user,
        dedupe_key=f"periode:{periode.pk}",
        total=to_notify(periode).count(),
    )


def planned_completion(projet: Projet, date: dt.date) -> dt.date | None:
    rules = projet_rules(projet)
    if rules.delai_realisation_mois is None:
        return None
    return dates.planned_completion_date(date, rules.delai_realisation_mois)


def french_number(value: Decimal) -> str:
    """1.500000 -> '1,5'; 12.0 -> '12'."""
    text = f"{value.normalize():f}"
    return text.replace(".", ",")


def attestation_html(projet: Projet) -> str:
    ao = projet.appel_offres
    rules = projet_rules(projet)
    return render_to_string(
        "potentiel/pdf/attestation.html",
        {
            "projet": projet,
            "laureat": projet.statut == Statut.LAUREAT,
            "appel_offres": ao,
            "periode_label": f"{projet.periode.titre} période" if projet.periode.titre else "période",
            "date_notification": projet.date_notification,
            "dossier_suivi_par": ao.data.get("dossier_suivi_par", ""),
            "puissance": french_number(projet.puissance),
            "unite": rules.unite_puissance or "",
            "prix": french_number(projet.prix_reference),
            "delai_texte": ao.data.get("delai_realisation_texte", ""),
            "date_achevement": projet.date_achevement_previsionnelle,
            "garanties": GARANTIES_LABELS.get(projet.type_garanties, ""),
            "site_url": notifications.site_url(),
        },
    )


def attestation_render(projet: Projet) -> bytes:
    return html_to_pdf(attestation_html(projet))


def attestation_store(projet: Projet, content: bytes | None = None) -> None:
    """Keep the attestation (rendered now unless given) and its SHA-256; the caller saves."""
    content = attestation_render(projet) if content is None else content
    projet.attestation_sha256 = hashlib.sha256(content).hexdigest()
    if projet.attestation:
        projet.attestation.delete(save=False)
    projet.attestation.save(f"{projet.pk}-{projet.attestation_sha256[:12]}.pdf", ContentFile(content), save=False)


def _decide(projet: Projet, date: dt.date, user) -> None:
    projet.date_notification = date
    projet.notified_by = user
    if projet.statut_candidature == StatutCandidature.CLASSE:
        projet.statut = Statut.LAUREAT
        projet.statut_laureat = StatutLaureat.ACTIF
        projet.date_achevement_previsionnelle = planned_completion(projet, date)
    else:
        projet.statut = Statut.ELIMINE
        projet.statut_laureat = ""


# What a notification changes on the project, shared by many projects of a batch (saved by group).
SHARED_FIELDS = (
    "date_notification",
    "notified_by_id",
    "statut",
    "statut_laureat",
    "date_achevement_previsionnelle",
    "updated_at",
)


def _save_notified(projets: list[Projet]) -> None:
    """Save what the notification changed: one UPDATE per group of projects sharing the same
    values (a period gives a handful: lauréats and éliminés, one planned completion date), then
    the attestations, which differ for each, by one bulk update of those two columns only."""
    groups: dict[tuple, list[int]] = {}
    for projet in projets:
        values = tuple(getattr(projet, field) for field in SHARED_FIELDS)
        groups.setdefault(values, []).append(projet.pk)
    for values, pks in groups.items():
        Projet.objects.filter(pk__in=pks).update(**dict(zip(SHARED_FIELDS, values, strict=True)))
    Projet.objects.bulk_update(projets, ("attestation", "attestation_sha256"))


def _notify_batch(projets: list[Projet], render_many, date: dt.date, user, users_by_email: dict) -> int:
    """Notify a batch (inside the caller's transaction): the attestations are laid out by the
    renderer's workers while this process plans the lauréats' tasks, issues the claim codes and
    queues the emails; then each attestation is stored with its SHA-256, the projects saved in one
    query, and one audit event per project written under a single lock of the chain. Returns how
    many became lauréats."""
    for projet in projets:
        _decide(projet, date, user)
    attestations = render_many((attestation_html(p) for p in projets), lazy=True)
    laureats = [projet for projet in projets if projet.statut == Statut.LAUREAT]
    laureats_workflows_start(projets=laureats, today=date)  # reminders and guarantees (potflows)
    notifications.candidatures_notified(projets, claim_codes_issue(projets))
    now = timezone.now()
    for projet, attestation in zip(projets, attestations, strict=True):
        attestation_store(projet, attestation)
        projet.updated_at = now
    _save_notified(projets)
    events_record(
        [
            {
                "actor": user,
                "action": "potentiel.notification",
                "target": projet,
                "payload": {
                    "identifiant": projet.identifiant,
                    "statut": projet.statut,
                    "date": date.isoformat(),
                    "attestation_sha256": projet.attestation_sha256,
                },
            }
            for projet in projets
        ],
        product=PRODUCT,
    )
    for projet in projets:
        holder = users_by_email.get(projet.email_contact.lower())
        if holder is not None:
            access_grant(projet=projet, user=holder, via=AccessVia.CONTACT)
    return len(laureats)


@contextmanager
def _plain_batch():
    with transaction.atomic():
        yield None


def notify_periode(*, periode: Periode, date: dt.date, user=None, ctx=None, check_permission: bool = True) -> dict:
    """Notify every candidature of the period not yet notified; returns the counts. `ctx`: the
    platform job's context (batches commit with its checkpoint); None: plain transactions."""
    if check_permission and user is not None:
        permissions.require(user, PERIODE_NOTIFY)
    if periode.legacy:
        raise ValidationError("Cette période est ancienne : ses candidatures ne se notifient pas dans Potentiel.")
    done = ctx.done if ctx else 0
    laureats = (ctx.checkpoint.get("laureats", 0)) if ctx else 0
    workers = None if to_notify(periode).count() >= PARALLEL_FROM else 1
    with pdf_renderer(workers) as render_many:
        while True:
            with ctx.batch() if ctx else _plain_batch() as batch:
                projets = list(to_notify(periode).select_related("appel_offres", "periode").select_for_update()[:BATCH])
                if not projets:
                    break
                emails = {p.email_contact.lower() for p in projets}
                users_by_email = {u.email.lower(): u for u in User.objects.filter(email__in=emails, is_active=True)}
                laureats += _notify_batch(projets, render_many, date, user, users_by_email)
                done += len(projets)
                if batch is not None:
                    batch.done = done
                    batch.checkpoint = {"done": done, "laureats": laureats}
            if ctx:
                ctx.renew()
    return {"notifies": done, "laureats": laureats, "elimines": done - laureats}
