"""The fallback chain of descriptive texts (reader's language -> English -> original language) and what
the place and operation pages show of it."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from register.places.models import Place
from register.texts.models import TextTranslation
from register.texts.selectors import reader_language, texts_by_language, translated_text


def describe(place, text, language):
    place.description, place.description_language = text, language
    place.save()
    return place


def test_reader_language_then_english_then_original(place):
    describe(place, "Lagerio aprašymas lietuviškai.", "lt")
    TextTranslation.objects.create(place=place, language="en", text="The camp described in English.")
    TextTranslation.objects.create(place=place, language="de", text="Das Lager auf Deutsch.")
    place = Place.objects.get(pk=place.pk)

    assert tuple(translated_text(place, "description", "de")) == ("Das Lager auf Deutsch.", "de", False)
    assert tuple(translated_text(place, "description", "fr")) == (
        "The camp described in English.",
        "en",
        True,
    )
    assert tuple(translated_text(place, "description", "lt")) == (
        "Lagerio aprašymas lietuviškai.",
        "lt",
        False,
    )
    TextTranslation.objects.filter(place=place, language="en").delete()
    assert tuple(translated_text(place, "description", "fr")) == (
        "Lagerio aprašymas lietuviškai.",
        "lt",
        True,
    )


def test_original_wins_over_a_translation_in_its_own_language(place):
    describe(place, "Original text.", "en")
    TextTranslation.objects.create(place=place, language="lv", text="Latviešu teksts.")
    assert texts_by_language(place) == {"en": "Original text.", "lv": "Latviešu teksts."}
    assert tuple(translated_text(place, "description", "en")) == ("Original text.", "en", False)
    assert tuple(translated_text(place, "description", "pl")) == ("Original text.", "en", True)


def test_no_text_at_all(place):
    shown = translated_text(place, "description", "lt")
    assert tuple(shown) == ("", "", False)


def test_reader_language_is_a_register_language():
    assert reader_language("de-at") == "de"
    assert reader_language("zh-hans") == "en"
    assert reader_language("uk") == "uk"


def test_prefetched_translations_cost_no_query(vesna, django_assert_num_queries):
    from register.operations.selectors import operation_api_queryset

    operations = list(operation_api_queryset())
    with django_assert_num_queries(0):
        shown = [translated_text(operation, "description", "lt") for operation in operations]
    assert any(item.language == "lt" and not item.is_fallback for item in shown)


# ---------------------------------------------------------------- pages


def test_operation_page_in_the_readers_language_without_note(client, vesna):
    lithuanian = vesna.translations.get(language="lt").text
    page = client.get(f"/lt/operations/{vesna.slug}/").content.decode()
    assert f'<p lang="lt">{escape(lithuanian)}</p>' in page
    assert "translation-note" not in page


def test_operation_page_falls_back_to_english_with_a_note_and_a_link(client, vesna):
    page = client.get(f"/de/operations/{vesna.slug}/").content.decode()
    assert f'<p lang="en">{escape(vesna.description)}</p>' in page
    assert "translation-note" in page
    with translation.override("de"):
        link = reverse("contributions:correct", args=["operation", vesna.slug])
    assert f"{link}?translate=de#translations" in page


def test_place_page_falls_back_to_the_original_language(client, place):
    describe(place, "Norilsko lageris prie Jenisiejaus.", "lt")
    page = client.get(place.get_absolute_url()).content.decode()
    assert '<p lang="lt">Norilsko lageris prie Jenisiejaus.</p>' in page
    assert "Shown in Lithuanian: there is no English translation of this text yet." in page
    assert "?translate=en#translations" in page


def test_place_page_without_description_shows_no_block(client, place):
    page = client.get(place.get_absolute_url()).content.decode()
    assert "record-description" not in page


@pytest.mark.parametrize("language", ["lt", "en"])
def test_english_original_shown_to_english_readers_as_is(client, koreans, language):
    page = client.get(
        f"/{language}/operations/{koreans.slug}/" if language != "en" else koreans.get_absolute_url()
    )
    text = page.content.decode()
    assert f'<p lang="en">{escape(koreans.description)}</p>' in text
    assert ("translation-note" in text) == (language == "lt")
