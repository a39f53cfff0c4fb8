from transition.products.comobi.services.imports import ads_import

from ._importing import ImportCommand


class Command(ImportCommand):
    help = "Importe les annonces d’une plateforme Mobicoop (format « Basic ads », sans en-tête), tout ou rien."
    importer = staticmethod(ads_import)
