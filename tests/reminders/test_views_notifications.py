"""The notifications page, marking read (htmx and without JavaScript), the digest choice and
the unread count in the navigation."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reminders.models import Notification, ReminderSettings

URL = "/notifications/"


def notify(user, n: int, *, read=False) -> list[Notification]:
    return [
        Notification.objects.create(
            recipient=user,
            kind=Notification.Kind.FEEDBACK_DUE,
            key=f"test:{user.pk}:{i}:{read}",
            title=f"Feedback call due: candidate {i}",
            detail="Call the client.",
            link="/plans/1/",
            due_at=timezone.now(),
            read_at=timezone.now() if read else None,
        )
        for i in range(n)
    ]


@pytest.mark.parametrize("rows", [2, 10])
def test_the_list_runs_the_same_queries_whatever_the_data(
    client, owner, django_assert_num_queries, rows
):
    notify(owner, rows)
    notify(owner, rows, read=True)
    client.force_login(owner)
    # session, user with team, the digest choice, the notifications, the navigation's count
    with django_assert_num_queries(5):
        response = client.get(URL)
    assert response.status_code == 200
    assert response.text.count('data-testid="notification"') == 2 * rows


def test_the_navigation_shows_the_unread_count_for_one_query(client, owner, settings):
    notify(owner, 3)
    notify(owner, 2, read=True)
    client.force_login(owner)
    with CaptureQueriesContext(connection) as counted:
        page = client.get("/")
    assert (
        '<span class="badge rounded-pill text-bg-warning" data-testid="nav-unread-count">3</span>'
        in page.text
    )
    processors = settings.TEMPLATES[0]["OPTIONS"]["context_processors"]
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "OPTIONS": {
                **settings.TEMPLATES[0]["OPTIONS"],
                "context_processors": [
                    p for p in processors if p != "reminders.context_processors.notifications"
                ],
            },
        }
    ]
    with CaptureQueriesContext(connection) as without:
        client.get("/")
    assert len(counted) - len(without) == 1  # the count; the dashboard's own are unchanged


def test_marking_read_counts_once_for_the_badge(client, owner, django_assert_num_queries):
    [note] = notify(owner, 1)
    client.force_login(owner)
    # session, user, the notification, its update (in a savepoint: 3), the badge's count
    with django_assert_num_queries(7):
        client.post(reverse("notifications:read", args=[note.pk]), HTTP_HX_REQUEST="true")


def test_marking_one_read_updates_the_row_and_the_badge_and_says_so(client, owner):
    first, second = notify(owner, 2)
    client.force_login(owner)
    response = client.post(reverse("notifications:read", args=[first.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert f'id="notification-{first.pk}"' in response.text
    assert 'data-testid="read-state">Read' in response.text
    assert 'id="nav-unread" data-hx-swap-oob="true"' in response.text
    assert 'nav-unread-count">1<' in response.text
    trigger = json.loads(response["HX-Trigger-After-Settle"])["dr:done"]
    assert trigger == {"focus": f"#notification-{first.pk}", "say": "Marked as read"}
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None and second.read_at is None


def test_marking_all_read_without_javascript_comes_back_to_the_list(client, owner):
    notify(owner, 3)
    client.force_login(owner)
    response = client.post(reverse("notifications:read_all"), follow=True)
    assert "3 marked as read." in response.text
    assert "nav-unread-count" not in response.text
    assert not Notification.objects.filter(recipient=owner, read_at__isnull=True).exists()


def test_marking_all_read_by_htmx_swaps_the_list_and_clears_the_badge(client, owner):
    notify(owner, 2)
    client.force_login(owner)
    response = client.post(reverse("notifications:read_all"), HTTP_HX_REQUEST="true")
    assert 'id="notifications"' in response.text
    assert 'id="nav-unread" data-hx-swap-oob="true"></span>' in response.text
    trigger = json.loads(response["HX-Trigger-After-Settle"])["dr:done"]
    assert trigger == {"focus": "#notifications-heading", "say": "2 marked as read"}


def test_someone_elses_notification_is_a_404(client, owner, teammate):
    [theirs] = notify(teammate, 1)
    client.force_login(owner)
    assert client.post(reverse("notifications:read", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_my_list_shows_only_my_notifications(client, owner, teammate):
    notify(owner, 1)
    notify(teammate, 4)
    client.force_login(owner)
    assert client.get(URL).text.count('data-testid="notification"') == 1


def test_the_digest_is_off_by_default_and_turned_on_from_the_page(client, owner):
    client.force_login(owner)
    page = client.get(URL)
    assert (
        'name="daily_digest"' in page.text
        and "checked" not in page.text.split("daily_digest")[1][:80]
    )
    response = client.post(reverse("notifications:digest"), {"daily_digest": "on"}, follow=True)
    assert "The daily digest is on" in response.text
    assert ReminderSettings.objects.get(user=owner).daily_digest is True
    client.post(reverse("notifications:digest"), {})
    assert ReminderSettings.objects.get(user=owner).daily_digest is False
