"""The questionnaire, one question at a time: resumable (it opens on the next unanswered
question), with a comment and a document per question, and the summary of every answer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from transition.platform.accounts import permissions

from ..forms.survey import AnswerForm
from ..models import Answer, Question
from ..selectors.survey import (
    is_question_shown,
    next_question_id,
    previous_question_id,
    survey_progress,
    survey_summary,
)
from ..services.survey import ALLOWED_DOCUMENT_TYPES, AnswerError, answer_save
from .projects import project_for


@login_required
@require_GET
def survey(request, pk: int):
    """Where the questionnaire resumes: the next unanswered question, else the summary."""
    project = project_for(request, pk, "friches.project_change")
    question_id = next_question_id(project)
    if question_id is None:
        return redirect("friches:survey_summary", pk=project.pk)
    return redirect("friches:survey_question", pk=project.pk, question_pk=question_id)


@login_required
def survey_question(request, pk: int, question_pk: int):
    project = project_for(request, pk, "friches.project_change")
    question = get_object_or_404(
        Question.objects.select_related("question_set").prefetch_related("choices"), pk=question_pk
    )
    if not is_question_shown(project, question):
        raise Http404("Cette question ne concerne pas ce projet.")
    answer = Answer.objects.filter(project=project, question=question).first()
    form = AnswerForm(request.POST or None, request.FILES or None, question=question, answer=answer)
    if request.method == "POST" and form.is_valid():
        try:
            answer_save(
                actor=request.user,
                project=project,
                question=question,
                values=form.values(),
                comment=form.cleaned_data.get("comment", ""),
                document=form.cleaned_data.get("document"),
                remove_document=form.cleaned_data.get("remove_document", False),
            )
        except AnswerError as exc:
            form.add_error(None, str(exc))
        else:
            if "pause" in request.POST:
                messages.success(
                    request, "Réponse enregistrée. Vous reprendrez le questionnaire où vous l’avez laissé."
                )
                return redirect("friches:project_detail", pk=project.pk)
            following = next_question_id(project, question.pk) or next_question_id(project)
            if following is None:
                messages.success(
                    request, "Questionnaire terminé : les étapes proposées tiennent compte de vos réponses."
                )
                return redirect("friches:survey_summary", pk=project.pk)
            return redirect("friches:survey_question", pk=project.pk, question_pk=following)
    return render(
        request,
        "friches/survey/question.html",
        {
            "title": question.text_short or question.text,
            "project": project,
            "question": question,
            "answer": answer,
            "form": form,
            "progress": survey_progress(project),
            "previous": previous_question_id(project, question.pk),
        },
    )


@login_required
@require_GET
def survey_summary_view(request, pk: int):
    project = project_for(request, pk)
    return render(
        request,
        "friches/survey/summary.html",
        {
            "title": "Réponses au questionnaire",
            "project": project,
            "summary": survey_summary(project),
            "progress": survey_progress(project),
            # An advisor reads the answers; only the project's authority answers them.
            "can_change": permissions.can(request.user, "friches.project_change", project),
        },
    )


@login_required
@require_GET
def answer_document(request, pk: int, answer_pk: int):
    project = project_for(request, pk)
    answer = get_object_or_404(Answer, pk=answer_pk, project=project)
    if not answer.attachment:
        raise Http404("Aucun document joint.")
    name = answer.attachment_name or "document"
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    response = FileResponse(
        answer.attachment.open("rb"),
        as_attachment=True,
        filename=name,
        content_type=ALLOWED_DOCUMENT_TYPES.get(extension, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
