"""The demo questionnaire: four themes; answers emit the signals the referentials wait for."""

from ..models import Choice, Question, QuestionSet

# (heading, priority, precondition, [(short text, text, why, how, priority, precondition, multiple, upload,
#   [(value, text, signals, conclusion)])])
SURVEY = [
    (
        "Le site et sa propriété",
        1000,
        "",
        [
            (
                "Propriétaire",
                "Qui possède aujourd’hui le site ?",
                "Selon le propriétaire, les procédures, les financements et les interlocuteurs ne sont pas les mêmes.",
                "Les fichiers fonciers, le cadastre ou la direction départementale des finances publiques vous le disent.",
                500, "", False, "",
                [
                    ("collectivite", "La commune ou l’intercommunalité", "propriete_publique, maitrise_fonciere", "Foncier public"),
                    ("epf", "Un établissement public foncier", "propriete_publique, portage_epf", "Portage par l’EPF"),
                    ("prive", "Un propriétaire privé identifié", "propriete_privee", "Propriété privée"),
                    ("inconnu", "Un propriétaire inconnu ou injoignable", "proprietaire_inconnu", "Propriétaire à retrouver"),
                    ("plusieurs", "Plusieurs propriétaires", "propriete_privee, multi_proprietaires", "Propriété morcelée"),
                ],
            ),
            (
                "Recherche propriétaire",
                "Une procédure de bien sans maître ou en état d’abandon a-t-elle été engagée ?",
                "Sans propriétaire joignable, la commune peut acquérir le bien par une procédure dédiée.",
                "",
                400, "proprietaire_inconnu", False, "",
                [
                    ("oui", "Oui, elle est en cours", "procedure_biens_vacants_engagee", ""),
                    ("non", "Non, pas encore", "besoin_procedure_biens_vacants", "Procédure à engager"),
                ],
            ),
            (
                "Maîtrise foncière",
                "Où en êtes-vous de l’acquisition du site ?",
                "Maîtriser le foncier est souvent la condition pour engager des études et demander des aides.",
                "",
                300, "propriete_privee", False, "",
                [
                    ("acquis", "C’est fait", "maitrise_fonciere", ""),
                    ("negociation", "Nous négocions avec le propriétaire", "negociation_fonciere", "Négociation en cours"),
                    ("pas_encore", "Rien n’est engagé", "negociation_fonciere, besoin_portage", "Acquisition à préparer"),
                ],
            ),
        ],
    ),
    (
        "Connaissance du terrain et du bâti",
        900,
        "",
        [
            (
                "Pollution",
                "Le site a-t-il accueilli une activité qui a pu polluer les sols ?",
                "La pollution conditionne les usages possibles et le coût de la remise en état.",
                "Consultez la carte des anciens sites industriels (CASIAS) et les secteurs d’information sur les sols.",
                500, "", False, "Diagnostic ou étude existante",
                [
                    ("averee", "Oui, une pollution est connue", "pollution_averee, pollution_a_etudier", "Pollution avérée"),
                    ("suspectee", "C’est possible", "pollution_suspectee, pollution_a_etudier", "Pollution suspectée"),
                    ("non", "Non, de façon certaine", "pas_de_pollution", ""),
                    ("nsp", "Je ne sais pas", "pollution_a_etudier", "À vérifier"),
                ],
            ),
            (
                "Diagnostic pollution",
                "Un diagnostic de pollution des sols a-t-il été réalisé ?",
                "Un diagnostic récent évite de refaire des analyses et rassure les financeurs.",
                "",
                450, "pollution_a_etudier", False, "Rapport de diagnostic",
                [
                    ("recent", "Oui, il y a moins de 5 ans", "diagnostic_pollution_fait", ""),
                    ("ancien", "Oui, mais il est ancien", "diagnostic_a_actualiser", "Diagnostic à actualiser"),
                    ("non", "Non", "diagnostic_pollution_a_faire", "Diagnostic à faire"),
                ],
            ),
            (
                "Bâti",
                "Dans quel état sont les bâtiments du site ?",
                "Réhabiliter coûte souvent moins que démolir et reconstruire, et garde la mémoire du lieu.",
                "",
                400, "", False, "",
                [
                    ("bon", "Réutilisables", "bati_reutilisable", "Bâti réutilisable"),
                    ("degrade", "Dégradés ou en ruine", "bati_degrade", "Bâti dégradé"),
                    ("aucun", "Il n’y a pas de bâtiment", "pas_de_bati", ""),
                ],
            ),
            (
                "Amiante",
                "Les bâtiments contiennent-ils de l’amiante ?",
                "Avant toute démolition, un repérage de l’amiante est obligatoire.",
                "",
                350, "bati_degrade", False, "Repérage amiante",
                [
                    ("oui", "Oui", "amiante_presente", "Désamiantage à prévoir"),
                    ("nsp", "Je ne sais pas", "diagnostic_amiante_a_faire", "Repérage à faire"),
                    ("non", "Non, un repérage l’a vérifié", "", ""),
                ],
            ),
            (
                "Biodiversité",
                "Le site abrite-t-il une nature à préserver (zone humide, espèces protégées) ?",
                "Une friche ancienne est souvent recolonisée par la nature : mieux vaut le savoir tôt.",
                "",
                300, "", False, "",
                [
                    ("oui", "Oui", "enjeu_biodiversite", "Enjeu écologique"),
                    ("nsp", "Je ne sais pas", "inventaire_a_faire", "Inventaire à faire"),
                    ("non", "Non", "", ""),
                ],
            ),
        ],
    ),
    (
        "Le projet",
        800,
        "",
        [
            (
                "Devenir du site",
                "Savez-vous ce que le site pourrait devenir ?",
                "Les études à mener dépendent de la maturité du projet.",
                "",
                500, "", False, "",
                [
                    ("precis", "Oui, un projet précis", "projet_defini", ""),
                    ("pistes", "Plusieurs pistes", "plusieurs_scenarios", "Scénarios à comparer"),
                    ("aucune", "Pas encore", "pas_d_idee", "Programmation à mener"),
                ],
            ),
            (
                "Urbanisme",
                "Le document d’urbanisme permet-il ce que vous envisagez ?",
                "Une modification du PLU prend du temps : mieux vaut l’anticiper.",
                "",
                400, "", False, "",
                [
                    ("oui", "Oui", "", ""),
                    ("modification", "Il faudra le faire évoluer", "evolution_plu", "Évolution du PLU"),
                    ("nsp", "Je ne sais pas", "urbanisme_a_verifier", "À vérifier"),
                ],
            ),
            (
                "Porteur",
                "Qui portera l’opération ?",
                "",
                "",
                300, "", False, "",
                [
                    ("collectivite", "La collectivité", "maitrise_ouvrage_publique", ""),
                    ("operateur", "Un aménageur, un bailleur ou une entreprise", "operateur_prive", ""),
                    ("a_trouver", "Il reste à le trouver", "operateur_a_trouver", "Opérateur à trouver"),
                ],
            ),
        ],
    ),
    (
        "Les moyens",
        700,
        "",
        [
            (
                "Ingénierie",
                "De quels appuis avez-vous besoin ? (plusieurs réponses possibles)",
                "Des organismes publics accompagnent gratuitement les petites collectivités.",
                "",
                500, "", True, "",
                [
                    ("etudes", "Pour mener les études", "besoin_ingenierie", ""),
                    ("montage", "Pour le montage juridique et financier", "besoin_financement, besoin_ingenierie", ""),
                    ("financement", "Pour trouver des financements", "besoin_financement", ""),
                    ("aucun", "Aucun pour l’instant", "", ""),
                ],
            ),
        ],
    ),
]  # fmt: skip


def load() -> None:
    for heading, priority, precondition, questions in SURVEY:
        question_set, _ = QuestionSet.objects.update_or_create(
            heading=heading, defaults={"priority": priority, "precondition": precondition}
        )
        for short, text, why, how, q_priority, q_pre, multiple, upload, choices in questions:
            question, _ = Question.objects.update_or_create(
                question_set=question_set,
                text_short=short,
                defaults={
                    "text": text,
                    "why": why,
                    "how": how,
                    "priority": q_priority,
                    "precondition": q_pre,
                    "is_multiple": multiple,
                    "upload_title": upload,
                },
            )
            for order, (value, choice_text, signals, conclusion) in enumerate(choices):
                Choice.objects.update_or_create(
                    question=question,
                    value=value,
                    defaults={
                        "text": choice_text,
                        "signals": signals,
                        "conclusion": conclusion,
                        "priority": 100 - order,
                    },
                )
