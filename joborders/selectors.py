from django.db.models import QuerySet

from accounts.access import get_for_user, team_filter
from accounts.models import User
from joborders.models import Client, JobOrder, Submittal


def clients_visible_to(user: User) -> QuerySet[Client]:
    return Client.objects.filter(team_filter(user), archived=False)


def joborders_visible_to(user: User) -> QuerySet[JobOrder]:
    return JobOrder.objects.filter(team_filter(user), archived=False).select_related(
        "client", "owner"
    )


def submittals_visible_to(user: User) -> QuerySet[Submittal]:
    return Submittal.objects.filter(team_filter(user, "job_order__team")).select_related(
        "job_order__client", "candidate", "submitted_by"
    )


def get_client_for_user(user: User, pk: int, *, write: bool = False) -> Client:
    return get_for_user(Client.objects.all(), user, pk, write=write)


def get_joborder_for_user(user: User, pk: int, *, write: bool = False) -> JobOrder:
    queryset = JobOrder.objects.select_related("client", "contact", "owner")
    return get_for_user(queryset, user, pk, write=write)


def get_submittal_for_user(user: User, pk: int, *, write: bool = False) -> Submittal:
    """A submittal belongs to its job order's team; its submitter and the managers change it."""
    queryset = Submittal.objects.select_related("job_order__client", "candidate", "submitted_by")
    return get_for_user(
        queryset, user, pk, team_field="job_order__team", owner_field="submitted_by", write=write
    )
