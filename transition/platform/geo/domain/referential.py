"""Facts of the French administrative geography: names of régions and départements by INSEE code,
how a département code is written, which codes are municipal arrondissements."""

REGIONS: dict[str, str] = {
    "01": "Guadeloupe",
    "02": "Martinique",
    "03": "Guyane",
    "04": "La Réunion",
    "06": "Mayotte",
    "11": "Île-de-France",
    "24": "Centre-Val de Loire",
    "27": "Bourgogne-Franche-Comté",
    "28": "Normandie",
    "32": "Hauts-de-France",
    "44": "Grand Est",
    "52": "Pays de la Loire",
    "53": "Bretagne",
    "75": "Nouvelle-Aquitaine",
    "76": "Occitanie",
    "84": "Auvergne-Rhône-Alpes",
    "93": "Provence-Alpes-Côte d'Azur",
    "94": "Corse",
}

DEPARTEMENTS: dict[str, str] = {
    "01": "Ain", "02": "Aisne", "03": "Allier", "04": "Alpes-de-Haute-Provence", "05": "Hautes-Alpes",
    "06": "Alpes-Maritimes", "07": "Ardèche", "08": "Ardennes", "09": "Ariège", "10": "Aube", "11": "Aude",
    "12": "Aveyron", "13": "Bouches-du-Rhône", "14": "Calvados", "15": "Cantal", "16": "Charente",
    "17": "Charente-Maritime", "18": "Cher", "19": "Corrèze", "2A": "Corse-du-Sud", "2B": "Haute-Corse",
    "21": "Côte-d'Or", "22": "Côtes-d'Armor", "23": "Creuse", "24": "Dordogne", "25": "Doubs", "26": "Drôme",
    "27": "Eure", "28": "Eure-et-Loir", "29": "Finistère", "30": "Gard", "31": "Haute-Garonne", "32": "Gers",
    "33": "Gironde", "34": "Hérault", "35": "Ille-et-Vilaine", "36": "Indre", "37": "Indre-et-Loire",
    "38": "Isère", "39": "Jura", "40": "Landes", "41": "Loir-et-Cher", "42": "Loire", "43": "Haute-Loire",
    "44": "Loire-Atlantique", "45": "Loiret", "46": "Lot", "47": "Lot-et-Garonne", "48": "Lozère",
    "49": "Maine-et-Loire", "50": "Manche", "51": "Marne", "52": "Haute-Marne", "53": "Mayenne",
    "54": "Meurthe-et-Moselle", "55": "Meuse", "56": "Morbihan", "57": "Moselle", "58": "Nièvre", "59": "Nord",
    "60": "Oise", "61": "Orne", "62": "Pas-de-Calais", "63": "Puy-de-Dôme", "64": "Pyrénées-Atlantiques",
    "65": "Hautes-Pyrénées", "66": "Pyrénées-Orientales", "67": "Bas-Rhin", "68": "Haut-Rhin", "69": "Rhône",
    "70": "Haute-Saône", "71": "Saône-et-Loire", "72": "Sarthe", "73": "Savoie", "74": "Haute-Savoie",
    "75": "Paris", "76": "Seine-Maritime", "77": "Seine-et-Marne", "78": "Yvelines", "79": "Deux-Sèvres",
    "80": "Somme", "81": "Tarn", "82": "Tarn-et-Garonne", "83": "Var", "84": "Vaucluse", "85": "Vendée",
    "86": "Vienne", "87": "Haute-Vienne", "88": "Vosges", "89": "Yonne", "90": "Territoire de Belfort",
    "91": "Essonne", "92": "Hauts-de-Seine", "93": "Seine-Saint-Denis", "94": "Val-de-Marne", "95": "Val-d'Oise",
    "971": "Guadeloupe", "972": "Martinique", "973": "Guyane", "974": "La Réunion", "976": "Mayotte",
    "975": "Saint-Pierre-et-Miquelon", "977": "Saint-Barthélemy", "978": "Saint-Martin",
    "986": "Wallis-et-Futuna", "987": "Polynésie française", "988": "Nouvelle-Calédonie",
}  # fmt: skip

DEPARTEMENT_REGION: dict[str, str] = {"971": "01", "972": "02", "973": "03", "974": "04", "976": "06"}

# Municipal arrondissements of Paris, Marseille and Lyon: INSEE codes of their own, beside the
# commune's (75056, 13055, 69123).
_ARRONDISSEMENT_RANGES = (("75101", "75120"), ("13201", "13216"), ("69381", "69389"))


def departement_code(raw: str) -> str | None:
    """'1' -> '01', '2a' -> '2A', '971' -> '971'; None when it is not a département code."""
    value = raw.strip().upper()
    if value in ("2A", "2B"):
        return value
    if not value.isdigit():
        return None
    if len(value) <= 2:
        return value.zfill(2) if value not in ("0", "00", "20") else None
    if len(value) == 3 and value.startswith(("97", "98")):
        return value
    return None


def departement_of_commune(code: str) -> str:
    """The département of a commune from its INSEE code: '13201' -> '13', '97411' -> '974'."""
    return code[:3] if code.startswith(("97", "98")) else code[:2]


def is_arrondissement(code: str) -> bool:
    return any(low <= code <= high for low, high in _ARRONDISSEMENT_RANGES)


def is_commune_code(code: str) -> bool:
    """Five characters, digits, or 2A/2B followed by three digits (Corsica)."""
    if len(code) != 5:
        return False
    if code[:2] in ("2A", "2B"):
        return code[2:].isdigit()
    return code.isdigit()


def context_of(citycode: str) -> str:
    """The BAN's `context`, as far as the code tells: 'département code, département name'."""
    departement = departement_of_commune(citycode)
    parts = [departement]
    name = DEPARTEMENTS.get(departement)
    if name:
        parts.append(name)
    return ", ".join(parts)
