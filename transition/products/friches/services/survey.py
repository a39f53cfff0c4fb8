"""Writing the questionnaire's answers: one answer per question and project (answering again
replaces it), the signals its choices emit, a comment and a document; then the guidance's
suggestions follow the project's new signals."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from transition.platform.accounts import permissions
from transition.platform.audit.services import event_record
from transition.platform.core.spreadsheets import clean_text

from ..domain.signals import format_tags
from ..domain.survey import answer_signals
from ..models import Answer, Project, Question
from .news import project_news
from .path import suggestions_refresh

PRODUCT = "friches"
ALLOWED_DOCUMENT_TYPES = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".csv": "text/csv",
}
MAGIC = {".pdf": b"%PDF", ".png": b"\x89PNG", ".jpg": b"\xff\xd8", ".jpeg": b"\xff\xd8"}
ZIP_BASED = (".odt", ".ods", ".docx", ".xlsx")


class AnswerError(ValueError):
    """An answer refused, with the reason in French."""


def document_check(upload) -> str:
    """The document's extension when it is a kind we keep and its content agrees with its name."""
    name = (upload.name or "").lower()
    extension = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    if extension not in ALLOWED_DOCUMENT_TYPES:
        raise AnswerError("Document refusé : PDF, image (PNG, JPEG), texte ou tableur (ODT, ODS, DOCX, XLSX, CSV).")
    if upload.size > settings.FRICHES_ATTACHMENT_MAX_MB * 1024 * 1024:
        raise AnswerError(f"Document refusé : {settings.FRICHES_ATTACHMENT_MAX_MB} Mo au plus.")
    head = upload.read(8)
    upload.seek(0)
    if extension in MAGIC and not head.startswith(MAGIC[extension]):
        raise AnswerError("Document refusé : son contenu ne correspond pas à son extension.")
    if extension in ZIP_BASED and not head.startswith(b"PK\x03\x04"):
        raise AnswerError("Document refusé : son contenu ne correspond pas à son extension.")
    return extension


def answer_save(
    *,
    actor,
    project: Project,
    question: Question,
    values: list[str],
    comment: str = "",
    document=None,
    remove_document=False,
) -> Answer:
    permissions.require(actor, "friches.project_change", project)
    choices = list(question.choices.all())
    known = {c.value for c in choices}
    values = [v for v in dict.fromkeys(values) if v]
    unknown = [v for v in values if v not in known]
    if unknown:
        raise AnswerError("Réponse inconnue pour cette question.")
    if len(values) > 1 and not question.is_multiple:
        raise AnswerError("Une seule réponse est possible pour cette question.")
    if document is not None and not question.upload_title:
        raise AnswerError("Cette question n’attend pas de document.")
    if document is not None:
        document_check(document)
    signals = answer_signals([c.as_rule() for c in choices], values)
    with transaction.atomic():
        answer, _ = Answer.objects.get_or_create(project=project, question=question)
        answer.values = values
        answer.signals = format_tags(signals)
        answer.comment = clean_text(comment or "").strip()
        answer.updated_by = actor
        answer.updated_at = timezone.now()
        if remove_document and answer.attachment:
            answer.attachment.delete(save=False)
            answer.attachment_name = ""
        if document is not None:
            if answer.attachment:
                answer.attachment.delete(save=False)
            answer.attachment_name = clean_text(document.name, keep_newlines=False)[:255]
            answer.attachment.save("document", document, save=False)
        answer.save()
        suggestions_refresh(project=project)
        project_news(project)
        event_record(
            actor=actor,
            action="friches.answer_save",
            target=answer,
            product=PRODUCT,
            payload={"question_id": question.pk, "values": values, "document": bool(answer.attachment)},
        )
    return answer
