"""The form of one question of the questionnaire: its choices, a comment, a document."""

from django import forms

from . import Form


class AnswerForm(Form):
    comment = forms.CharField(required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    document = forms.FileField(required=False)
    remove_document = forms.BooleanField(label="Retirer le document joint", required=False)

    def __init__(self, *args, question, answer=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(c.value, c.text) for c in question.choices.all()]
        if question.is_multiple:
            field = forms.MultipleChoiceField(widget=forms.CheckboxSelectMultiple, required=False)
        else:
            field = forms.ChoiceField(widget=forms.RadioSelect, required=False)
        field.label = "Votre réponse" + (" (plusieurs possibles)" if question.is_multiple else "")
        field.choices = choices
        self.fields = {"values": field, **self.fields}
        self.fields["comment"].label = question.comment_title or "Commentaire"
        if question.upload_title:
            self.fields["document"].label = question.upload_title
            self.fields["document"].help_text = "PDF, image, texte ou tableur."
        else:
            del self.fields["document"]
            del self.fields["remove_document"]
        if answer is not None:
            self.initial = {
                "values": answer.values if question.is_multiple else (answer.values[:1] or [""])[0],
                "comment": answer.comment,
            }

    def values(self) -> list[str]:
        raw = self.cleaned_data.get("values")
        if not raw:
            return []
        return list(raw) if isinstance(raw, list) else [raw]
