"""The base class of every Jalinan task: work is never lost because the broker is down.

With a broker configured, ``delay()`` publishes the task (Celery retries the publish a few
times, see CELERY_TASK_PUBLISH_RETRY_POLICY). If the broker still cannot be reached, the task
runs here, in-process, as it does in the embedded mode: slower for this one request, but the
e-mail is sent and the vector computed instead of the work vanishing or the page failing.
"""

from __future__ import annotations

import logging

from celery import Task
from kombu.exceptions import OperationalError

log = logging.getLogger(__name__)


class ResilientTask(Task):
    # Celery's options (task_id, link, ...) are passed on by keyword only, as every caller
    # passes them: narrower than Task.apply_async, which also takes them by position.
    def apply_async(self, args=None, kwargs=None, **options):  # type: ignore[override]
        try:
            return super().apply_async(args, kwargs, **options)
        except OperationalError as exc:
            log.warning("Broker unreachable (%s): running %s in-process", exc, self.name)
            return self.apply(args, kwargs, **options)
