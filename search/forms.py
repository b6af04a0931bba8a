from django import forms

Q_LENGTH = 100


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search everything",
        max_length=Q_LENGTH,
        required=False,
        help_text="A name, a job title, a client, an e-mail: job orders, clients, contacts, "
        "candidates and call plans of your team.",
    )
