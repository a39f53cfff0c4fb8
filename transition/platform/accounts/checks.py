"""System checks of accounts, run by `manage.py check --deploy` (and `deploy_check`)."""

from django.conf import settings
from django.core.checks import Tags, register
from django.core.checks import Warning as CheckWarning


@register(Tags.security, deploy=True)
def client_ip_header_check(app_configs, **kwargs):
    """Behind the reverse proxy of docs/deploy.md, REMOTE_ADDR is the proxy's: without the header
    holding the client's address, every visitor shares one rate limit (one person can exhaust it
    for all, or nobody is ever limited)."""
    if settings.RATE_LIMIT_CLIENT_IP_HEADER:
        return []
    return [
        CheckWarning(
            "RATE_LIMIT_CLIENT_IP_HEADER est vide : derrière un proxy, tous les visiteurs partagent "
            "l’adresse du proxy et donc les mêmes limites de débit.",
            hint="Réglez RATE_LIMIT_CLIENT_IP_HEADER=HTTP_X_REAL_IP (nginx : proxy_set_header X-Real-IP "
            "$remote_addr ; docs/deploy.md). Sans proxy, ajoutez accounts.W001 à SILENCED_SYSTEM_CHECKS.",
            id="accounts.W001",
        )
    ]
