"""The CNIG standard for brownfield data (géostandard Friches, Table Schema `schema-friches`,
v1.0.6): its 51 fields in their order, with type, whether required, allowed values and pattern.

Facts of the published standard (cnigfr/schema-friches). Missing values are "", "NA", "NaN" and
"N/A"; the primary key is `site_id`; several values in one field are separated by "|".
"""

from dataclasses import dataclass

VERSION = "v1.0.6"
MISSING_VALUES = frozenset({"", "NA", "NaN", "N/A"})
PRIMARY_KEY = "site_id"
MULTI_VALUE_SEPARATOR = "|"


@dataclass(frozen=True)
class Field:
    name: str
    title: str
    type: str  # "string", "integer" or "date"
    required: bool = False
    fmt: str | None = None  # "%Y-%m-%d" or "%Y" for dates, "uri"
    enum: tuple[str, ...] = ()
    pattern: str | None = None


FIELDS: tuple[Field, ...] = (
    Field('site_id', 'identifiant du site', 'string', required=True),
    Field('site_nom', 'nom du site', 'string', required=True),
    Field('site_type', 'type de site', 'string', required=True, enum=('friche industrielle', 'friche commerciale', 'friche hospitalière', 'friche agro-industrielle', 'friche carrière ou mine', 'friche militaire', "friche d'habitat", "friche d'équipement public", 'friche portuaire', 'friche aéroportuaire', 'friche ferroviaire', 'friche logistique', 'friche loisir tourisme hôtellerie', 'friche enseignement', 'friche cultuelle', 'mixte - dominante habitat', 'mixte - autre', 'inconnu', 'autre', 'sans objet')),
    Field('site_adresse', 'adresse du site', 'string'),
    Field('site_identif_date', "date d'identification du site", 'date', required=True, fmt='%Y-%m-%d'),
    Field('site_actu_date', 'date de dernière actualisation', 'date', required=True, fmt='%Y-%m-%d'),
    Field('site_url', 'URL du site', 'string', pattern=r'^(https?://[^|\s]*\|)*https?://[^|\s]*$'),
    Field('site_ademe_url', 'URL de la fiche de l’ADEME', 'string', fmt='uri', pattern=r'^https?://[^|\s]*$'),
    Field('site_securite', 'type de sécurisation', 'string', enum=('évacuation des produits dangereux et déchets présents sur le site', "interdictions ou limitations d'accès au site", "suppression des risques d'incendie et d'explosion", "surveillance des effets de l'installation sur son environnement", 'mesures de gestion de pollution ou restrictions temporaires', "existence d'une attestation de mise en sécurité", 'inconnu', 'autre', 'sans objet')),
    Field('site_occupation', 'occupation du site', 'string', enum=('totalement inoccupé', 'partiellement inoccupé', 'occupation transitoire ou temporaire', 'occupation illicite supposée', 'occupation illicite avérée', 'inconnu', 'autre', 'sans objet')),
    Field('site_statut', 'statut du site', 'string', enum=('friche potentielle', 'friche sans projet', 'friche avec projet', 'friche reconvertie', 'inconnu', 'autre', 'sans objet')),
    Field('site_projet_url', "site web d'un éventuel projet sur le site", 'string', fmt='uri', pattern=r'^(https?://[^|\s]*)|([\w\-\.]+@([\w-]+\.)+[\w-]{2,})$'),
    Field('site_reconv_annee', "année d'achèvement de reconversion", 'date', fmt='%Y'),
    Field('site_reconv_type', 'type de reconversion', 'string', enum=('habitat', 'bureau', 'commerce', 'industrie', 'autres activités économiques', 'équipement public', "aménagement d'espace public", 'renaturation', 'panneaux photovoltaïques', 'énergie, hors photovoltaïque', 'mixte', 'inconnu', 'autre', 'sans objet')),
    Field('activite_libelle', 'libellé des activités', 'string'),
    Field('activite_code', 'code BASIAS des activités', 'string', pattern=r'(?:(?:^|\|)([A-Z]\d\d.\d\d[A-Z]|)\1+[A-Z]\d\d.\d\d[A-Z])+$'),
    Field('activite_fin_annee', "année de fin d'activité", 'date', fmt='%Y'),
    Field('comm_nom', 'nom de la commune', 'string', required=True),
    Field('comm_insee', 'code INSEE de la commune', 'string', required=True),
    Field('bati_type', 'type de bâtiments', 'string', pattern=r'(?:(?:^|\|)(industriel|commercial|résidentiel|secteur tertiaire|inconnu|autre|sans objet))+$'),
    Field('bati_nombre', 'nombre de bâtiments', 'integer'),
    Field('bati_surface', 'surface des bâtiments', 'integer'),
    Field('bati_pollution', 'pollution connue', 'string', enum=('amiante', 'plomb', 'inconnu', 'autre', 'sans objet')),
    Field('bati_vacance', 'état de vacance', 'string', enum=('occupé', 'partiellement occupé', 'vacant', 'inconnu', 'autre', 'sans objet')),
    Field('bati_patrimoine', 'présence de bâti patrimonial', 'string', enum=('aucun', "présence d'un bâtiment d'intérêt", "présence d'un bâtiment classé", 'inconnu', 'autre', 'sans objet')),
    Field('bati_etat', 'dégradation des bâtiment', 'string', enum=('dégradation inexistante ou faible', 'dégradation moyenne', 'dégradation très importante', 'dégradation hétérogène', 'inconnu', 'autre', 'sans objet')),
    Field('local_ancien_annee', 'première année de construction', 'date', fmt='%Y'),
    Field('local_recent_annee', 'dernière année de construction', 'date', fmt='%Y'),
    Field('proprio_type', 'type de propriétaire', 'string', pattern=r'(?:(?:^|\|)([A-Z]\d[a-z]|)\1+[A-Z]\d[a-z])+$'),
    Field('proprio_personne', 'type de personne', 'string', pattern=r'(?:(?:^|\|)(personne physique|personne morale|inconnu|autre|sans objet))+$'),
    Field('proprio_nom', 'nom du propriétaire', 'string'),
    Field('sol_pollution_annee', 'année de la pollution du sol', 'date', fmt='%Y'),
    Field('sol_pollution_existe', 'existence de pollution du sol', 'string', enum=('pollution inexistante', 'pollution traitée', 'pollution peu probable', 'pollution supposée', 'pollution avérée', 'inconnu', 'autre', 'sans objet')),
    Field('sol_pollution_origine', 'origine de la pollution du sol', 'string', enum=('dépôt de déchets, stockages de produits', "pollution due au fonctionnement de l'installation", 'origine accidentelle (transport, transbordement, manipulation,...)', 'retombées atmosphériques', 'inconnu', 'autre', 'sans objet')),
    Field('sol_pollution_commentaire', 'commentaire sur la pollution du sol', 'string'),
    Field('sol_depollution_fiche', 'fiche de dépollution', 'string', fmt='uri'),
    Field('unite_fonciere_surface', "surface de l'unité foncière", 'integer'),
    Field('unite_fonciere_refcad', 'liste des parcelles cadastrale', 'string', pattern=r'(?:(?:^|\|)([0-9A-B]{2}\d{6}[0-9A-Z]{2}\d{4}|)\1+[0-9A-B]{2}\d{6}[0-9A-Z]{2}\d{4})+$'),
    Field('urba_zone_type', "type de zone d'urbanisme", 'string', enum=('U', 'AUc', 'AUs', 'A', 'N', 'Zc', 'ZCa', 'ZnC', 'RNU', 'inconnu', 'autre', 'sans objet')),
    Field('urba_zone_lib', "libellé de la zone d'urbanisme", 'string'),
    Field('urba_zone_formdomi', 'forme dominante de la zone', 'string'),
    Field('urba_zaer', "situation en zone d'accélération des énergies renouvelables", 'string', required=True, enum=('oui', 'non', 'inconnu')),
    Field('urba_doc_type', "type de document d'urbanisme", 'string', enum=('RNU', 'CC', 'PLU', 'PLUI', 'PSMV', 'inconnu', 'autre', 'sans objet')),
    Field('desserte_distance', "distances d'accès aux réseaux", 'string', pattern=r'\d{1,}\|\d{1,}\|\d{1,}'),
    Field('desserte_commentaire', 'desserte du site', 'string'),
    Field('source_nom', 'nom de la source', 'string', required=True),
    Field('source_url', 'URL de la source', 'string'),
    Field('source_producteur', 'identification du producteur', 'string'),
    Field('source_contact', 'adresse mail', 'string'),
    Field('geompoint', 'coordonnées du centroïde', 'string', required=True),
    Field('geomsurf', 'géométrie surfacique', 'string'),
)  # fmt: skip

FIELDS_BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}
FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in FIELDS)
REQUIRED: tuple[str, ...] = tuple(f.name for f in FIELDS if f.required)
