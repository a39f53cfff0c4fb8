"""Writing projects: an authority starts one on a site, describes it, shares it read-only; every
event that counts as news moves `last_news_at` (what the digests wait on)."""

import secrets

from django.db import transaction
from django.utils import timezone

from transition.platform.accounts import permissions
from transition.platform.audit.services import event_record
from transition.platform.core.spreadsheets import clean_text

from ..enums import SiteStatus
from ..models import Project, Site
from .news import project_news
from .path import suggestions_refresh

PRODUCT = "friches"


class ProjectError(ValueError):
    """A change the project refuses, with the reason in French."""


def project_create(*, actor, site: Site, organisation, name: str, description: str = "", intended_uses=None) -> Project:
    permissions.require(actor, "friches.project_start", site)
    if site.projects.filter(archived_at__isnull=True).exists():
        raise ProjectError("Un projet est déjà en cours sur ce site : demandez à y participer.")
    with transaction.atomic():
        project = Project.objects.create(
            site=site,
            organisation=organisation,
            name=clean_text(name, keep_newlines=False).strip(),
            description=clean_text(description).strip(),
            created_by=actor,
        )
        changed = []
        if site.organisation_id is None:
            site.organisation = organisation
            changed.append("organisation")
        if intended_uses is not None:
            site.intended_uses = list(intended_uses)
            changed.append("intended_uses")
        if site.status in (SiteStatus.POTENTIELLE, SiteStatus.SANS_PROJET, SiteStatus.INCONNU):
            site.status = SiteStatus.AVEC_PROJET
            changed.append("status")
        if changed:
            site.save(update_fields=[*changed, "modified_at"])
        suggestions_refresh(project=project)
        event_record(
            actor=actor, action="friches.project_create", target=project, product=PRODUCT, payload={"site_id": site.pk}
        )
    return project


def project_update(*, actor, project: Project, name: str, description: str, intended_uses: list[str]) -> Project:
    permissions.require(actor, "friches.project_change", project)
    with transaction.atomic():
        project.name = clean_text(name, keep_newlines=False).strip()
        project.description = clean_text(description).strip()
        project.save(update_fields=["name", "description"])
        site = project.site
        site.intended_uses = list(intended_uses)
        site.save(update_fields=["intended_uses", "modified_at"])
        suggestions_refresh(project=project)
        event_record(actor=actor, action="friches.project_update", target=project, product=PRODUCT)
    return project


def project_share_enable(*, actor, project: Project) -> str:
    """A new read-only link (any former one stops working)."""
    permissions.require(actor, "friches.project_change", project)
    with transaction.atomic():
        project.share_token = secrets.token_urlsafe(24)
        project.save(update_fields=["share_token"])
        event_record(actor=actor, action="friches.project_share_enable", target=project, product=PRODUCT)
    return project.share_token


def project_share_disable(*, actor, project: Project) -> None:
    permissions.require(actor, "friches.project_change", project)
    with transaction.atomic():
        project.share_token = None
        project.save(update_fields=["share_token"])
        event_record(actor=actor, action="friches.project_share_disable", target=project, product=PRODUCT)


def project_site_reconverted(*, actor, project: Project) -> None:
    """The works are done: the site leaves the friches (a figure of /stats/friches/)."""
    permissions.require(actor, "friches.project_change", project)
    with transaction.atomic():
        site = project.site
        site.status = SiteStatus.RECONVERTIE
        site.updated_on = timezone.localdate()
        site.save(update_fields=["status", "updated_on", "modified_at"])
        event_record(
            actor=actor,
            action="friches.site_reconverted",
            target=site,
            product=PRODUCT,
            payload={"project_id": project.pk},
        )
        project_news(project)
