"""Gunicorn settings (the spec's): gthread, WEB_CONCURRENCY workers x WEB_THREADS threads."""

import os

worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY") or 4)
threads = int(os.environ.get("WEB_THREADS") or 4)
timeout = 60
graceful_timeout = 30
keepalive = 5
preload_app = False
bind = f"0.0.0.0:{os.environ.get('PORT') or 8000}"
accesslog = "-"
errorlog = "-"
# The platform's router is the only proxy; ProxyFix in the app reads its X-Forwarded-* headers.
forwarded_allow_ips = "*"
