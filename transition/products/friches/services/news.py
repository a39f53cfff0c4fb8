"""A project's news: what counts as news moves `last_news_at`, which the digests wait on."""

from django.utils import timezone

from ..models import Project


def project_news(project: Project) -> None:
    """Something happened that the authority and its advisors would call news (a message, an
    answer, an action changed or recommended, an advisor joining)."""
    Project.objects.filter(pk=project.pk).update(last_news_at=timezone.now())
