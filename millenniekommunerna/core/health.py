"""`/healthz` for load balancers and monitoring (django-health-check): the database, the cache
and file storage. Anyone may ask, so the answer is only up or down; which check failed and why
goes to the log (django-health-check logs each failure as a warning)."""

import asyncio

from django.http import HttpResponse
from health_check.views import HealthCheckView

CHECKS = (
    "health_check.checks.Database",
    "health_check.checks.Cache",
    "health_check.checks.Storage",
)


class HealthView(HealthCheckView):
    checks = CHECKS

    async def get(self, request, *args, **kwargs):
        with self.get_executor() as executor:
            results = await asyncio.gather(
                *(check.get_result(executor) for check in self.get_checks())
            )
        if any(result.error for result in results):
            return HttpResponse("unavailable\n", status=503, content_type="text/plain")
        return HttpResponse("ok\n", content_type="text/plain")
