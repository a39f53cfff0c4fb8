"""Which email goes to whom, with what context. Services call these inside their transaction: the
platform's `email_send` logs the email and hands it to the sending job once the transaction commits.

Templates: `templates/chaleur/emails/<name>{_subject.txt,.txt,.html}`. An email to an address
nobody verified (a requester's, a sender's to an ambassador: typed in a public form, it may be
anyone's) carries no text the sender chose: its context is `Trusted` text only (the reference, the
geocoder's address, the network's and the agency's names, what an operator or the ambassador
wrote), checked by the platform (`recipient_verified=False`). A message to an ambassador is read
on the site, not in the email. No template turns text into links (`urlize`): our links are
written as such.
"""

from django.conf import settings
from django.urls import reverse

from transition.platform.notify.services import Trusted, email_send

from .domain.demand_status import can_volunteer_as_ambassador, status_label
from .domain.eligibility_messages import far_demand_text
from .enums import PRODUCT
from .models import Agency, Ambassador, AmbassadorMessage, BulkTest, Demand, Network, NetworkUnderConstruction
from .selectors.ambassadors import ambassador_volunteer_path

__all__ = [
    "EMAIL_TEMPLATES",
    "email_template_text",
    "notify_ambassador_message",
    "notify_ambassador_reply",
    "notify_bulk_test_changed",
    "notify_bulk_test_done",
    "notify_demand_created",
    "notify_demand_status_changed",
    "notify_operator_message",
    "notify_operators",
    "notify_requester_followup",
    "notify_network_correction_decided",
    "notify_requester_message",
]


def _site_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _send(
    *, to: str, template: str, context: dict, reply_to: str | None = None, recipient_verified: bool = True
) -> None:
    email_send(
        to=to,
        template=f"chaleur/emails/{template}",
        context=context,
        product=PRODUCT,
        reply_to=reply_to,
        recipient_verified=recipient_verified,
    )


def _to_requester(*, demand: Demand, template: str, context: dict) -> None:
    """An email to the address typed in the public form, which nobody verified: only Trusted
    text (the reference, the geocoder's address, labels), nothing the requester typed."""
    context = {
        "reference": Trusted(demand.reference),
        "address": Trusted(demand.address),  # from the reverse geocoder (services/demands.py)
        "status_label": Trusted(status_label(demand.status)),
        **context,
    }
    _send(to=demand.email, template=template, context=context, recipient_verified=False)


# Demands ---------------------------------------------------------------------------------------


def notify_demand_created(
    *, demand: Demand, network: Network | NetworkUnderConstruction | None, agency: Agency | None
) -> None:
    """The requester gets a confirmation; the agency, when its advice was asked, the demand
    (answers go to the requester)."""
    context = {
        "eligible": bool(demand.eligible),
        "network_name": Trusted(network.name) if network else None,  # the open data's
        "agency_asked": bool(demand.wants_agency_advice),
        "agency_name": Trusted(agency.name) if agency else None,  # set by the team
        "far_text": Trusted(far_demand_text(routed_to_a_network=network is not None)),  # ours
    }
    _to_requester(demand=demand, template="demand_confirmation", context=context)
    if agency is not None:
        _send(
            to=agency.email,
            template="demand_agency",
            context={"demand": demand, "agency": agency},
            reply_to=demand.email,
        )


def notify_demand_status_changed(*, demand: Demand, previous: str) -> None:
    """The requester learns the new status; a connection done invites them to become an ambassador.
    An anonymised demand has nobody to tell: nothing is sent."""
    if demand.anonymised_at:
        return
    context = {
        "previous_label": Trusted(status_label(previous)),
        "operator_comment": Trusted(demand.operator_comment),  # an operator's words, not the requester's
        "ambassador_url": Trusted(_site_url(ambassador_volunteer_path(demand)))
        if can_volunteer_as_ambassador(demand.status)
        else None,
    }
    _to_requester(demand=demand, template="demand_status_changed", context=context)


# The messages an operator can send to a requester; the text is a starting point they can edit.
EMAIL_TEMPLATES: dict[str, tuple[str, str]] = {
    "prise_de_contact": (
        "Prise de contact",
        "Bonjour {prenom},\n\nNous avons bien reçu votre demande de raccordement au réseau de chaleur pour le {adresse}. "
        "Nous souhaitons échanger avec vous pour préciser votre projet : pouvez-vous nous indiquer vos disponibilités ?\n\n"
        "Bien cordialement,\n{gestionnaire}",
    ),
    "informations": (
        "Demande d’informations complémentaires",
        "Bonjour {prenom},\n\nPour étudier votre demande pour le {adresse}, pourriez-vous nous transmettre la consommation "
        "annuelle de chauffage (factures ou relevés) et l’âge de votre chaudière ?\n\nBien cordialement,\n{gestionnaire}",
    ),
    "non_realisable": (
        "Votre demande ne peut pas aboutir",
        "Bonjour {prenom},\n\nAprès étude, le raccordement du {adresse} au réseau n’est pas réalisable à ce jour. "
        "Nous reviendrons vers vous si la situation évolue.\n\nBien cordialement,\n{gestionnaire}",
    ),
}


