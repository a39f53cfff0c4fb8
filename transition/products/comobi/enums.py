"""Statuses, kinds and roles of CoMobi: one spelling each. Values come from the domain where a
rule reads them."""

from django.db import models

from .domain.carpool_status import CarpoolStatus as CarpoolStatusValue
from .domain.reasons import LABELS as REASON_LABELS
from .domain.reasons import Reason as ReasonValue
from .domain.request_status import Outcome as OutcomeValue
from .domain.request_status import RequestStatus as RequestStatusValue
from .domain.sheet_rows import Contact as ContactValue

PRODUCT = "comobi"


class Role(models.TextChoices):
    MEDIATEUR = "mediateur", "Médiateur ou médiatrice"
    ADMINISTRATEUR = "administrateur", "Administrateur du territoire"


class TerritoryKind(models.TextChoices):
    DEPARTEMENT = "departement", "Département"
    INTERCOMMUNALITE = "intercommunalite", "Communauté de communes ou d’agglomération"
    PAYS = "pays", "Pays, PETR ou parc naturel"
    AUTRE = "autre", "Autre territoire"


class OfferKind(models.TextChoices):
    REGULAR = "regular", "Régulier"
    ONE_OFF = "one_off", "Ponctuel"


class OfferStatus(models.TextChoices):
    ACTIVE = "active", "Proposé"
    PAUSED = "paused", "En pause"
    WITHDRAWN = "withdrawn", "Retiré"  # deleted by the driver; kept (without the driver) for the statistics


class Source(models.TextChoices):
    WEB = "web", "En ligne"
    MEDIATEUR = "mediateur", "Par un médiateur"
    IMPORT = "import", "Import d’un tableur"


class Contact(models.TextChoices):
    TELEPHONE = ContactValue.TELEPHONE.value, "Appel téléphonique"
    SMS = ContactValue.SMS.value, "SMS"
    EMAIL = ContactValue.EMAIL.value, "Courriel"
    MEDIATEUR = ContactValue.MEDIATEUR.value, "Par le médiateur"


class Reason(models.TextChoices):
    MEDICAL = ReasonValue.MEDICAL.value, REASON_LABELS[ReasonValue.MEDICAL]
    EMPLOI = ReasonValue.EMPLOI.value, REASON_LABELS[ReasonValue.EMPLOI]
    FORMATION = ReasonValue.FORMATION.value, REASON_LABELS[ReasonValue.FORMATION]
    COURSES = ReasonValue.COURSES.value, REASON_LABELS[ReasonValue.COURSES]
    DEMARCHES = ReasonValue.DEMARCHES.value, REASON_LABELS[ReasonValue.DEMARCHES]
    LOISIRS = ReasonValue.LOISIRS.value, REASON_LABELS[ReasonValue.LOISIRS]
    AUTRE = ReasonValue.AUTRE.value, REASON_LABELS[ReasonValue.AUTRE]


class RequestStatus(models.TextChoices):
    CREEE = RequestStatusValue.CREEE.value, "Créée"
    PRISE_EN_COMPTE = RequestStatusValue.PRISE_EN_COMPTE.value, "Prise en compte"
    RECHERCHE = RequestStatusValue.RECHERCHE.value, "Recherche de solution"
    SUIVI = RequestStatusValue.SUIVI.value, "Suivi"
    CLOSE = RequestStatusValue.CLOSE.value, "Close"


class Outcome(models.TextChoices):
    TRAJET_EFFECTUE = OutcomeValue.TRAJET_EFFECTUE.value, "Trajet effectué"
    SANS_SOLUTION = OutcomeValue.SANS_SOLUTION.value, "Aucune solution trouvée"
    ANNULEE = OutcomeValue.ANNULEE.value, "Annulée par la personne"
    AUTRE = OutcomeValue.AUTRE.value, "Autre"


class CarpoolStatus(models.TextChoices):
    CONFIRMEE = CarpoolStatusValue.CONFIRMEE.value, "Confirmé"
    EFFECTUEE = CarpoolStatusValue.EFFECTUEE.value, "Effectué"
    ANNULEE = CarpoolStatusValue.ANNULEE.value, "Annulé"
    ABSENT = CarpoolStatusValue.ABSENT.value, "Absence"


class Direction(models.TextChoices):
    ALLER = "aller", "Aller"
    RETOUR = "retour", "Retour"


class ContactChannel(models.TextChoices):
    APPEL = "appel", "Appel"
    MESSAGE = "message", "Message vocal laissé"
    SMS = "sms", "SMS"
    EMAIL = "email", "Courriel"
    DIRECT = "direct", "Coordonnées consultées par le passager"
    NOTE = "note", "Note de suivi"


class ContactAnswer(models.TextChoices):
    SANS_REPONSE = "sans_reponse", "Pas de réponse"
    ACCEPTE = "accepte", "D’accord"
    REFUSE = "refuse", "Refus"
    A_RAPPELER = "a_rappeler", "À rappeler"
    SANS_OBJET = "sans_objet", "Sans objet"
