from transition.products.comobi.services.imports import offers_import

from ._importing import ImportCommand


class Command(ImportCommand):
    help = "Importe le tableur des conducteurs d’un territoire (colonnes de comobi-core), tout ou rien."
    importer = staticmethod(offers_import)
