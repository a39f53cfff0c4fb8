"""Which email Potentiel sends to whom. Emails to an address nobody verified (the candidature's
contact, an invited address) carry only text the service controls: the referential's names, the
CRE's identifiant, a code, a link; never a name typed by a candidate or a holder.
Workflow emails (requests, guarantees, grid, completion) go only to signed-in users of the
service: the holders with an access and the agents of the competent authority. Their subjects
follow the original: « Potentiel - <nom du projet> - <événement> »; the body carries the event,
the project and a link, never text typed by another user.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.http import urlencode

from transition.platform.accounts.models import Membership
from transition.platform.notify.services import email_send, emails_send

from .domain.changes import Authority
from .enums import Role
from .models import Dreal, ProjetAccess

PRODUCT = "potentiel"


def site_url() -> str:
    return settings.SITE_URL


def candidatures_notified(projets, codes: dict[int, str]):
    """The notification email of each project to its contact, with its claim code (`codes` by
    project pk): all put in the outbox at once."""
    claim = f"{settings.SITE_URL}{reverse('potentiel:claim')}"
    return emails_send(
        [
            {
                "to": projet.email_contact,
                "template": "potentiel/emails/notification",
                "product": PRODUCT,
                "context": {
                    "laureat": projet.statut == "lauréat",
                    "appel_offres": projet.appel_offres.titre,
                    "periode": projet.periode.identifiant,
                    "identifiant": projet.identifiant,
                    "identifiant_lisible": projet.identifiant_lisible,
                    "code": codes[projet.pk],
                    "claim_url": f"{claim}?{urlencode({'identifiant': projet.identifiant})}",
                },
            }
            for projet in projets
        ]
    )


def invitation_sent(invitation, token: str):
    url = f"{settings.SITE_URL}{reverse('potentiel:invitation', args=[token])}"
    return email_send(
        to=invitation.email,
        template="potentiel/emails/invitation",
        product=PRODUCT,
        context={"identifiant_lisible": invitation.projet.identifiant_lisible, "url": url, "days": 30},
    )


# --- workflows (potflows) ---

TEMPLATE = "potentiel/emails/evenement"


def holder_emails(projet) -> list[str]:
    return sorted(
        set(
            ProjetAccess.objects.filter(projet=projet, revoked_at__isnull=True, user__is_active=True).values_list(
                "user__email", flat=True
            )
        )
    )


def authority_emails(projet, authority: Authority | str) -> list[str]:
    """The agents who instruct: the DREAL of the project's région (for what the DREAL
    instructs), the DGEC agents (for what the DGEC instructs)."""
    if Authority(authority) is Authority.DGEC:
        memberships = Membership.objects.filter(product=PRODUCT, role__in=[Role.DGEC, Role.DGEC_VALIDATEUR])
    else:
        organisations = Dreal.objects.filter(region=projet.region).values_list("organisation_id", flat=True)
        memberships = Membership.objects.filter(product=PRODUCT, role=Role.DREAL, organisation_id__in=organisations)
    return sorted(set(memberships.filter(user__is_active=True).values_list("user__email", flat=True)))


def send_event(emails: list[str], *, projet, event: str, message: str, path: str) -> int:
    context = {
        "nom_projet": projet.nom_projet,
        "identifiant": projet.identifiant,
        "evenement": event,
        "message": message,
        "url": f"{settings.SITE_URL.rstrip('/')}{path}",
    }
    for email in emails:
        email_send(to=email, template=TEMPLATE, context=context, product=PRODUCT)
    return len(emails)


def notify_holders(*, projet, event: str, message: str, path: str) -> int:
    return send_event(holder_emails(projet), projet=projet, event=event, message=message, path=path)


def notify_authority(*, projet, authority, event: str, message: str, path: str) -> int:
    return send_event(authority_emails(projet, authority), projet=projet, event=event, message=message, path=path)


def notify_cre(*, projet, event: str, message: str, path: str) -> int:
    """The CRE's agents: told of the decisions on recours (they ranked the candidature)."""
    emails = sorted(
        set(
            Membership.objects.filter(product=PRODUCT, role=Role.CRE, user__is_active=True).values_list(
                "user__email", flat=True
            )
        )
    )
    return send_event(emails, projet=projet, event=event, message=message, path=path)


def notify_revoked(*, emails: list[str], projet, path: str) -> int:
    """The former holders, after a producteur change removed their access."""
    return send_event(
        emails,
        projet=projet,
        event="Révocation de la gestion du projet",
        message="Votre accès au projet a été retiré. Cela fait suite à un changement de producteur déclaré sur Potentiel.",
        path=path,
    )
