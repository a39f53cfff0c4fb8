"""A small OpenID Connect client (authorization-code flow) on jwcrypto and requests.

It follows what ProConnect and FranceConnect document: discovery, `state` and `nonce` kept
server-side, the id_token signed (RS256 or ES256) and checked against the provider's JWKS
(iss, aud, exp, iat, nonce), userinfo answered as a signed JWT, logout through the provider's
end-session endpoint with `id_token_hint` and `state`.
"""

import json
import time
from dataclasses import dataclass
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.core.cache import cache
from jwcrypto import jwk, jws, jwt
from jwcrypto.common import JWException

ALLOWED_ALGS = ("RS256", "ES256")


class OIDCError(Exception):
    """A failed sign-in round trip. `message` is in French, for the person."""

    def __init__(self, message: str, *, detail: str = ""):
        super().__init__(detail or message)
        self.message = message
        self.detail = detail


PROVIDER_UNAVAILABLE = "Le service de connexion ne répond pas. Réessayez dans quelques minutes."
INVALID_RESPONSE = (
    "La réponse du service de connexion n’a pas pu être vérifiée. Vous n’êtes pas connecté : recommencez."
)
EXPIRED = "La connexion a expiré. Vous n’êtes pas connecté : recommencez."


@dataclass(frozen=True)
class ProviderConfig:
    slug: str
    label: str
    base_url: str
    client_id: str
    client_secret: str
    scopes: str
    acr_values: str

    @property
    def discovery_url(self) -> str:
        return f"{self.base_url}/.well-known/openid-configuration"


def configured_providers() -> dict[str, ProviderConfig]:
    """Providers with a client id, in the order of settings.OIDC_PROVIDERS."""
    result = {}
    for slug, conf in settings.OIDC_PROVIDERS.items():
        if conf.get("client_id"):
            result[slug] = ProviderConfig(
                slug=slug,
                label=conf["label"],
                base_url=conf["base_url"].rstrip("/"),
                client_id=conf["client_id"],
                client_secret=conf.get("client_secret", ""),
                scopes=conf["scopes"],
                acr_values=conf.get("acr_values", ""),
            )
    return result


def _get_json(url: str, what: str) -> dict:
    try:
        response = requests.get(url, timeout=settings.OIDC_HTTP_TIMEOUT_S, headers={"Accept": "application/json"})
        response.raise_for_status()
        return response.json()
    except (requests.RequestException, ValueError) as exc:
        raise OIDCError(PROVIDER_UNAVAILABLE, detail=f"{what} {url}: {exc}") from exc


def discovery(provider: ProviderConfig, *, refresh: bool = False) -> dict:
    key = f"oidc:discovery:{provider.discovery_url}"
    document = None if refresh else cache.get(key)
    if document is None:
        document = _get_json(provider.discovery_url, "discovery")
        for field in ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri"):
            if not isinstance(document.get(field), str):
                raise OIDCError(PROVIDER_UNAVAILABLE, detail=f"discovery sans {field}")
        cache.set(key, document, settings.OIDC_DISCOVERY_CACHE_S)
    return document


def _jwks(provider: ProviderConfig, *, refresh: bool = False) -> jwk.JWKSet:
    uri = discovery(provider)["jwks_uri"]
    key = f"oidc:jwks:{uri}"
    text = None if refresh else cache.get(key)
    if text is None:
        text = json.dumps(_get_json(uri, "jwks"))
        cache.set(key, text, settings.OIDC_DISCOVERY_CACHE_S)
    try:
        return jwk.JWKSet.from_json(text)
    except (JWException, ValueError) as exc:
        raise OIDCError(PROVIDER_UNAVAILABLE, detail=f"jwks illisible: {exc}") from exc


def authorization_url(provider: ProviderConfig, *, redirect_uri: str, state: str, nonce: str) -> str:
    params = {
        "response_type": "code",
        "client_id": provider.client_id,
        "redirect_uri": redirect_uri,
        "scope": provider.scopes,
        "state": state,
        "nonce": nonce,
    }
    if provider.acr_values:
        params["acr_values"] = provider.acr_values
    return f"{discovery(provider)['authorization_endpoint']}?{urlencode(params)}"


def _verified_claims(provider: ProviderConfig, token: str, what: str) -> dict:
    """Signature (RS256/ES256, key from the JWKS, one refresh when the kid is unknown), then
    issuer and audience."""
    document = discovery(provider)
    try:
        header = jws.JWS()
        header.deserialize(token)
        alg = header.jose_header.get("alg")
    except (JWException, ValueError) as exc:
        raise OIDCError(INVALID_RESPONSE, detail=f"{what} illisible: {exc}") from exc
    if alg not in ALLOWED_ALGS:
        raise OIDCError(INVALID_RESPONSE, detail=f"{what}: algorithme refusé {alg!r}")
    for refresh in (False, True):
        keys = _jwks(provider, refresh=refresh)
        try:
            verified = jwt.JWT(jwt=token, key=keys, algs=[alg], check_claims=False, expected_type="JWS")
            break
        except jwt.JWTMissingKey:
            if refresh:
                raise OIDCError(INVALID_RESPONSE, detail=f"{what}: clé inconnue") from None
        except (JWException, ValueError) as exc:
            raise OIDCError(INVALID_RESPONSE, detail=f"{what}: signature invalide ({exc})") from exc
    try:
        claims = json.loads(verified.claims)
    except ValueError as exc:
        raise OIDCError(INVALID_RESPONSE, detail=f"{what}: contenu illisible") from exc
    if claims.get("iss") != document["issuer"]:
        raise OIDCError(INVALID_RESPONSE, detail=f"{what}: iss {claims.get('iss')!r}")
    audience = claims.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    if provider.client_id not in audiences:
        raise OIDCError(INVALID_RESPONSE, detail=f"{what}: aud {audience!r}")
    if len(audiences) > 1 and claims.get("azp") != provider.client_id:
        raise OIDCError(INVALID_RESPONSE, detail=f"{what}: azp {claims.get('azp')!r}")
    return claims


