"""The demo's referentials: actions for each step, resources, contacts and funding schemes (texts of
our own; organisations named by their function, addresses under .example)."""

import datetime as dt
from decimal import Decimal

from ..models import ActionTemplate, Contact, FundingScheme, Resource

GRAND_EST = ["44"]

RESOURCES = [
    # (title, kind, step, conditions, summary)
    ("Retrouver le propriétaire d’une friche", "guide", "reperer", "proprietaire_inconnu",
     "Fichiers fonciers, cadastre, service de la publicité foncière : les sources et les démarches, pas à pas."),
    ("Modèle de délibération : biens sans maître", "modele", "reperer", "besoin_procedure_biens_vacants",
     "Un modèle commenté de délibération pour engager l’acquisition d’un bien sans maître."),
    ("Comprendre un diagnostic de pollution des sols", "guide", "connaitre", "pollution_a_etudier",
     "Étude historique, investigations, plan de gestion : ce que contient chaque étape et ce qu’elle coûte."),
    ("Cahier des charges type d’une étude de programmation", "modele", "envisager", "",
     "Un cahier des charges à adapter pour comparer plusieurs scénarios d’usage du site."),
    ("Renaturer une friche : retours d’expérience", "retour", "envisager", "usage:renaturation",
     "Parcs, jardins, zones d’expansion des crues : six projets de communes de moins de 10 000 habitants."),
    ("Installer une centrale photovoltaïque au sol sur une friche", "guide", "envisager", "usage:photovoltaique",
     "Raccordement, appel d’offres, bail : les points à vérifier avant de lancer le projet."),
    ("Bilan d’opération : modèle de tableur", "modele", "consolider", "besoin_financement",
     "Dépenses, recettes, subventions : un tableur prêt à remplir pour présenter le projet aux financeurs."),
]  # fmt: skip

ACTIONS = [
    # (step, title, text, resource title, conditions, priority)
    ("reperer", "Inscrire le site au registre des friches",
     "Décrivez le site au standard national : il devient visible des porteurs de projet et des financeurs.", "", "", 100),
    ("reperer", "Identifier le propriétaire",
     "Consultez les fichiers fonciers et le cadastre ; écrivez au dernier propriétaire connu.",
     "Retrouver le propriétaire d’une friche", "proprietaire_inconnu", 90),
    ("reperer", "Engager la procédure de bien sans maître",
     "Délibération du conseil municipal, arrêté, publicité : comptez six mois au moins.",
     "Modèle de délibération : biens sans maître", "besoin_procedure_biens_vacants", 80),
    ("connaitre", "Faire réaliser un diagnostic de pollution des sols",
     "Étude historique puis investigations : c’est la première dépense à engager, souvent aidée.",
     "Comprendre un diagnostic de pollution des sols", "diagnostic_pollution_a_faire", 100),
    ("connaitre", "Actualiser le diagnostic de pollution",
     "Un diagnostic de plus de cinq ans doit être complété avant de chiffrer la dépollution.",
     "Comprendre un diagnostic de pollution des sols", "diagnostic_a_actualiser", 95),
    ("connaitre", "Faire le repérage de l’amiante", "Obligatoire avant toute démolition.", "",
     "diagnostic_amiante_a_faire", 90),
    ("connaitre", "Faire un inventaire faune-flore", "Sur un cycle de saisons si possible.", "", "inventaire_a_faire", 80),
    ("connaitre", "Faire diagnostiquer le bâti", "Structure, réseaux, couverture : que peut-on garder ?", "",
     "bati_reutilisable", 70),
    ("envisager", "Comparer plusieurs scénarios d’usage",
     "Une étude de programmation confronte les usages au marché local et aux besoins de la commune.",
     "Cahier des charges type d’une étude de programmation", "plusieurs_scenarios", 100),
    ("envisager", "Lancer une étude de programmation", "Partir des besoins du territoire pour imaginer le devenir du site.",
     "Cahier des charges type d’une étude de programmation", "pas_d_idee", 100),
    ("envisager", "Vérifier ce que permet le document d’urbanisme",
     "Zonage, règlement, servitudes : interrogez le service instructeur.", "", "urbanisme_a_verifier", 90),
    ("envisager", "Étudier la faisabilité d’une centrale photovoltaïque",
     "Distance au poste électrique, ensoleillement, contraintes de sol.",
     "Installer une centrale photovoltaïque au sol sur une friche", "usage:photovoltaique", 80),
    ("envisager", "Étudier la renaturation du site", "Désimperméabiliser, reconstituer des sols vivants, ouvrir au public.",
     "Renaturer une friche : retours d’expérience", "usage:renaturation", 80),
    ("consolider", "Établir le bilan d’opération et le plan de financement",
     "Le document que demanderont tous les financeurs.", "Bilan d’opération : modèle de tableur", "besoin_financement", 100),
    ("consolider", "Négocier l’acquisition, avec un portage par l’EPF",
     "L’établissement public foncier peut acheter et porter le site le temps des études.", "", "negociation_fonciere", 90),
    ("consolider", "Faire évoluer le PLU", "Modification ou révision : lancez-la en parallèle des études.", "", "evolution_plu", 80),
    ("consolider", "Choisir un opérateur", "Appel à manifestation d’intérêt, concession d’aménagement, bail.", "",
     "operateur_a_trouver", 70),
    ("engager", "Dépolluer le site selon le plan de gestion", "Travaux suivis par un bureau d’études certifié.", "",
     "pollution_averee", 100),
    ("engager", "Déconstruire et désamianter", "Avec tri et réemploi des matériaux.", "", "bati_degrade", 90),
    ("engager", "Lancer les travaux d’aménagement", "Et prévoir l’inauguration !", "", "", 50),
]  # fmt: skip

