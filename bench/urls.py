"""The site's URLs and the benchmark's floors (bench/floors.py)."""

from bench import floors
from lumpguide.urls import *  # noqa: F403
from lumpguide.urls import urlpatterns as site_urlpatterns

urlpatterns = floors.urlpatterns + site_urlpatterns
