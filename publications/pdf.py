"""Tagged, accessible PDFs of published pages, made with WeasyPrint.

PDF/UA-1 makes WeasyPrint tag the structure (headings, tables, lists), and the title and
language come from the page's <title> and <html lang="sv">; `pdf_tags.py` adds what its
tagging leaves out (header cell scopes, one structure element per split table). The
stylesheets are the portal's own print styles, read from the static files; nothing is
fetched from the network, so a page cannot make the server request an address.
"""

import logging

from django.contrib.staticfiles import finders

STYLESHEETS = ["css/portal.css", "css/print.css"]

# WeasyPrint reports every rendering step at INFO, and warns about each browser-only rule of
# the portal's stylesheet (overflow, media queries for screens); only its errors matter here.
logging.getLogger("weasyprint").setLevel(logging.ERROR)


def _refuse_fetch(url: str, *args, **kwargs) -> dict:
    raise ValueError(f"PDF-sidan hämtar inga resurser ({url}).")


def render_pdf(html: str) -> bytes:
    # Imported here: loading WeasyPrint (Pango, fonts) takes a while, and only PDFs need it.
    from weasyprint import CSS, HTML

    from . import pdf_tags

    stylesheets = [CSS(filename=finders.find(path), url_fetcher=_refuse_fetch) for path in STYLESHEETS]
    with pdf_tags.tracking():
        return HTML(string=html, url_fetcher=_refuse_fetch).write_pdf(
            stylesheets=stylesheets, pdf_variant="pdf/ua-1", finisher=pdf_tags.finish
        )
