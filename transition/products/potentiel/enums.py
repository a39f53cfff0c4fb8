"""Statuses, kinds and roles of Potentiel: one spelling each, the original service's."""

from django.db import models


class Role(models.TextChoices):
    PORTEUR = "porteur", "Porteur de projet"
    DREAL = "dreal", "Agent de DREAL"
    DGEC_VALIDATEUR = "dgec-validateur", "Agent de la DGEC habilité à notifier"
    DGEC = "dgec", "Agent de la DGEC"
    CRE = "cre", "Commission de régulation de l’énergie"
    GRD = "grd", "Gestionnaire de réseau"


class StatutCandidature(models.TextChoices):
    """What the CRE's file says of a candidature."""

    CLASSE = "classé", "Classé"
    ELIMINE = "éliminé", "Éliminé"


class Statut(models.TextChoices):
    """A project's status: classé or éliminé until notified, then lauréat or éliminé."""

    CLASSE = "classé", "Classé"
    ELIMINE = "éliminé", "Éliminé"
    LAUREAT = "lauréat", "Lauréat"


class StatutLaureat(models.TextChoices):
    ACTIF = "actif", "Actif"
    ABANDONNE = "abandonné", "Abandonné"
    ACHEVE = "achevé", "Achevé"


class TypeGaranties(models.TextChoices):
    SIX_MOIS_APRES_ACHEVEMENT = "six-mois-après-achèvement", "Garantie financière jusqu’à six mois après l’achèvement"
    AVEC_DATE_ECHEANCE = "avec-date-échéance", "Garantie financière avec date d’échéance, à renouveler"
    CONSIGNATION = "consignation", "Consignation"
    TYPE_INCONNU = "type-inconnu", "Type inconnu"
    EXEMPTION = "exemption", "Exemption"


class Technologie(models.TextChoices):
    PV = "pv", "Photovoltaïque"
    EOLIEN = "eolien", "Éolien"
    HYDRAULIQUE = "hydraulique", "Hydraulique"
    NA = "N/A", "Non précisée"


class HistoriqueAbandon(models.TextChoices):
    PREMIERE_CANDIDATURE = "première-candidature", "Lauréat d’aucun appel d’offres"
    ABANDON_CLASSIQUE = "abandon-classique", "Abandon classique"
    ABANDON_AVEC_RECANDIDATURE = "abandon-avec-recandidature", "Abandon avec recandidature"
    LAUREAT_AUTRE_PERIODE = "lauréat-autre-période", "Lauréat d’un autre appel d’offres"


class AccessVia(models.TextChoices):
    CLAIM = "réclamation", "Réclamé avec le code de la notification"
    CONTACT = "contact", "Adresse de contact de la candidature"
    INVITATION = "invitation", "Invitation"
    ADMIN = "administration", "Donné par l’administration"
