"""Serializers shared by several endpoints: sources, citations, vocabularies and place kinds."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from register.core.templatetags.register_tags import vocabulary_label
from register.places.models import Activity, Region
from register.sources.models import Citation, Source
from register.texts.selectors import texts_by_language, translated_text


def source_key_field() -> serializers.SlugRelatedField:
    """A read-only `source` field giving the source's key (see /api/v1/sources/{key}/), or null."""
    return serializers.SlugRelatedField(
        slug_field="key", read_only=True, help_text="Key of the source (see /api/v1/sources/{key}/)."
    )


class SourceSerializer(serializers.ModelSerializer):
    """A source in full: publication, web page, data set or archive file (archive/fond/opis/delo/list)."""

    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    archive_reference = serializers.CharField(
        read_only=True, help_text='Short archive reference, e.g. "GARF, f. 9401, op. 1, d. 4475, l. 12".'
    )
    display = serializers.CharField(read_only=True, help_text="The full reference as printed under a record.")

    class Meta:
        model = Source
        fields = [
            "key",
            "kind",
            "kind_label",
            "title",
            "reference",
            "authors",
            "year",
            "publisher",
            "url",
            "licence",
            "archive",
            "fond",
            "opis",
            "delo",
            "list",
            "archive_reference",
            "display",
            "note",
        ]
        read_only_fields = fields


class CitationSerializer(serializers.ModelSerializer):
    """A record's citation of a source: the source's key, a locator (page, clause, sheet) and a note."""

    source = source_key_field()

    class Meta:
        model = Citation
        fields = ["source", "locator", "note"]
        read_only_fields = fields


class VocabularySerializer(serializers.Serializer):
    """A controlled term: `id` is its id in the source data set (the value the `activity`/`region`
    filters take), with English and Russian labels of the source and `label` in the request's language
    (Accept-Language; the interface catalogues translate the terms)."""

    id = serializers.IntegerField(source="source_id", read_only=True)
    label = serializers.SerializerMethodField()
    label_en = serializers.CharField(read_only=True)
    label_ru = serializers.CharField(read_only=True)

    def get_label(self, term) -> str:
        """The term in the request's language."""
        return vocabulary_label(term)


class ActivitySerializer(VocabularySerializer, serializers.ModelSerializer):
    """An economic activity of camps (logging, mining, ...)."""

    class Meta:
        model = Activity
        fields = ["id", "label", "label_en", "label_ru"]


class RegionSerializer(VocabularySerializer, serializers.ModelSerializer):
    """A macro-region of the camp system as Memorial groups it."""

    class Meta:
        model = Region
        fields = ["id", "label", "label_en", "label_ru"]


class ChoiceSerializer(serializers.Serializer):
    """One value of a closed list (a `TextChoices`) with its label in the request's language."""

    value = serializers.CharField(read_only=True)
    label = serializers.CharField(read_only=True)


DESCRIPTIONS = {
    "type": "object",
    "additionalProperties": {"type": "string"},
    "description": "The description in every language the register has it in, by language code "
    "(settings.LANGUAGES): the original (in `description_language`) and its translations.",
}
READER_DESCRIPTION = {
    "type": "object",
    "nullable": True,
    "description": "The description for the reader's language (Accept-Language), as the web page shows it: "
    "the reader's language, else English, else the original; `is_fallback` is true when `language` is not "
    "the reader's. Null when the record has no description.",
    "properties": {
        "text": {"type": "string"},
        "language": {"type": "string"},
        "is_fallback": {"type": "boolean"},
    },
}


def reader_description(record) -> dict | None:
    """{"text", "language", "is_fallback"} of `record`'s description in the active language's fallback
    chain (register.texts.selectors.translated_text), None when it has none."""
    shown = translated_text(record, "description")
    if not shown.text:
        return None
    return {"text": shown.text, "language": shown.language, "is_fallback": shown.is_fallback}


class DescriptionsMixin(serializers.Serializer):
    """`descriptions` ({language: text}, DESCRIPTIONS) and `description_for_reader` (READER_DESCRIPTION)
    of a place or operation (register/texts); list both in Meta.fields."""

    descriptions = serializers.SerializerMethodField()
    description_for_reader = serializers.SerializerMethodField()

    @extend_schema_field(DESCRIPTIONS)
    def get_descriptions(self, record) -> dict[str, str]:
        """{language: text} of the description: the original and its translations."""
        return texts_by_language(record)

    @extend_schema_field(READER_DESCRIPTION)
    def get_description_for_reader(self, record) -> dict | None:
        """The description in the request's language, or its fallback (see READER_DESCRIPTION)."""
        return reader_description(record)
