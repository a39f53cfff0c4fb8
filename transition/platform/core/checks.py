"""System checks of the platform's core, run by `manage.py check --deploy` (and `deploy_check`)."""

from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.checks import Error, Tags, register
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.module_loading import import_string


@register(Tags.security, deploy=True)
def pages_keep_csrf_and_sessions(app_configs, **kwargs):
    """The pages keep Django's CSRF protection and sessions (anonymous API requests skip them:
    core/api_fast.py, decision 0800). Django's own check, security.W003, looks for
    CsrfViewMiddleware by its name and cannot see our subclass: it is silenced, and this one
    looks for the class itself."""
    classes = [import_string(path) for path in settings.MIDDLEWARE]
    errors = []
    for base, name in ((CsrfViewMiddleware, "CSRF"), (SessionMiddleware, "sessions")):
        if not any(isinstance(cls, type) and issubclass(cls, base) for cls in classes):
            errors.append(
                Error(
                    f"Aucun middleware de {name} dans MIDDLEWARE : les pages ne sont plus protégées.",
                    hint=f"Remettez {base.__module__}.{base.__name__} (ou sa sous-classe de core/api_fast.py).",
                    id="core.E001" if name == "CSRF" else "core.E002",
                )
            )
    return errors
