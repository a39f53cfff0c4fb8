"""A real OpenID Connect provider on loopback, for the tests: discovery, authorize (consents at
once and redirects back), token, userinfo (a signed JWT), jwks and end-session, over HTTP in a
thread. Its keys (RSA and EC P-256) are generated when it starts.

Knobs let a test make it misbehave the way an attacker or a broken provider would.
"""

import functools
import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

from jwcrypto import jwk, jwt
from jwcrypto.common import base64url_encode

BASE_PATH = "/api/v2"


@functools.cache
def _generated_keys() -> tuple[dict, dict]:
    """The provider's signing keys, and impostor keys with the same kid: generated once per
    test process (RSA generation is the slow part of a provider's start)."""
    keys = {
        "RS256": jwk.JWK.generate(kty="RSA", size=2048, kid=f"rsa-{secrets.token_hex(4)}", use="sig", alg="RS256"),
        "ES256": jwk.JWK.generate(kty="EC", crv="P-256", kid=f"ec-{secrets.token_hex(4)}", use="sig", alg="ES256"),
    }
    foreign = {
        "RS256": jwk.JWK.generate(kty="RSA", size=2048, kid=keys["RS256"]["kid"], alg="RS256"),
        "ES256": jwk.JWK.generate(kty="EC", crv="P-256", kid=keys["ES256"]["kid"], alg="ES256"),
    }
    return keys, foreign


@dataclass
class Knobs:
    alg: str = "RS256"  # id_token and userinfo signature: RS256 or ES256
    identity: dict = field(default_factory=dict)  # claims of the next person to sign in
    nonce_override: str | None = None  # a wrong nonce in the id_token
    sign_with_foreign_key: bool = False  # a signature by a key absent from the JWKS
    expired: bool = False  # an id_token whose exp has passed
    userinfo_plain_json: bool = False  # userinfo as unsigned JSON
    advertise_plain_userinfo: bool = False  # discovery without userinfo_signing_alg_values_supported
    id_token_claims: dict = field(default_factory=dict)  # claims forced into the id_token (None removes)
    userinfo_claims: dict = field(default_factory=dict)  # claims forced into userinfo


