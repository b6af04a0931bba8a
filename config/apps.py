from django.apps import AppConfig


class DialReadyConfig(AppConfig):
    """The project's own hooks that span the apps: the page cache watching every write."""

    name = "config"
    label = "dialready"
    verbose_name = "DialReady"

    def ready(self):
        from config import pagecache

        pagecache.watch_writes()
