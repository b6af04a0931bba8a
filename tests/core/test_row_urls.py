from unittest import mock

from django.template import Context, Template
from django.urls import reverse, set_script_prefix

from core.templatetags import row_urls

ROWS = (
    "{% load row_urls %}{% for pk in pks %}{% row_url 'candidates:detail' pk %}|"
    "{% row_url 'callplans:reference_roleplay' pk 7 %};{% endfor %}"
)


def test_row_url_writes_the_same_urls_as_the_url_tag_for_every_row():
    out = Template(ROWS).render(Context({"pks": [1, 42, 90000000011]}))
    expected = "".join(
        f"{reverse('candidates:detail', args=[pk])}|"
        f"{reverse('callplans:reference_roleplay', args=[pk, 7])};"
        for pk in (1, 42, 90000000011)
    )
    assert out == expected


def test_row_url_keeps_the_script_prefix_of_the_render():
    set_script_prefix("/app/")
    try:
        out = Template(ROWS).render(Context({"pks": [5]}))
    finally:
        set_script_prefix("/")
    assert out.startswith("/app/candidates/5/")


def test_row_url_reverses_a_non_number_as_the_url_tag_does():
    page = Template("{% load row_urls %}{% row_url 'candidates:detail' pk %}")
    assert page.render(Context({"pk": "12"})) == reverse("candidates:detail", args=["12"])


def test_row_url_reverses_each_name_once_per_render_even_inside_a_partial():
    page = Template(
        "{% load row_urls %}{% partialdef link %}{% row_url 'candidates:detail' pk %};"
        "{% endpartialdef %}{% for pk in pks %}{% partial link %}{% endfor %}"
    )
    with mock.patch.object(row_urls, "reverse", wraps=reverse) as spy:
        out = page.render(Context({"pks": [1, 2, 3]}))
    assert out == "".join(f"{reverse('candidates:detail', args=[pk])};" for pk in (1, 2, 3))
    assert spy.call_count == 1
