"""The reader's language: from the URL prefix (/lt/..., /de/...), and for a page without prefix (the
English one) from the reader's earlier choice or browser.

Pages live under `i18n_patterns(prefix_default_language=False)`: English at the stable, citable address
("/places/pdfaf7ch7/"), every other language under its prefix ("/lt/places/pdfaf7ch7/"). A GET of an
unprefixed page by a reader who chose another language with the switcher (the `django_language` cookie) or,
on a first visit, whose browser prefers one (`Accept-Language`) is redirected to that language's address.
The API, the admin and the switcher's own view have no prefix and answer in the preferred language.
"""

from django.conf import settings
from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from django.middleware.locale import LocaleMiddleware
from django.urls import translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LanguageMiddleware(LocaleMiddleware):
    """Replaces django.middleware.locale.LocaleMiddleware (same place in settings.MIDDLEWARE)."""

    def process_request(self, request):
        """Activate the language of the URL prefix, else the preferred one; may return the 302 redirect
        of an unprefixed page to its address in the preferred language (Vary: Accept-Language, Cookie)."""
        if request.path_info.startswith(f"/{settings.LANGUAGE_CODE}/"):
            # /en/places/x/: English has no prefix; send the reader to the one address of the page.
            return HttpResponsePermanentRedirect(request.get_full_path()[len(settings.LANGUAGE_CODE) + 1 :])
        from_path = translation.get_language_from_path(request.path_info)
        if from_path:
            translation.activate(from_path)
            request.LANGUAGE_CODE = translation.get_language()
            return None
        # Unprefixed page addresses resolve only while the default language is active.
        translation.activate(settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()
        preferred = translation.get_language_from_request(request, check_path=False)
        if preferred == settings.LANGUAGE_CODE:
            return None
        here = request.get_full_path()
        there = translate_url(here, preferred)
        if there == here:  # not a page: the API, the admin, static files, an unknown address
            translation.activate(preferred)
            request.LANGUAGE_CODE = translation.get_language()
            return None
        if request.method not in ("GET", "HEAD"):  # a form posted to an English page stays English
            return None
        response = HttpResponseRedirect(there)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    def process_response(self, request, response):
        """Django's headers (Content-Language; Vary: Accept-Language where no prefix decides), and Vary:
        Cookie on unprefixed pages, whose language the switcher's cookie can change."""
        response = super().process_response(request, response)
        if not translation.get_language_from_path(request.path_info):
            patch_vary_headers(response, ("Cookie",))
        return response
