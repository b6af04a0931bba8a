"""{{ form.field|plain_field }}: the markup `{{ form.field|as_crispy_field }}` gives (Bootstrap 5
pack: wrapper, label, widget classes, aria-invalid/aria-describedby, error and help text), written
in Python for the filter bars of long lists. Crispy renders a field through a cascade of about ten
templates, and Django's select widget includes one template per option; on the job order and
review lists that was a quarter of the render. A model choice field's options are read from its
queryset as one list (the select widget reads them with `.iterator()`, a server-side cursor on
PostgreSQL).

Only text-like inputs and single selects take this way; any other widget (checkbox, radio,
multiple select, file, multi-widget, hidden) is rendered by crispy as before.
tests/core/test_plain_fields.py holds it equal to crispy's HTML."""

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms, template
from django.conf import settings
from django.forms.boundfield import BoundField
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_PLAIN_INPUTS = (
    forms.TextInput,
    forms.NumberInput,
    forms.EmailInput,
    forms.URLInput,
    forms.SearchInput,
    forms.TelInput,
    forms.DateInput,
    forms.DateTimeInput,
    forms.TimeInput,
)


def _takes_plain_way(bound: BoundField) -> bool:
    widget = bound.field.widget
    if bound.is_hidden or widget.is_hidden:
        return False
    if type(widget) is forms.Select:
        return True
    return isinstance(widget, _PLAIN_INPUTS) and not isinstance(widget, forms.PasswordInput)


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            out.append(f" {conditional_escape(name)}")
        else:
            out.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(out)


def _widget_attrs(bound: BoundField, control_class: str) -> dict:
    """The attributes crispy's {% crispy_field %} and BoundField.as_widget give the widget."""
    widget = bound.field.widget
    class_name = widget.__class__.__name__.lower()
    class_name = getattr(settings, "CRISPY_CLASS_CONVERTERS", {}).get(class_name, class_name)
    attrs = dict(widget.attrs)
    css_class = attrs.get("class", "")
    if css_class:
        if css_class.find(class_name) == -1:
            css_class += f" {class_name}"
    else:
        css_class = class_name
    extra = f"{control_class} is-invalid" if bound.errors else control_class
    for name in extra.split():
        if name not in css_class.split():
            css_class += f" {name}"
    attrs["class"] = css_class
    attrs.update(bound.build_widget_attrs({}, widget))
    if bound.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", bound.auto_id)
    return attrs


def _choices(bound: BoundField):
    field = bound.field
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label is not None:
            yield "", field.empty_label
        for obj in field.queryset:  # one evaluated list, not .iterator()
            yield field.prepare_value(obj), field.label_from_instance(obj)
    else:
        yield from field.widget.choices


def _select(bound: BoundField) -> str:
    widget = bound.field.widget
    attrs = _widget_attrs(bound, "form-select")
    chosen = set(widget.format_value(bound.value()))
    has_selected = False
    out = [f'<select name="{conditional_escape(bound.html_name)}"{_attrs(attrs)}>']

    def option(value, label):
        nonlocal has_selected
        value = "" if value is None else str(value)
        selected = not has_selected and value in chosen
        has_selected = has_selected or selected
        return (
            f'<option value="{conditional_escape(value)}"{" selected" if selected else ""}>'
            f"{conditional_escape(label)}</option>"
        )

    for value, label in _choices(bound):
        if isinstance(label, (list, tuple)):
            out.append(f'<optgroup label="{conditional_escape(value)}">')
            out.extend(option(v, lab) for v, lab in label)
            out.append("</optgroup>")
        else:
            out.append(option(value, label))
    out.append("</select>")
    return "".join(out)


def _input(bound: BoundField) -> str:
    widget = bound.field.widget
    attrs = _widget_attrs(bound, "form-control")
    value = widget.format_value(bound.value())
    value_attr = "" if value is None else f' value="{conditional_escape(str(value))}"'
    return (
        f'<input type="{conditional_escape(widget.input_type)}"'
        f' name="{conditional_escape(bound.html_name)}"{value_attr}{_attrs(attrs)}>'
    )


@register.filter
def plain_field(bound: BoundField) -> SafeString:
    if not _takes_plain_way(bound):
        return as_crispy_field(bound)
    auto_id = bound.auto_id
    required = bound.field.required
    parts = []
    wrapper_class = "mb-3"
    if css_classes := bound.css_classes():
        wrapper_class += f" {css_classes}"
    parts.append(format_html('<div id="div_{}" class="{}">', auto_id, wrapper_class))
    if bound.label:
        for_attr = format_html(' for="{}"', bound.id_for_label) if bound.id_for_label else ""
        parts.append(
            format_html(
                '<label{} class="form-label{}">{}{}</label>',
                for_attr,
                " requiredField" if required else "",
                bound.label,
                mark_safe('<span class="asteriskField">*</span>') if required else "",
            )
        )
    parts.append(_select(bound) if type(bound.field.widget) is forms.Select else _input(bound))
    if bound.errors:
        parts.append(
            format_html('<div id="{}_error" class="invalid-feedback">', bound.errors.field_id)
        )
        parts.extend(
            format_html('<p id="error_{}_{}"><strong>{}</strong></p>', n, auto_id, error)
            for n, error in enumerate(bound.errors, 1)
        )
        parts.append("</div>")
    if bound.help_text:
        id_attr = format_html('id="{}_helptext" ', auto_id) if auto_id else ""
        parts.append(
            format_html(
                '<div {}class="form-text">{}</div>', id_attr, mark_safe(str(bound.help_text))
            )
        )
    parts.append("</div>")
    return mark_safe("".join(parts))
