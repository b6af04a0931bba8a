"""Demo teams and logins: one team with a manager and two salespeople, and a second team so
that team boundaries can be seen."""

from dataclasses import dataclass

from accounts.models import Team, User
from accounts.services import team_get_or_create, user_get_or_create

DEMO_PASSWORD = "dialready-demo"
DEMO_TEAM = "Northwind IT Staffing"
OTHER_TEAM = "Harbor Tech Talent"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    team: str


@dataclass(frozen=True)
class DemoPeople:
    team: Team
    other_team: Team
    manager: User
    salespeople: tuple[User, ...]
    other_salesperson: User
    logins: tuple[DemoLogin, ...]


_PEOPLE = [
    ("maria", "Maria", "Lopez", User.Role.MANAGER, DEMO_TEAM),
    ("sam", "Sam", "Carter", User.Role.SALESPERSON, DEMO_TEAM),
    ("priya", "Priya", "Shah", User.Role.SALESPERSON, DEMO_TEAM),
    ("oscar", "Oscar", "Reed", User.Role.SALESPERSON, OTHER_TEAM),
]
_ADMIN = "admin"


def seed_demo_people() -> DemoPeople:
    teams = {name: team_get_or_create(name=name) for name in (DEMO_TEAM, OTHER_TEAM)}
    users = {}
    for username, first, last, role, team_name in _PEOPLE:
        users[username], _ = user_get_or_create(
            username=username,
            password=DEMO_PASSWORD,
            team=teams[team_name],
            role=role,
            first_name=first,
            last_name=last,
            email=f"{username}@example.com",
        )
    user_get_or_create(
        username=_ADMIN,
        password=DEMO_PASSWORD,
        team=None,
        first_name="Ada",
        last_name="Admin",
        email="admin@example.com",
        is_superuser=True,
    )
    logins = (
        *(DemoLogin(u, r, t) for u, _, _, r, t in _PEOPLE),
        DemoLogin(_ADMIN, "superuser", "all teams, /admin/"),
    )
    return DemoPeople(
        team=teams[DEMO_TEAM],
        other_team=teams[OTHER_TEAM],
        manager=users["maria"],
        salespeople=(users["sam"], users["priya"]),
        other_salesperson=users["oscar"],
        logins=logins,
    )