CONTACTS = [
    # (organisation, kind, person, role, email, step, conditions, departements, regions, summary)
    ("DDT des Ardennes — mission friches", "ddt", "Service urbanisme et habitat", "", "friches@ddt08.example", "", "",
     ["08"], [], "Premier interlocuteur de l’État : urbanisme, procédures, appels à projets."),
    ("Établissement public foncier du Grand Est", "epf", "Chargé d’opérations foncières", "", "contact@epf-grandest.example",
     "consolider", "", [], GRAND_EST, "Achète et porte le foncier, finance des études et des travaux de requalification."),
    ("ADEME — direction régionale Grand Est", "ademe", "Pôle sites et sols pollués", "", "friches.grandest@ademe.example",
     "connaitre", "pollution_a_etudier", [], GRAND_EST, "Conseille et aide au financement des études et travaux de dépollution."),
    ("DREAL Grand Est", "dreal", "Unité risques et sols pollués", "", "sols-pollues@dreal-grandest.example", "connaitre",
     "pollution_averee", [], GRAND_EST, "Suit les anciens sites industriels et la gestion de leur pollution."),
    ("Cerema — direction Est", "cerema", "Équipe friches et foncier", "", "friches.est@cerema.example", "envisager", "besoin_ingenierie",
     [], GRAND_EST, "Appui en ingénierie aux collectivités : diagnostics, programmation, méthodes."),
    ("Région Grand Est — direction de l’aménagement", "region", "Service reconquête des friches", "", "friches@grandest.example",
     "consolider", "besoin_financement", [], GRAND_EST, "Cofinance les projets de reconversion des communes et intercommunalités."),
    ("CAUE des Ardennes", "caue", "", "", "contact@caue08.example", "envisager", "", ["08"], [],
     "Conseil gratuit en architecture et paysage pour imaginer le devenir du site."),
]  # fmt: skip

FUNDING = [
    # (name, funder, beneficiaries, covers, rate, ceiling, deadline, step, conditions, departements, regions)
    ("Fonds pour le recyclage des friches (exemple)", "État — préfecture de région", ["commune", "epci", "epf", "bailleur"],
     "Le déficit des opérations d’aménagement : acquisition, dépollution, démolition, aménagement.", Decimal("50"), 1_000_000,
     dt.date(2027, 3, 31), "consolider", "", [], []),
    ("Aide aux études de pollution (exemple)", "ADEME", ["commune", "epci", "epf"],
     "Diagnostics, plans de gestion et études de faisabilité de la dépollution.", Decimal("70"), 100_000, None,
     "connaitre", "pollution_a_etudier", [], []),
    ("Aide aux travaux de dépollution (exemple)", "ADEME", ["commune", "epci", "epf", "bailleur"],
     "Travaux de dépollution pour un usage futur, quand le pollueur est défaillant.", Decimal("55"), 2_000_000, None,
     "engager", "pollution_averee", [], []),
    ("Reconquête des friches (exemple)", "Région Grand Est", ["commune", "epci"],
     "Études préalables et travaux de requalification des friches urbaines.", Decimal("30"), 500_000, dt.date(2027, 6, 30),
     "consolider", "", [], GRAND_EST),
    ("Portage foncier (exemple)", "Établissement public foncier du Grand Est", ["commune", "epci"],
     "Acquisition et portage du site pendant cinq ans, travaux de proto-aménagement.", None, None, None,
     "consolider", "negociation_fonciere", [], GRAND_EST),
    ("Ingénierie territoriale (exemple)", "Banque des Territoires", ["commune", "epci"],
     "Études de programmation et assistance à maîtrise d’ouvrage.", Decimal("50"), 80_000, None,
     "envisager", "besoin_ingenierie", [], []),
]  # fmt: skip


def load() -> None:
    resources = {}
    for order, (title, kind, step, conditions, summary) in enumerate(RESOURCES):
        resources[title], _ = Resource.objects.update_or_create(
            title=title,
            defaults={
                "kind": kind,
                "step": step,
                "conditions": conditions,
                "summary": summary,
                "priority": 100 - order,
            },
        )
    for step, title, text, resource, conditions, priority in ACTIONS:
        ActionTemplate.objects.update_or_create(
            title=title,
            defaults={
                "step": step,
                "text": text,
                "resource": resources.get(resource),
                "conditions": conditions,
                "priority": priority,
            },
        )
    for name, kind, person, role, email, step, conditions, departements, regions, summary in CONTACTS:
        Contact.objects.update_or_create(
            organisation_name=name,
            defaults={
                "kind": kind,
                "person_name": person,
                "person_role": role,
                "email": email,
                "step": step,
                "conditions": conditions,
                "departements": departements,
                "regions": regions,
                "summary": summary,
            },
        )
    for name, funder, who, covers, rate, ceiling, deadline, step, conditions, departements, regions in FUNDING:
        FundingScheme.objects.update_or_create(
            name=name,
            defaults={
                "funder": funder,
                "beneficiaries": who,
                "covers": covers,
                "rate_percent": rate,
                "ceiling_eur": ceiling,
                "deadline": deadline,
                "step": step,
                "conditions": conditions,
                "departements": departements,
                "regions": regions,
            },
        )
