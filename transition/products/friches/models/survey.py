"""The questionnaire (staff edit it: sets, questions, choices and the signals they emit) and a
project's answers, with a comment and a document each."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..domain import survey as rules
from ..domain.signals import parse_tags

__all__ = ["Answer", "Choice", "Question", "QuestionSet"]


class QuestionSet(models.Model):
    heading = models.CharField("thème", max_length=255)
    subheading = models.TextField("présentation", blank=True)
    priority = models.PositiveIntegerField("priorité", default=0, help_text="Le plus fort en premier.")
    precondition = models.CharField(
        "pré-condition", max_length=500, blank=True, help_text="Thème affiché si TOUS ces signaux sont émis."
    )

    class Meta:
        verbose_name = "thème du questionnaire"
        verbose_name_plural = "thèmes du questionnaire"
        ordering = ["-priority", "id"]

    def __str__(self):
        return self.heading

    def as_rule(self) -> rules.QuestionSet:
        return rules.QuestionSet(self.pk, self.priority, parse_tags(self.precondition))


class Question(models.Model):
    question_set = models.ForeignKey(QuestionSet, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField("question", max_length=255)
    text_short = models.CharField("intitulé court", max_length=40)
    why = models.TextField("pourquoi ?", blank=True)
    how = models.TextField("comment le savoir ?", blank=True)
    priority = models.PositiveIntegerField("priorité", default=0)
    precondition = models.CharField(
        "pré-condition", max_length=500, blank=True, help_text="Question posée si TOUS ces signaux sont émis."
    )
    is_multiple = models.BooleanField("plusieurs réponses possibles", default=False)
    upload_title = models.CharField(
        "document demandé", max_length=255, blank=True, help_text="Si rempli, un document peut être joint."
    )
    comment_title = models.CharField("titre du commentaire", max_length=255, default="Commentaire")

    class Meta:
        verbose_name = "question"
        ordering = ["question_set", "-priority", "id"]

    def __str__(self):
        return self.text

    def as_rule(self) -> rules.Question:
        return rules.Question(
            self.pk, self.question_set_id, self.priority, parse_tags(self.precondition), self.is_multiple
        )


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    value = models.SlugField("valeur", max_length=40)
    text = models.CharField("réponse", max_length=255)
    signals = models.CharField("signaux émis", max_length=500, blank=True)
    conclusion = models.CharField("conclusion", max_length=120, blank=True)
    priority = models.PositiveIntegerField("priorité", default=0)

    class Meta:
        verbose_name = "réponse possible"
        verbose_name_plural = "réponses possibles"
        ordering = ["question", "-priority", "id"]
        constraints = [models.UniqueConstraint(fields=["question", "value"], name="friches_choice_unique_value")]

    def __str__(self):
        return self.text

    def as_rule(self) -> rules.Choice:
        return rules.Choice(self.value, parse_tags(self.signals))


def answer_upload_path(instance, filename):
    # The stored name never carries the uploaded name: a random one, under the project.
    return f"friches/projets/{instance.project_id}/{timezone.now():%Y%m%d%H%M%S}-{instance.question_id}"


class Answer(models.Model):
    project = models.ForeignKey("friches.Project", on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    values = models.JSONField("réponses", default=list, blank=True)
    signals = models.CharField("signaux émis", max_length=1000, blank=True)
    comment = models.TextField("commentaire", blank=True)
    attachment = models.FileField("document", upload_to=answer_upload_path, blank=True)
    attachment_name = models.CharField("nom du document", max_length=255, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField("mise à jour", default=timezone.now)

    class Meta:
        verbose_name = "réponse"
        constraints = [models.UniqueConstraint(fields=["project", "question"], name="friches_answer_unique")]

    def __str__(self):
        return f"{self.question.text_short} — {', '.join(self.values) or 'sans réponse'}"
