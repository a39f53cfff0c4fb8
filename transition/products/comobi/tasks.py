"""CoMobi's background jobs: each one calls a service."""

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .services.carpools import carpool_reminders_send
from .services.people import people_retention_apply

logger = logging.getLogger(__name__)


@db_periodic_task(crontab(minute="*/15"))
def carpool_reminders_job() -> int:
    sent = carpool_reminders_send()
    if sent:
        logger.info("CoMobi : %d rappel(s) de trajet envoyé(s)", sent)
    return sent


@db_periodic_task(crontab(hour="3", minute="10"))
def people_retention_job() -> int:
    erased = people_retention_apply()
    logger.info("CoMobi : %d personne(s) effacée(s) (durée de conservation)", erased)
    return erased
