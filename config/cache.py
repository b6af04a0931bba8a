"""The cache without a cache server: Django's file cache, shared by every process on the machine."""

from django.core.cache.backends.filebased import FileBasedCache

CULL_EVERY = 100


class FolderCache(FileBasedCache):
    """Django's file cache, except that it looks for entries to cull once per hundred writes.

    The stock backend lists the whole folder before every write, so a write cost 7 ms at 5,000
    entries, and every save in the app renews a page stamp. Between looks the folder may grow past
    MAX_ENTRIES by up to a hundred entries per process."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._writes_since_cull = 0

    def _cull(self):
        self._writes_since_cull += 1
        if self._writes_since_cull >= CULL_EVERY:
            self._writes_since_cull = 0
            super()._cull()
