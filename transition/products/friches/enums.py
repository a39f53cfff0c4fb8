"""Statuses, kinds and roles of Friches: one spelling each. Values taken from a standard (CNIG) or
a rule (domain/) are spelt there and only named here."""

from django.db import models

from .domain import path
from .domain.mutability_criteria import USAGE_LABELS, USAGES


class Role(models.TextChoices):
    PORTEUR = "porteur", "Collectivité ou porteur de projet"
    CONSEILLER = "conseiller", "Conseiller (accompagnement des projets)"


class SiteStatus(models.TextChoices):
    """The CNIG `site_statut` values."""

    POTENTIELLE = "friche potentielle", "Friche potentielle"
    SANS_PROJET = "friche sans projet", "Friche sans projet"
    AVEC_PROJET = "friche avec projet", "Friche avec projet"
    RECONVERTIE = "friche reconvertie", "Friche reconvertie"
    INCONNU = "inconnu", "Statut inconnu"
    AUTRE = "autre", "Autre"
    SANS_OBJET = "sans objet", "Sans objet"


class OwnerKind(models.TextChoices):
    """Who owns the site, as Mutafriches asks it (typeProprietaire)."""

    PUBLIC = "public", "Public"
    PRIVE = "prive", "Privé"
    COPRO = "copro-indivision", "Copropriété ou indivision"
    MIXTE = "mixte", "Mixte public et privé"
    INCONNU = "ne-sait-pas", "Je ne sais pas"


Usage = models.TextChoices("Usage", [(code, (code, USAGE_LABELS[code])) for code in USAGES])


class Step(models.TextChoices):
    REPERER = path.STEPS[0]
    CONNAITRE = path.STEPS[1]
    ENVISAGER = path.STEPS[2]
    CONSOLIDER = path.STEPS[3]
    ENGAGER = path.STEPS[4]


class ActionStatus(models.TextChoices):
    PROPOSEE = path.PROPOSED, "Proposée"
    EN_COURS = path.IN_PROGRESS, "En cours"
    BLOQUEE = path.BLOCKED, "Bloquée"
    FAITE = path.DONE, "Faite"
    NON_PERTINENTE = path.NOT_RELEVANT, "Pas pertinente"


class ActionOrigin(models.TextChoices):
    SUGGESTION = "suggestion", "Suggérée d’après le questionnaire"
    CONSEILLER = "conseiller", "Recommandée par un conseiller"
    PORTEUR = "porteur", "Ajoutée par la collectivité"


class ResourceKind(models.TextChoices):
    GUIDE = "guide", "Guide"
    MODELE = "modele", "Modèle de document"
    OUTIL = "outil", "Outil en ligne"
    RETOUR = "retour", "Retour d’expérience"


class ContactKind(models.TextChoices):
    EPF = "epf", "Établissement public foncier"
    DREAL = "dreal", "DREAL"
    DDT = "ddt", "DDT(M)"
    ADEME = "ademe", "ADEME (direction régionale)"
    CEREMA = "cerema", "Cerema"
    REGION = "region", "Région"
    DEPARTEMENT = "departement", "Département"
    CAUE = "caue", "CAUE"
    AUTRE = "autre", "Autre"


class Beneficiary(models.TextChoices):
    COMMUNE = "commune", "Communes"
    EPCI = "epci", "Intercommunalités"
    DEPARTEMENT = "departement", "Départements"
    REGION = "region", "Régions"
    EPF = "epf", "Établissements publics fonciers"
    BAILLEUR = "bailleur", "Bailleurs sociaux"
    ENTREPRISE = "entreprise", "Entreprises et aménageurs privés"
    ASSOCIATION = "association", "Associations"


class ProjectKind(models.TextChoices):
    """The kind of project the socio-economic balance models (Bénéfriches' families)."""

    URBAIN = "urbain", "Projet urbain (logements, activités, équipements)"
    RENATURATION = "renaturation", "Renaturation"
    PHOTOVOLTAIQUE = "photovoltaique", "Centrale photovoltaïque au sol"
