"""The site's settings, with the floors of bench/floors.py added to its URLs."""

from lumpguide.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