def id_token_verify(provider: ProviderConfig, token: str, *, nonce: str, now: float | None = None) -> dict:
    claims = _verified_claims(provider, token, "id_token")
    now = time.time() if now is None else now
    skew = settings.OIDC_CLOCK_SKEW_S
    exp, iat = claims.get("exp"), claims.get("iat")
    if not isinstance(exp, int | float) or not isinstance(iat, int | float):
        raise OIDCError(INVALID_RESPONSE, detail="id_token sans exp ou iat")
    if exp + skew < now:
        raise OIDCError(EXPIRED, detail=f"id_token expiré ({exp} < {now})")
    if iat - skew > now:
        raise OIDCError(INVALID_RESPONSE, detail="id_token émis dans le futur")
    if not nonce or claims.get("nonce") != nonce:
        raise OIDCError(INVALID_RESPONSE, detail="nonce différent")
    if not claims.get("sub"):
        raise OIDCError(INVALID_RESPONSE, detail="id_token sans sub")
    return claims


@dataclass(frozen=True)
class Tokens:
    id_token: str
    access_token: str


def code_exchange(provider: ProviderConfig, *, code: str, redirect_uri: str) -> Tokens:
    document = discovery(provider)
    data = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri}
    auth = None
    methods = document.get("token_endpoint_auth_methods_supported") or ["client_secret_basic"]
    if "client_secret_post" in methods:
        data.update(client_id=provider.client_id, client_secret=provider.client_secret)
    else:
        auth = (provider.client_id, provider.client_secret)
    try:
        response = requests.post(
            document["token_endpoint"],
            data=data,
            auth=auth,
            timeout=settings.OIDC_HTTP_TIMEOUT_S,
            headers={"Accept": "application/json"},
        )
    except requests.RequestException as exc:
        raise OIDCError(PROVIDER_UNAVAILABLE, detail=f"token: {exc}") from exc
    if response.status_code != 200:
        raise OIDCError(INVALID_RESPONSE, detail=f"token: HTTP {response.status_code} {response.text[:200]}")
    try:
        body = response.json()
    except ValueError as exc:
        raise OIDCError(INVALID_RESPONSE, detail="token: réponse illisible") from exc
    if not isinstance(body.get("id_token"), str) or not isinstance(body.get("access_token"), str):
        raise OIDCError(INVALID_RESPONSE, detail="token: id_token ou access_token manquant")
    if str(body.get("token_type", "")).lower() != "bearer":
        raise OIDCError(INVALID_RESPONSE, detail=f"token: token_type {body.get('token_type')!r}")
    return Tokens(id_token=body["id_token"], access_token=body["access_token"])


def userinfo_fetch(provider: ProviderConfig, *, access_token: str, subject: str) -> dict:
    """Userinfo as a signed JWT (the providers' documented answer). Plain JSON is read only from
    a provider whose discovery announces no userinfo signing algorithm."""
    document = discovery(provider)
    try:
        response = requests.get(
            document["userinfo_endpoint"],
            headers={"Authorization": f"Bearer {access_token}", "Accept": "application/jwt, application/json"},
            timeout=settings.OIDC_HTTP_TIMEOUT_S,
        )
    except (requests.RequestException, KeyError) as exc:
        raise OIDCError(PROVIDER_UNAVAILABLE, detail=f"userinfo: {exc}") from exc
    if response.status_code != 200:
        raise OIDCError(INVALID_RESPONSE, detail=f"userinfo: HTTP {response.status_code}")
    content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if content_type == "application/jwt":
        claims = _verified_claims(provider, response.text.strip(), "userinfo")
    elif content_type == "application/json" and not document.get("userinfo_signing_alg_values_supported"):
        try:
            claims = response.json()
        except ValueError as exc:
            raise OIDCError(INVALID_RESPONSE, detail="userinfo illisible") from exc
    else:
        raise OIDCError(INVALID_RESPONSE, detail=f"userinfo non signé ({content_type!r})")
    if claims.get("sub") != subject:
        raise OIDCError(INVALID_RESPONSE, detail="userinfo: sub différent de l’id_token")
    return claims


def end_session_url(
    provider: ProviderConfig, *, id_token: str, state: str, post_logout_redirect_uri: str
) -> str | None:
    endpoint = discovery(provider).get("end_session_endpoint")
    if not endpoint:
        return None
    params = {"id_token_hint": id_token, "state": state, "post_logout_redirect_uri": post_logout_redirect_uri}
    return f"{endpoint}?{urlencode(params)}"
