from django import forms


class DigestForm(forms.Form):
    daily_digest = forms.BooleanField(
        label="E-mail me a daily digest of my unread reminders",
        required=False,
        help_text="One e-mail a morning, only on days with something new. "
        "The reminders always show here whatever you choose.",
    )
