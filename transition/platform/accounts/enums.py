from django.db import models


class OrganisationKind(models.TextChoices):
    COLLECTIVITE = "collectivite", "Collectivité"
    ENTREPRISE = "entreprise", "Entreprise"
    BAILLEUR = "bailleur", "Bailleur social"
    SYNDIC = "syndic", "Syndic de copropriété"
    ASSOCIATION = "association", "Association"
    ADMINISTRATION = "administration", "Administration"
    AUTRE = "autre", "Autre"


class Provider(models.TextChoices):
    PROCONNECT = "proconnect", "ProConnect"
    FRANCECONNECT = "franceconnect", "FranceConnect"


class StatePurpose(models.TextChoices):
    LOGIN = "login", "Connexion"
    LOGOUT = "logout", "Déconnexion"