class OIDCProvider:
    def __init__(self, *, client_id: str = "client-transition", client_secret: str = "secret-transition"):
        self.client_id = client_id
        self.client_secret = client_secret
        self.knobs = Knobs()
        self.keys, self.foreign_keys = _generated_keys()
        self.codes: dict[str, dict] = {}
        self.access_tokens: dict[str, dict] = {}
        self.end_session_calls: list[dict] = []
        self.token_calls = 0
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    # lifecycle
    def start(self) -> "OIDCProvider":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def origin(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def issuer(self) -> str:
        return f"{self.origin}{BASE_PATH}"

    # tokens
    def _sign(self, claims: dict) -> str:
        alg = self.knobs.alg
        if alg == "HS256":  # a symmetric signature with the client secret: must be refused
            key = jwk.JWK(kty="oct", k=base64url_encode(hashlib.sha256(self.client_secret.encode()).digest()), kid="hs")
        else:
            key = self.foreign_keys[alg] if self.knobs.sign_with_foreign_key else self.keys[alg]
        token = jwt.JWT(header={"alg": alg, "kid": key["kid"], "typ": "JWT"}, claims=claims)
        token.make_signed_token(key)
        return token.serialize()

    def discovery_document(self) -> dict:
        document = {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "jwks_uri": f"{self.issuer}/jwks",
            "end_session_endpoint": f"{self.issuer}/session/end",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256", "ES256"],
            "userinfo_signing_alg_values_supported": ["RS256", "ES256"],
            "token_endpoint_auth_methods_supported": ["client_secret_post"],
            "scopes_supported": ["openid", "given_name", "family_name", "usual_name", "email", "siret"],
            "acr_values_supported": ["eidas1"],
        }
        if self.knobs.advertise_plain_userinfo:
            del document["userinfo_signing_alg_values_supported"]
        return document

    def _handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format, *args):  # quiet
                pass

            def _send(self, status: int, body: str = "", content_type: str = "application/json", headers=None):
                data = body.encode()
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def _redirect(self, location: str):
                self._send(302, "", "text/plain", {"Location": location})

            def do_GET(self):
                url = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                path = url.path.removeprefix(BASE_PATH)
                if path == "/.well-known/openid-configuration":
                    self._send(200, json.dumps(provider.discovery_document()))
                elif path == "/jwks":
                    keys = [json.loads(k.export_public()) for k in provider.keys.values()]
                    self._send(200, json.dumps({"keys": keys}))
                elif path == "/authorize":
                    self._authorize(query)
                elif path == "/userinfo":
                    self._userinfo()
                elif path == "/session/end":
                    provider.end_session_calls.append(query)
                    target = query.get("post_logout_redirect_uri", "")
                    if not target:
                        self._send(400, '{"error":"invalid_request"}')
                        return
                    self._redirect(f"{target}?{urlencode({'state': query.get('state', '')})}")
                else:
                    self._send(404, '{"error":"not_found"}')

            def _authorize(self, query):
                required = ("response_type", "client_id", "redirect_uri", "scope", "state", "nonce")
                if any(not query.get(name) for name in required) or query["client_id"] != provider.client_id:
                    self._send(400, '{"error":"invalid_request"}')
                    return
                code = secrets.token_urlsafe(24)
                provider.codes[code] = {
                    "nonce": query["nonce"],
                    "redirect_uri": query["redirect_uri"],
                    "scope": query["scope"],
                    "acr_values": query.get("acr_values", ""),
                    "identity": dict(provider.knobs.identity),
                }
                self._redirect(f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query['state']})}")

            def _userinfo(self):
                auth = self.headers.get("Authorization", "")
                grant = provider.access_tokens.get(auth.removeprefix("Bearer "))
                if not auth.startswith("Bearer ") or grant is None:
                    self._send(401, '{"error":"invalid_token"}')
                    return
                claims = {**grant["identity"], "iss": provider.issuer, "aud": provider.client_id}
                claims.update(iat=int(time.time()), exp=int(time.time()) + 60)
                claims.update(provider.knobs.userinfo_claims)
                if provider.knobs.userinfo_plain_json:
                    self._send(200, json.dumps(claims))
                else:
                    self._send(200, provider._sign(claims), "application/jwt")

            def do_POST(self):
                url = urlsplit(self.path)
                if url.path.removeprefix(BASE_PATH) != "/token":
                    self._send(404, '{"error":"not_found"}')
                    return
                length = int(self.headers.get("Content-Length", "0"))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                provider.token_calls += 1
                if form.get("client_id") != provider.client_id or form.get("client_secret") != provider.client_secret:
                    self._send(401, '{"error":"invalid_client"}')
                    return
                grant = provider.codes.pop(form.get("code", ""), None)  # codes are single use
                if form.get("grant_type") != "authorization_code" or grant is None:
                    self._send(400, '{"error":"invalid_grant"}')
                    return
                if form.get("redirect_uri") != grant["redirect_uri"]:
                    self._send(400, '{"error":"invalid_grant"}')
                    return
                now = int(time.time())
                knobs = provider.knobs
                claims = {
                    "iss": provider.issuer,
                    "aud": provider.client_id,
                    "sub": grant["identity"]["sub"],
                    "iat": now - (3600 if knobs.expired else 0),
                    "exp": now - 600 if knobs.expired else now + 60,
                    "nonce": knobs.nonce_override if knobs.nonce_override is not None else grant["nonce"],
                    "acr": grant["acr_values"] or "eidas1",
                    "amr": ["pwd"],
                }
                claims.update(knobs.id_token_claims)
                claims = {k: v for k, v in claims.items() if v is not None}
                access_token = secrets.token_urlsafe(24)
                provider.access_tokens[access_token] = grant
                body = {
                    "access_token": access_token,
                    "token_type": "Bearer",
                    "expires_in": 60,
                    "id_token": provider._sign(claims),
                    "scope": grant["scope"],
                }
                self._send(200, json.dumps(body))

        return Handler


PROCONNECT_AGENT = {
    "sub": "agent-0001",
    "email": "camille.agent@ecologie.gouv.fr",
    "given_name": "Camille",
    "usual_name": "Agent",
    "siret": "13002526500013",  # the DINUM's SIRET, a real and valid one
}
FRANCECONNECT_CITIZEN = {
    "sub": "citoyen-0001",
    "email": "angela.dubois@example.fr",
    "given_name": "Angela Claire Louise",
    "family_name": "DUBOIS",
}
