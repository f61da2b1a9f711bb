"""Gunicorn's settings for `make run` and the benchmarks (bench/serve.py); gunicorn reads this
file from the folder it starts in. Each can be changed from the environment.

gthread workers keep a client's connection open between requests (keep-alive), which sync
workers cannot: a phone on a slow network then skips a new TCP (and TLS) handshake for each
screen. `make bench` measured both; the README gives the figures.
"""

import os

workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = os.environ.get("LUMPGUIDE_WORKER_CLASS", "gthread")
threads = int(os.environ.get("LUMPGUIDE_THREADS", "4"))
keepalive = int(os.environ.get("LUMPGUIDE_KEEPALIVE", "5"))
