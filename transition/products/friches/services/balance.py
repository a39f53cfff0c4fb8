"""Writing the assumptions of a project's socio-economic balance."""

from django.db import transaction

from transition.platform.accounts import permissions
from transition.platform.audit.services import event_record

from ..models import Project

PRODUCT = "friches"


def balance_inputs_save(*, actor, project: Project, values: dict) -> Project:
    permissions.require(actor, "friches.project_change", project)
    with transaction.atomic():
        project.impact_inputs = {k: v for k, v in values.items() if v is not None and v != ""}
        project.save(update_fields=["impact_inputs"])
        event_record(
            actor=actor,
            action="friches.balance_inputs",
            target=project,
            product=PRODUCT,
            payload={"keys": sorted(project.impact_inputs)},
        )
    return project
