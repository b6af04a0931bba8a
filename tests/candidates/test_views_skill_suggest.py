from django.urls import reverse

from candidates.services import skill_create


def test_typing_an_alias_suggests_the_skill(client, owner):
    skill_create(name="Kubernetes", aliases="k8s")
    skill_create(name="Kotlin")
    client.force_login(owner)
    body = client.get(reverse("candidates:skill_suggest"), {"q": "K8"}).content.decode()
    assert 'value="Kubernetes"' in body
    assert "Kotlin" not in body


def test_suggestions_list_words_starting_with_the_text_first(client, owner):
    skill_create(name="Go", aliases="golang")
    skill_create(name="Django")
    client.force_login(owner)
    body = client.get(reverse("candidates:skill_suggest"), {"q": "go"}).content.decode()
    assert body.index('value="Go"') < body.index('value="Django"')


def test_suggestions_need_a_login(client, db):
    assert client.get(reverse("candidates:skill_suggest"), {"q": "go"}).status_code == 302
