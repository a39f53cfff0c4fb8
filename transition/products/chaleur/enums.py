"""Roles, statuses and kinds of France Chaleur Urbaine: one spelling each.

A demand's status is spelt by its rule (`domain/demand_status.py`, pure Python) and read from there;
the eligibility types by theirs (`domain/eligibility.py`).
"""

from django.db import models

from .domain.eligibility_messages import Heating

PRODUCT = "chaleur"
# The networks, PDP and networks under construction, as a data set of platform/core (DataVersion):
# its version moves with every change, and the eligibility index and the map rebuild.
NETWORKS_DATA = "chaleur-reseaux"
BULK_TEST_JOB = "chaleur.bulk_test"  # the platform job kind of a bulk address test
# The partner API's scope (platform API tokens): an operator's software reads and updates the
# demands of its organisation's networks.
PARTNER_SCOPE = "chaleur:demandes"


class Role(models.TextChoices):
    """What a member of an organisation does in France Chaleur Urbaine."""

    GESTIONNAIRE = "gestionnaire", "Gestionnaire de réseau de chaleur"
    COLLECTIVITE = "collectivite", "Collectivité (lecture des demandes du territoire)"
    ALEC = "alec", "Agence locale de l’énergie"
    PROFESSIONNEL = "professionnel", "Professionnel (bureau d’études, syndic…)"


class NetworkKind(models.TextChoices):
    HEAT = "chaleur", "Réseau de chaleur"
    COLD = "froid", "Réseau de froid"


class StructureType(models.TextChoices):
    COPROPRIETE = "copropriete", "Copropriété"
    BAILLEUR = "bailleur_social", "Bailleur social"
    TERTIAIRE = "tertiaire", "Tertiaire (bureaux, commerces…)"
    MAISON = "maison_individuelle", "Maison individuelle"
    COLLECTIVITE = "collectivite", "Bâtiment public"
    AUTRE = "autre", "Autre"


class HeatingEnergy(models.TextChoices):
    GAZ = "gaz", "Gaz"
    FIOUL = "fioul", "Fioul"
    ELECTRICITE = "electricite", "Électricité"
    BOIS = "bois", "Bois"
    RESEAU = "reseau", "Réseau de chaleur"
    AUTRE = "autre", "Autre"
    INCONNU = "inconnu", "Je ne sais pas"


class HeatingType(models.TextChoices):
    # Spelt once, by the rule that words the result page: a demand's heating and a test's agree.
    COLLECTIF = Heating.COLLECTIVE.value, "Collectif"
    INDIVIDUEL = Heating.INDIVIDUAL.value, "Individuel"
    INCONNU = "inconnu", "Je ne sais pas"


class ConstructionPeriod(models.TextChoices):
    AVANT_1949 = "avant_1949", "Avant 1949"
    P1949_1974 = "1949_1974", "De 1949 à 1974"
    P1975_1993 = "1975_1993", "De 1975 à 1993"
    P1994_2000 = "1994_2000", "De 1994 à 2000"
    P2001_2010 = "2001_2010", "De 2001 à 2010"
    APRES_2010 = "apres_2010", "Après 2010"
    INCONNUE = "inconnue", "Inconnue"


class DemandEventKind(models.TextChoices):
    CREATED = "created", "Création"
    STATUS = "status", "Changement de statut"
    COMMENT = "comment", "Commentaire"
    CORRECTION = "correction", "Correction"
    EMAIL = "email", "Courriel au demandeur"
    AMBASSADOR = "ambassador", "Ambassadeur"
    REQUESTER_MESSAGE = "requester_message", "Message du demandeur"


class BulkTestStatus(models.TextChoices):
    PENDING = "pending", "En attente"
    RUNNING = "running", "En cours"
    DONE = "done", "Terminé"
    FAILED = "failed", "Échec"


class EligibilitySource(models.TextChoices):
    """Where an address was tested, for the indicators' counters."""

    PAGE = "page", "Page « Tester une adresse »"
    API = "api", "API"
    MASSE = "masse", "Test en masse"


class CorrectionStatus(models.TextChoices):
    """A correction of a network's information proposed by its operator."""

    PENDING = "en_attente", "En attente de validation"
    ACCEPTED = "acceptee", "Acceptée"
    REFUSED = "refusee", "Refusée"
