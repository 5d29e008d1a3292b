"""gunicorn's configuration: `gunicorn -c deploy/gunicorn.conf.py millenniekommunerna.wsgi`.

Settings come from the environment, so the same file serves the systemd unit
(deploy/millenniekommunerna.service) and bench/throughput.py. Django's own settings are read from
the environment as well (docs/deployment.md).
"""

import multiprocessing
import os

# Only nginx on the same machine talks to gunicorn.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: a page is CPU and database work, and nginx buffers slow clients, so a worker is
# busy only while it renders. gunicorn's rule of thumb is two per CPU plus one.
workers = int(os.environ.get("GUNICORN_WORKERS", str(2 * multiprocessing.cpu_count() + 1)))
worker_class = "sync"
# The exports (/api/v1/exports/) stream every story; nginx waits 60 s between reads.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# Restart each worker now and then, so that memory that grows slowly is given back.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
# nginx's X-Forwarded-Proto is believed only from nginx itself.
forwarded_allow_ips = "127.0.0.1"
# Errors to stderr (journald under systemd); nginx writes the access log.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "millenniekommunerna"
