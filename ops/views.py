"""Operations endpoints: what a load balancer or monitor asks the portal."""

import logging

from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def database_is_up() -> bool:
    """Run a trivial query; any database error means the portal cannot serve its pages."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Hälsokontrollen nådde inte databasen")
        return False
    return True


@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """200 with {"status": "ok", "database": "ok"}, or 503 with "fel" when the database fails."""
    if database_is_up():
        return JsonResponse({"status": "ok", "database": "ok"})
    return JsonResponse({"status": "fel", "database": "fel"}, status=503)
