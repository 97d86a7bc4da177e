"""Vocabularies (economic activities, macro-regions, kinds of places, event types, fates) are translated
like the interface: every term is in the catalogues, and a reader sees it in their language."""

import csv
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from register.core.catalogues import translated_languages
from register.core.templatetags.register_tags import vocabulary_label
from register.people.models import EventKind, Fate
from register.places import vocabulary_messages
from register.places.models import Activity, PlaceKind, Region
from register.places.vocabulary_messages import VOCABULARY_CONTEXT


def listed_terms() -> set[tuple[str, str]]:
    """(context, term) of each pgettext_lazy call in register/places/vocabulary_messages.py (makemessages
    reads the same calls)."""
    source = Path(vocabulary_messages.__file__).read_text(encoding="utf-8")
    terms = set(re.findall(r'pgettext_lazy\("([^"]+)", "([^"]+)"\)', source))
    assert len(terms) == len(vocabulary_messages.VOCABULARY_MESSAGES)
    return terms


def test_every_term_of_the_fixture_is_listed_for_translation():
    path = Path(settings.BASE_DIR) / "fixtures" / "gulag-camps" / "vocabularies.csv"
    contexts = {"activity": VOCABULARY_CONTEXT["Activity"], "region": VOCABULARY_CONTEXT["Region"]}
    with path.open(encoding="utf-8") as handle:
        wanted = {
            (contexts[row["vocabulary"]], row["label_en"])
            for row in csv.DictReader(handle)
            if row["vocabulary"] in contexts
        }
    assert wanted == listed_terms()


@pytest.mark.parametrize("language", translated_languages())
def test_vocabulary_terms_are_translated(real_data, language):
    terms = [*Activity.objects.all(), *Region.objects.all()]
    assert len(terms) == 28
    with translation.override(language):
        labels = {term.label_en: vocabulary_label(term) for term in terms}
        kinds = {str(label) for label in [*PlaceKind.labels, *EventKind.labels]}
        fates = {str(label) for label in Fate.labels}
    if language == "ru":  # the Russian labels of the source itself
        assert labels["Logging"] == Activity.objects.get(label_en="Logging").label_ru
    # Most terms differ from English in every language; a few proper names may not (Komi, Caucasus...).
    same = [english for english, label in labels.items() if english == label]
    assert len(same) <= 3, same
    with translation.override("en"):
        english_kinds = {str(label) for label in PlaceKind.labels} | {
            str(label) for label in EventKind.labels
        }
        english_fates = {str(label) for label in Fate.labels}
    assert len(kinds & english_kinds) <= 2
    assert len(fates & english_fates) <= 1


def test_the_api_gives_each_term_in_the_readers_language(real_data):
    from django.test import Client

    german = Client(HTTP_ACCEPT_LANGUAGE="de").get("/api/v1/places/pdfaf7ch7/").json()
    with translation.override("de"):
        expected = vocabulary_label(Activity.objects.get(source_id=german["activity"]["id"]))
    assert german["activity"]["label"] == expected != german["activity"]["label_en"]
