import random

from callplans.models import Objection
from callplans.objections import most_likely_ranker, rank_objections

C, L = Objection.Category, Objection.Likelihood


def _plan_objections(rng: random.Random, count: int) -> list[Objection]:
    return [
        Objection(
            pk=1000 + i,
            category=rng.choice(C.values),
            likelihood=rng.choice(L.values),
            position=rng.randint(0, 3),  # ties on position: the id decides
        )
        for i in rng.sample(range(100), count)
    ]


def test_the_boards_ranker_marks_the_same_most_likely_objections_as_the_plan_ranking():
    rng = random.Random(17)
    for _ in range(300):
        raised = {c: rng.randint(0, 5) for c in rng.sample(C.values, rng.randint(0, 3))}
        objections = _plan_objections(rng, rng.randint(0, 9))
        ranks = rank_objections(objections, None, raised)
        expected = [pk for pk, rank in ranks.items() if rank.most_likely]
        assert [o.pk for o in most_likely_ranker(raised)(objections)] == expected


def test_a_category_the_teams_clients_raise_often_ranks_first():
    skill, other = (
        Objection(pk=1, category=C.SKILL_GAP, likelihood=L.MEDIUM, position=0),
        Objection(pk=2, category=C.OTHER, likelihood=L.MEDIUM, position=1),
    )
    assert most_likely_ranker({C.OTHER: 3})([skill, other]) == [other, skill]
