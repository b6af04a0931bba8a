import pytest

from candidates.selectors import skill_resolve
from candidates.services import skill_create


@pytest.fixture
def kubernetes(db):
    return skill_create(name="Kubernetes", aliases="k8s, kube")


@pytest.mark.parametrize(
    "typed", ["Kubernetes", "kubernetes", "  KUBERNETES ", "k8s", "K8S", "kube"]
)
def test_it_resolves_a_skill_by_name_or_alias_in_any_case(kubernetes, typed):
    assert skill_resolve(typed) == kubernetes


def test_it_collapses_inner_spaces(db):
    node = skill_create(name="Node JS", aliases="nodejs")
    assert skill_resolve("node    js") == node
    assert skill_resolve("NodeJS") == node


@pytest.mark.parametrize("typed", ["", "   ", "kuber", "k8", "|k8s|", "kubernetes|k8s"])
def test_it_resolves_nothing_for_unknown_or_partial_names(kubernetes, typed):
    assert skill_resolve(typed) is None


def test_it_does_not_confuse_a_skill_whose_name_contains_another(db):
    java = skill_create(name="Java")
    javascript = skill_create(name="JavaScript", aliases="JS")
    assert skill_resolve("java") == java
    assert skill_resolve("js") == javascript
