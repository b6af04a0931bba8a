from django import forms
from django.core.exceptions import ValidationError

from candidates.forms import CONFIRM_NEW_LABEL, SKILL_NAME_MAX, VERSION_MAX
from candidates.models import Skill, SkillFamily
from candidates.selectors import skill_resolve

ALIASES_MAX = Skill._meta.get_field("aliases").max_length
FAMILY_NAME_MAX = SkillFamily._meta.get_field("name").max_length
MAX_FAMILY_MEMBERS = 40


def _name(value: str, what: str = "the skill's name") -> str:
    name = " ".join(value.split())
    if not name:
        raise ValidationError(f"Type {what}.")
    if "|" in name:
        raise ValidationError("A skill name cannot contain “|”.")
    return name


class _VersionChecked(forms.Form):
    """A form carrying the version its record had when opened (the optimistic lock)."""

    def clean(self):
        cleaned = super().clean()
        if self.has_error("version"):
            self.add_error(
                None, "This form lost track of the version you opened. Reload the page and retry."
            )
        return cleaned


class _SkillFields(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=SKILL_NAME_MAX,
        help_text="As clients write it in job orders, e.g. “Kubernetes”, “PostgreSQL”.",
    )
    aliases = forms.CharField(
        label="Other names",
        max_length=ALIASES_MAX,
        required=False,
        help_text="Comma-separated spellings salespeople type, e.g. “k8s, kube”.",
    )
    family = forms.ModelChoiceField(
        label="Family",
        queryset=SkillFamily.objects.order_by("name"),
        required=False,
        empty_label="(none)",
        help_text="Tools that do the same job: experience with one counts as adjacent to another.",
    )

    def clean_name(self) -> str:
        return _name(self.cleaned_data["name"])

    def clean_aliases(self) -> str:
        aliases = self.cleaned_data["aliases"]
        if "|" in aliases:
            raise ValidationError("An alias cannot contain “|”.")
        return aliases


class SkillNewForm(_SkillFields):
    confirm_new = forms.BooleanField(label=CONFIRM_NEW_LABEL, required=False)

    @property
    def asks_confirmation(self) -> bool:
        return self.has_error("name", "near_duplicate")


class SkillEditForm(_VersionChecked, _SkillFields):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=VERSION_MAX)


class AliasForm(_VersionChecked):
    alias = forms.CharField(label="Other name", max_length=SKILL_NAME_MAX)
    version = forms.IntegerField(
        widget=forms.HiddenInput, min_value=1, max_value=VERSION_MAX, required=False
    )

    def clean_alias(self) -> str:
        return _name(self.cleaned_data["alias"], "the other name")


class MergeForm(forms.Form):
    into = forms.CharField(
        label="Merge into",
        max_length=SKILL_NAME_MAX,
        help_text="The skill that stays. Its name or an alias: “k8s” finds Kubernetes.",
    )

    def clean_into(self) -> Skill:
        text = _name(self.cleaned_data["into"], "the skill that stays")
        skill = skill_resolve(text)
        if skill is None:
            raise ValidationError(f"No skill is called “{text}”.")
        return skill


class FamilyForm(forms.Form):
    name = forms.CharField(
        label="Family name",
        max_length=FAMILY_NAME_MAX,
        help_text="What the tools do, e.g. “Infrastructure as code”.",
    )
    members = forms.CharField(
        label="Skills in the family",
        required=False,
        max_length=2000,
        help_text="Comma-separated, e.g. “Terraform, CloudFormation, Pulumi, Bicep”.",
    )

    def clean_name(self) -> str:
        return _name(self.cleaned_data["name"], "the family's name")

    def clean_members(self) -> list[Skill]:
        skills, unknown = [], []
        for part in self.cleaned_data["members"].split(","):
            text = " ".join(part.split())
            if not text:
                continue
            skill = skill_resolve(text) if "|" not in text else None
            if skill is None:
                unknown.append(text[:SKILL_NAME_MAX])
            elif skill not in skills:
                skills.append(skill)
        if unknown:
            raise ValidationError(
                "Add these skills to the list first: " + ", ".join(f"“{u}”" for u in unknown[:5])
            )
        if len(skills) > MAX_FAMILY_MEMBERS:
            raise ValidationError(f"A family holds at most {MAX_FAMILY_MEMBERS} skills.")
        return skills


class FamilyEditForm(_VersionChecked, FamilyForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=VERSION_MAX)
