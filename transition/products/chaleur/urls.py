from .urls_demands import urlpatterns as demand_urls
from .urls_public import urlpatterns as public_urls

app_name = "chaleur"

urlpatterns = [*public_urls, *demand_urls]
