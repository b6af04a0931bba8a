"""Demo teams and logins: one team with a manager and two salespeople, a second team so that
team boundaries can be seen, and a third with its own salesperson, whose manager leads the
first team as well, and a director over the first and the third."""

from dataclasses import dataclass

from accounts.models import Team, User
from accounts.services import team_get_or_create, user_get_or_create, user_set_led_teams

DEMO_PASSWORD = "dialready-demo"
DEMO_TEAM = "Northwind IT Staffing"
OTHER_TEAM = "Harbor Tech Talent"
THIRD_TEAM = "Cascade Cloud Recruiting"


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
    third_team: Team | None = None
    third_salesperson: User | None = None


_PEOPLE = [
    ("maria", "Maria", "Lopez", User.Role.MANAGER, DEMO_TEAM),
    ("sam", "Sam", "Carter", User.Role.SALESPERSON, DEMO_TEAM),
    ("priya", "Priya", "Shah", User.Role.SALESPERSON, DEMO_TEAM),
    ("oscar", "Oscar", "Reed", User.Role.SALESPERSON, OTHER_TEAM),
    ("lena", "Lena", "Park", User.Role.SALESPERSON, THIRD_TEAM),
    ("theo", "Theo", "Brandt", User.Role.MANAGER, THIRD_TEAM),
    ("diana", "Diana", "Okafor", User.Role.DIRECTOR, None),
]
# Besides their home team: Theo leads Northwind too, Diana (no home team) both.
_LEADS = {"theo": (DEMO_TEAM,), "diana": (DEMO_TEAM, THIRD_TEAM)}
_ADMIN = "admin"


def seed_demo_people() -> DemoPeople:
    teams = {name: team_get_or_create(name=name) for name in (DEMO_TEAM, OTHER_TEAM, THIRD_TEAM)}
    users = {}
    for username, first, last, role, team_name in _PEOPLE:
        users[username], _ = user_get_or_create(
            username=username,
            password=DEMO_PASSWORD,
            team=teams[team_name] if team_name else None,
            role=role,
            first_name=first,
            last_name=last,
            email=f"{username}@example.com",
        )
    for username, led in _LEADS.items():
        user_set_led_teams(user=users[username], teams=[teams[name] for name in led])
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
        *(DemoLogin(u, r, _team_text(u, t)) for u, _, _, r, t in _PEOPLE),
        DemoLogin(_ADMIN, "superuser", "all teams, /admin/"),
    )
    return DemoPeople(
        team=teams[DEMO_TEAM],
        other_team=teams[OTHER_TEAM],
        manager=users["maria"],
        salespeople=(users["sam"], users["priya"]),
        other_salesperson=users["oscar"],
        logins=logins,
        third_team=teams[THIRD_TEAM],
        third_salesperson=users["lena"],
    )


def _team_text(username: str, home: str | None) -> str:
    led = _LEADS.get(username, ())
    if not led:
        return home or ""
    teams = " and ".join(led)
    return f"{home}, also leads {teams}" if home else f"over {teams}"
