"""`manage.py catalogues status|check|headers [LANG ...]`: the state of the interface catalogues.

status   one line per language: entries, untranslated, fuzzy, other problems (placeholders, tags, plurals)
check    every problem, one per line; exits with status 1 when there is any
library  list the library strings users see in register/core/library_messages.py
prefill  fill empty msgstr of those strings from the libraries' own catalogues
headers  rewrite each catalogue's header (Language, Plural-Forms of register.core.catalogues.PLURAL_FORMS),
         give plural entries all their forms and empty msgmerge's fuzzy guesses
"""

from django.core.management.base import BaseCommand, CommandError

from register.core import catalogues, library_catalogues


class Command(BaseCommand):
    help = "Report on, check or normalise the interface catalogues under locale/."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["status", "check", "headers", "library", "prefill"])
        parser.add_argument("languages", nargs="*", help="language codes (default: all but English)")

    def handle(self, *args, action, languages, **options):
        known = catalogues.translated_languages()
        unknown = sorted(set(languages) - set(known))
        if unknown:
            raise CommandError(f"not a language of settings.LANGUAGES with a catalogue: {', '.join(unknown)}")
        languages = languages or known
        if action == "library":
            count = library_catalogues.write_module(library_catalogues.extract())
            self.stdout.write(f"{count} library strings in {library_catalogues.MODULE}")
        elif action == "prefill":
            for language in languages:
                filled = library_catalogues.prefill(language)
                self.stdout.write(f"{language}: {filled} library strings filled from the libraries' own")
        elif action == "headers":
            for language in languages:
                catalogues.normalise(language)
            self.stdout.write(f"headers rewritten: {len(languages)}")
        elif action == "status":
            for language in languages:
                row = catalogues.summary(language)
                self.stdout.write(
                    "{language:3} {entries:5} entries  {untranslated:5} untranslated  {fuzzy:4} fuzzy  "
                    "{other:4} other".format(**row)
                )
        else:
            problems = [
                problem for language in languages for problem in catalogues.catalogue_problems(language)
            ]
            for problem in problems:
                self.stdout.write(str(problem))
            if problems:
                raise CommandError(f"{len(problems)} problems in the catalogues")
            self.stdout.write(f"{len(languages)} catalogues complete")
