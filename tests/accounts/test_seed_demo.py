from django.core.management import call_command

from accounts.demo import DEMO_PASSWORD
from accounts.models import Team, User


def test_seed_demo_creates_the_demo_logins(db, capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    maria = User.objects.get(username="maria")
    assert maria.is_manager and maria.check_password(DEMO_PASSWORD)
    assert User.objects.filter(team=maria.team, role=User.Role.SALESPERSON).count() == 2
    assert User.objects.get(username="oscar").team != maria.team
    assert User.objects.get(username="admin").is_superuser
    assert "sam" in out and DEMO_PASSWORD in out


def test_seed_demo_twice_changes_nothing(db):
    call_command("seed_demo")
    sam = User.objects.get(username="sam")
    sam.set_password("changed-by-sam-himself")
    sam.save()
    counts = (User.objects.count(), Team.objects.count())
    call_command("seed_demo")
    assert (User.objects.count(), Team.objects.count()) == counts
    sam.refresh_from_db()
    assert sam.check_password("changed-by-sam-himself")
