"""Whitenoise's compressed, hashed static files, with each file's URL worked out once.

A page asks for about ten static URLs; the manifest never changes while a process runs (a
deploy starts new processes), so each name's URL is remembered (functools) rather than looked
up and joined again on every request.
"""

from functools import lru_cache

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    @lru_cache(maxsize=512)  # noqa: B019 (one storage object for the life of the process)
    def url(self, name: str | None, force: bool = False) -> str:
        return super().url(name, force)
