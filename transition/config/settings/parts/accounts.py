"""Settings of accounts and sign-in, read from the environment (listed in the README).

OIDC providers: the base URL is the issuer's, under which `/.well-known/openid-configuration`
is found. A provider without a client id is not offered on /connexion/.

    ProConnect     integration https://fca.integ01.dev-agentconnect.fr/api/v2
                   production  https://auth.agentconnect.gouv.fr/api/v2
    FranceConnect  integration https://fcp-low.sbx.dev-franceconnect.fr/api/v2
                   production  https://oidc.franceconnect.gouv.fr/api/v2
"""

from urllib.parse import urlsplit

from transition.config.env import env_bool, env_int, env_list, env_str

OIDC_PROVIDERS = {
    "proconnect": {
        "label": "ProConnect",
        "base_url": env_str("PROCONNECT_BASE_URL", "https://fca.integ01.dev-agentconnect.fr/api/v2").rstrip("/"),
        "client_id": env_str("PROCONNECT_CLIENT_ID"),
        "client_secret": env_str("PROCONNECT_CLIENT_SECRET"),
        "scopes": "openid given_name usual_name email siret",
        "acr_values": env_str("PROCONNECT_ACR_VALUES"),
    },
    "franceconnect": {
        "label": "FranceConnect",
        "base_url": env_str("FRANCECONNECT_BASE_URL", "https://fcp-low.sbx.dev-franceconnect.fr/api/v2").rstrip("/"),
        "client_id": env_str("FRANCECONNECT_CLIENT_ID"),
        "client_secret": env_str("FRANCECONNECT_CLIENT_SECRET"),
        "scopes": " ".join(["openid", "given_name", "family_name", "email", *env_list("FRANCECONNECT_EXTRA_SCOPES")]),
        "acr_values": "eidas1",
    },
}
OIDC_STATE_TTL_S = env_int("OIDC_STATE_TTL_S", 600)  # a round trip to the provider must end within
OIDC_HTTP_TIMEOUT_S = env_int("OIDC_HTTP_TIMEOUT_S", 10)
OIDC_DISCOVERY_CACHE_S = env_int("OIDC_DISCOVERY_CACHE_S", 3600)
OIDC_CLOCK_SKEW_S = env_int("OIDC_CLOCK_SKEW_S", 30)

# Forms that redirect to a provider (sign-out) need its origin in the CSP form-action.
CSP_EXTRA_FORM_ACTION = sorted(
    {
        *env_list("CSP_EXTRA_FORM_ACTION"),
        *("{0.scheme}://{0.netloc}".format(urlsplit(p["base_url"])) for p in OIDC_PROVIDERS.values() if p["client_id"]),
    }
)

EMAIL_LOGIN_LINK_TTL_S = env_int("EMAIL_LOGIN_LINK_TTL_S", 15 * 60)

# Accounts without a sign-in for this long are anonymised, after an email warning.
ACCOUNTS_INACTIVITY_DAYS = env_int("ACCOUNTS_INACTIVITY_DAYS", 730)
ACCOUNTS_INACTIVITY_WARNING_DAYS = env_int("ACCOUNTS_INACTIVITY_WARNING_DAYS", 30)
ACCOUNTS_INACTIVITY_JOB = env_bool("ACCOUNTS_INACTIVITY_JOB", True)

# Rate limits: (attempts, window in seconds) per client IP and per email address, by scope.
# A product's public form passes its own scope; an unknown scope uses "default".
RATE_LIMITS = {
    "default": {
        "ip": (env_int("RATE_LIMIT_DEFAULT_PER_IP", 60), 600),
        "email": (env_int("RATE_LIMIT_DEFAULT_PER_EMAIL", 10), 600),
    },
    # Agents of one administration often share one outgoing IP: per-IP limits stay generous,
    # per-address limits are what stop a mailbox from being flooded.
    "login_email": {
        "ip": (env_int("RATE_LIMIT_LOGIN_PER_IP", 100), 3600),
        "email": (env_int("RATE_LIMIT_LOGIN_PER_EMAIL", 5), 3600),
    },
    "login_link": {"ip": (env_int("RATE_LIMIT_LOGIN_PER_IP", 100), 3600)},
    "oidc": {"ip": (env_int("RATE_LIMIT_OIDC_PER_IP", 300), 600)},
    # Failed admin sign-ins (password or code) per IP; the answer never says which one failed.
    "admin_login": {"ip": (env_int("RATE_LIMIT_ADMIN_LOGIN_PER_IP", 10), 900)},
    # Wrong API tokens only (a right one is never counted): guessing stops after a few dozen tries.
    "api_token_failure": {"ip": (env_int("RATE_LIMIT_API_TOKEN_FAILURES_PER_IP", 20), 600)},
}
# When the site sits behind a proxy that sets it, the header holding the client's IP
# (as in request.META, e.g. HTTP_X_REAL_IP); empty: REMOTE_ADDR.
RATE_LIMIT_CLIENT_IP_HEADER = env_str("RATE_LIMIT_CLIENT_IP_HEADER")
