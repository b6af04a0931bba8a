from django import forms
from django.conf import settings

from imports.layouts import FIELDS
from imports.models import ImportRun


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label="What does the file hold?", choices=ImportRun.Kind.choices)
    file = forms.FileField(
        label="File (CSV or Excel .xlsx)",
        error_messages={"empty": "The file is empty: there is nothing to import."},
        help_text=(
            f"Up to {settings.IMPORT_MAX_BYTES // 1_000_000} MB and "
            f"{settings.IMPORT_MAX_ROWS:,} rows. Bullhorn, OpenCATS and DialReady exports are "
            "recognised by their column names; any other file gets a mapping step."
        ),
    )


class MappingForm(forms.Form):
    """One choice per column of the file: the field it fills, or ignored."""

    save_as = forms.CharField(
        label="Save this mapping for your team as (optional)",
        required=False,
        max_length=80,
        help_text="Next time a file with the same columns is mapped this way by itself.",
    )

    def __init__(self, *args, run: ImportRun, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "— ignore this column —"), *FIELDS[run.kind]]
        self.columns = []
        for position, header in enumerate(run.headers):
            if not header:
                continue
            name = f"col{position}"
            self.fields[name] = forms.ChoiceField(
                label=header, choices=choices, required=False, initial=run.mapping.get(header, "")
            )
            self.columns.append((name, header))
        self.order_fields([name for name, _ in self.columns] + ["save_as"])

    def mapping(self) -> dict[str, str]:
        return {header: self.cleaned_data[name] for name, header in self.columns}