def email_template_text(*, key: str, demand: Demand, operator_name: str) -> str:
    _, body = EMAIL_TEMPLATES[key]
    return body.format(prenom=demand.first_name, adresse=demand.address, gestionnaire=operator_name)


def notify_operator_message(*, demand: Demand, template_key: str, body: str, reply_to: str) -> None:
    """An operator writes to the requester; the answer comes back to the operator."""
    subject, _ = EMAIL_TEMPLATES[template_key]
    context = {
        "reference": Trusted(demand.reference),
        "address": Trusted(demand.address),
        "subject": Trusted(subject),
        "body": Trusted(body),  # the operator's words (they may quote the requester's name: their choice)
    }
    _send(
        to=demand.email,
        template="demand_operator_message",
        context=context,
        reply_to=reply_to,
        recipient_verified=False,
    )


# Periodic emails -------------------------------------------------------------------------------

# What each periodic email to operators says, and where its link leads.
OPERATOR_EMAILS = {
    "operator_digest": "",  # new demands of their networks
    "operator_reminder": "?statut=a_traiter",  # demands still "À traiter" after a week
}


def notify_operators(*, template: str, to: str, demands: list[Demand]) -> None:
    """One email listing demands of the operator's networks (`template`: OPERATOR_EMAILS)."""
    url = _site_url(reverse("chaleur:pro_demands") + OPERATOR_EMAILS[template])
    _send(to=to, template=template, context={"demands": demands, "url": url})


def notify_requester_followup(*, demand: Demand, day: int) -> None:
    _to_requester(demand=demand, template="requester_followup", context={"day": day})


# Ambassadors -----------------------------------------------------------------------------------


def notify_ambassador_message(*, message: AmbassadorMessage, reply_token: str) -> None:
    """Relayed: the ambassador receives a link to read the message on the site and answer, without
    the sender's address. Nothing the sender wrote is in the email (not even their name)."""
    ambassador = message.ambassador
    context = {
        "display_name": Trusted(ambassador.display_name),  # the ambassador's own
        "reply_url": Trusted(_site_url(reverse("chaleur:ambassador_reply", args=[reply_token]))),
    }
    _send(to=ambassador.demand.email, template="ambassador_message", context=context, recipient_verified=False)


def notify_ambassador_reply(*, message: AmbassadorMessage) -> None:
    """The sender gets the answer, with the ambassador's address to reply to. The sender's address
    was typed by whoever wrote: the email carries only what the ambassador wrote (an identified
    person, reached through the link emailed to them), nothing the sender chose."""
    ambassador: Ambassador = message.ambassador
    context = {
        "display_name": Trusted(ambassador.display_name),
        "reply_body": Trusted(message.reply_body),
        "ambassador_email": Trusted(ambassador.demand.email),
    }
    _send(
        to=message.sender_email,
        template="ambassador_reply",
        context=context,
        reply_to=ambassador.demand.email,
        recipient_verified=False,
    )


# Bulk tests ------------------------------------------------------------------------------------


def _bulk_url(bulk: BulkTest) -> str:
    return _site_url(reverse("chaleur:pro_bulk_detail", args=[bulk.pk]))


def notify_bulk_test_done(*, bulk: BulkTest) -> None:
    _send(to=bulk.owner.email, template="bulk_test_done", context={"bulk": bulk, "url": _bulk_url(bulk)})


def notify_bulk_test_changed(*, bulk: BulkTest, changed: int) -> None:
    context = {"bulk": bulk, "changed": changed, "url": _bulk_url(bulk)}
    _send(to=bulk.owner.email, template="bulk_test_changed", context=context)


def notify_requester_message(*, demand: Demand, to: list[str]) -> None:
    """The operators of the demand's network: the requester wrote from their space. The email does
    not carry the requester's text (read in the back-office), only the link."""
    url = _site_url(reverse("chaleur:pro_demand_detail", args=[demand.pk]))
    for address in to:
        _send(to=address, template="requester_message", context={"demand": demand, "url": url})


def notify_network_correction_decided(*, correction) -> None:
    """The operator who proposed a correction of a network's page hears of staff's decision (an
    account's address: staff's answer is shown)."""
    if correction.proposed_by is None or not correction.proposed_by.email:
        return
    url = _site_url(reverse("chaleur:network_detail", args=[correction.network.national_id]))
    _send(
        to=correction.proposed_by.email,
        template="network_correction_decided",
        context={"correction": correction, "network": correction.network, "url": url},
    )
