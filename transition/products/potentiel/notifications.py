"""Which email Potentiel sends to whom. Emails to an address nobody verified (the candidature's
contact, an invited address) carry only text the service controls: the referential's names, the
CRE's identifiant, a code, a link; never a name typed by a candidate or a holder."""

from django.conf import settings
from django.urls import reverse
from django.utils.http import urlencode

from transition.platform.notify.services import email_send

PRODUCT = "potentiel"


def site_url() -> str:
    return settings.SITE_URL


def candidature_notified(projet, code: str):
    claim = f"{settings.SITE_URL}{reverse('potentiel:claim')}?{urlencode({'identifiant': projet.identifiant})}"
    return email_send(
        to=projet.email_contact,
        template="potentiel/emails/notification",
        product=PRODUCT,
        context={
            "laureat": projet.statut == "lauréat",
            "appel_offres": projet.appel_offres.titre,
            "periode": projet.periode.identifiant,
            "identifiant": projet.identifiant,
            "identifiant_lisible": projet.identifiant_lisible,
            "code": code,
            "claim_url": claim,
        },
    )


def invitation_sent(invitation, token: str):
    url = f"{settings.SITE_URL}{reverse('potentiel:invitation', args=[token])}"
    return email_send(
        to=invitation.email,
        template="potentiel/emails/invitation",
        product=PRODUCT,
        context={"identifiant_lisible": invitation.projet.identifiant_lisible, "url": url, "days": 30},
    )
