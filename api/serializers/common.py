"""Serializers shared by several endpoints: sources, citations, vocabularies and place kinds."""

from rest_framework import serializers

from register.core.templatetags.register_tags import vocabulary_label
from register.places.models import Activity, Region
from register.sources.models import Citation, Source


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
