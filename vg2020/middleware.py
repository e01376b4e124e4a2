from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat

# Only our own files: no inline script or style, so an injected tag cannot run.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

# The portal uses no device features; an injected or embedded script gets none either.
# Only features every current browser recognises, so no console warnings.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in [
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    ]
)


class SecurityHeadersMiddleware:
    """The headers every response carries that Django's SecurityMiddleware does not set:
    CSP, Permissions-Policy, CORP, and X-Frame-Options.

    Outermost in MIDDLEWARE, so that what inner layers answer on their own gets them too:
    static files (whitenoise), the https redirect, the 413 and 414 refusals. X-Frame-Options
    is also set by Django's clickjacking middleware for views; here only where it did not
    run, and never for a view that opted out of it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if not getattr(response, "xframe_options_exempt", False):
            response.headers.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
        return response


class RequestSizeLimitMiddleware:
    """Refuse, unread and with a Swedish page, a request body over REQUEST_MAX_BYTES (413)
    and a request line over REQUEST_LINE_MAX_BYTES (414).

    Django caps form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but streams file parts of any
    size to disk, so without this an upload could fill the disk before a form sees it.
    The request-line limit sits below gunicorn's (Makefile), so that the portal, not
    gunicorn's English error text, answers an over-long address.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if len(request.get_full_path()) > settings.REQUEST_LINE_MAX_BYTES:
            return render(request, "414.html", status=414)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.REQUEST_MAX_BYTES:
            context = {"limit": filesizeformat(settings.UPLOAD_MAX_BYTES)}
            return render(request, "413.html", context, status=413)
        return self.get_response(request)
