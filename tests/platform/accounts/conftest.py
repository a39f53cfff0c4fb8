import pytest
from django.core.cache import cache

from tests.fakes.oidc import OIDCProvider


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and cached discovery documents must not leak between tests."""
    cache.clear()
    yield
    cache.clear()


def configure_providers(settings, provider: OIDCProvider) -> None:
    settings.OIDC_PROVIDERS = {
        slug: {
            **settings.OIDC_PROVIDERS[slug],
            "base_url": provider.issuer,
            "client_id": provider.client_id,
            "client_secret": provider.client_secret,
        }
        for slug in ("proconnect", "franceconnect")
    }


@pytest.fixture
def oidc_provider(settings):
    provider = OIDCProvider().start()
    configure_providers(settings, provider)
    yield provider
    provider.stop()
