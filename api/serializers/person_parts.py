"""Parts of a person's full record in the API: name forms, life events with their places and operations,
citations with their sources, family links, possible duplicates, and the privacy note."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.common import SourceSerializer
from register.people.models import DuplicateStatus, Person, PersonEvent, PersonName, Relation
from register.people.person_page import INVERSE
from register.places.models import Place

GEOJSON_POINT = {
    "type": "object",
    "nullable": True,
    "description": "GeoJSON Point [lon, lat] (WGS 84) of the place's first location; null when it has none.",
    "properties": {
        "type": {"type": "string", "enum": ["Point"]},
        "coordinates": {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2},
    },
}


def place_point(place: Place) -> dict | None:
    """GeoJSON Point of the place's first location (a point on the surface of an area), from the
    prefetched `locations`; None when the place has no location."""
    first = next(iter(place.locations.all()), None)
    if first is None:
        return None
    point = first.geom if first.geom.geom_type == "Point" else first.geom.point_on_surface
    return {"type": "Point", "coordinates": [point.x, point.y]}


class PersonRefSerializer(serializers.ModelSerializer):
    """A short reference to another person of the register: public id, API URL and name."""

    id = serializers.CharField(source="public_id", read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="api:person-detail", lookup_field="public_id")
    name = serializers.CharField(source="display_name", read_only=True)

    class Meta:
        model = Person
        fields = ["id", "url", "name"]
        read_only_fields = fields


class PersonNameSerializer(serializers.ModelSerializer):
    """One recorded form of a name part, with its language (BCP 47), script (ISO 15924), kind and source
    key (see /api/v1/sources/{key}/)."""

    source = serializers.SlugRelatedField(slug_field="key", read_only=True, allow_null=True)

    class Meta:
        model = PersonName
        fields = ["part", "value", "language", "script", "kind", "is_primary", "source"]
        read_only_fields = fields


class PersonCitationSerializer(serializers.Serializer):
    """A citation of a source on the record or on one fact: the source in full (archive, fond, opis,
    delo, list for an archive file), the locator (page, sheet) and a note."""

    source = SourceSerializer(read_only=True)
    locator = serializers.CharField(read_only=True)
    note = serializers.CharField(read_only=True)


class EventPlaceSerializer(serializers.ModelSerializer):
    """The register place of an event: public id, API URL, name and point."""

    id = serializers.CharField(source="public_id", read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="api:place-detail", lookup_field="public_id")
    name = serializers.CharField(source="primary_name", read_only=True)
    name_en = serializers.CharField(source="primary_name_en", read_only=True)
    point = serializers.SerializerMethodField()

    class Meta:
        model = Place
        fields = ["id", "url", "name", "name_en", "kind", "point"]
        read_only_fields = fields

    @extend_schema_field(GEOJSON_POINT)
    def get_point(self, place: Place) -> dict | None:
        """The place's point, or None."""
        return place_point(place)


class EventOperationSerializer(serializers.Serializer):
    """The deportation operation of an event: slug, API URL and English name."""

    slug = serializers.SlugField(read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="api:operation-detail", lookup_field="slug")
    name_en = serializers.CharField(read_only=True)


class PersonEventSerializer(serializers.ModelSerializer):
    """One life event: kind, EDTF date with its bounds, the register place (null when unknown to the
    register or unpublished; `place_text` is the place as recorded), the operation, details, citations."""

    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    date = serializers.CharField(source="period_edtf", read_only=True, help_text="EDTF, e.g. 1941-06-14.")
    date_start = serializers.DateField(source="period_start", read_only=True)
    date_end = serializers.DateField(source="period_end", read_only=True)
    place = serializers.SerializerMethodField()
    operation = serializers.SerializerMethodField()
    citations = PersonCitationSerializer(many=True, read_only=True)

    class Meta:
        model = PersonEvent
        fields = [
            "kind",
            "kind_label",
            "date",
            "date_start",
            "date_end",
            "place",
            "place_text",
            "operation",
            "origin",
            "article",
            "authority",
            "term",
            "cause",
            "place_known",
            "note",
            "citations",
        ]
        read_only_fields = fields

    @extend_schema_field(EventPlaceSerializer(allow_null=True))
    def get_place(self, event: PersonEvent) -> dict | None:
        """The published register place of the event, or None."""
        if event.place is None or not event.place.published:
            return None
        return EventPlaceSerializer(event.place, context=self.context).data

    @extend_schema_field(EventOperationSerializer(allow_null=True))
    def get_operation(self, event: PersonEvent) -> dict | None:
        """The published operation of the event, or None."""
        if event.operation is None or not event.operation.published:
            return None
        return EventOperationSerializer(event.operation, context=self.context).data


class FamilyLinkSerializer(serializers.Serializer):
    """A family or fellow-deportee link read as "this person <relation> person", with its source key."""

    relation = serializers.ChoiceField(choices=Relation.choices, read_only=True)
    relation_label = serializers.SerializerMethodField()
    person = PersonRefSerializer(read_only=True)
    source = serializers.CharField(
        read_only=True, allow_null=True, help_text="Key of the source (see /api/v1/sources/{key}/)."
    )

    def get_relation_label(self, link: dict) -> str:
        """The relation in words, in the request's language."""
        return str(Relation(link["relation"]).label)


@extend_schema_field(FamilyLinkSerializer(many=True))
class FamilyLinksField(serializers.Field):
    """The person's links in both directions, each read from this person's side ("A parent of B" is
    "child of A" on B's record), to published persons only, each pair once. Not read-only, so the schema
    does not mark it required: it is absent for a restricted person."""

    def __init__(self, **kwargs):
        super().__init__(source="*", required=False, **kwargs)

    def to_representation(self, person: Person) -> list[dict]:
        return FamilyLinkSerializer(family_links(person), many=True, context=self.context).data


class PossibleDuplicateSerializer(serializers.Serializer):
    """Another record that may describe the same person, with its review status (open or confirmed)."""

    person = PersonRefSerializer(read_only=True)
    status = serializers.ChoiceField(choices=DuplicateStatus.choices, read_only=True)


class PrivacySerializer(serializers.Serializer):
    """Whether the record is restricted, which response fields were therefore left out, and why."""

    restricted = serializers.BooleanField(read_only=True)
    withheld = serializers.ListField(child=serializers.CharField(), read_only=True)
    withheld_event_kinds = serializers.ListField(child=serializers.CharField(), read_only=True)
    note = serializers.CharField(read_only=True)


def family_links(person: Person) -> list[dict]:
    """[{"relation", "person", "source" (key or None)}] of the person's links to published persons, from the
    prefetched `links` and `linked_from` (the latter turned round: parent of <-> child of; the other
    relations read the same both ways); a link recorded in both directions is given once."""
    rows = [(link.relation, link.other, link.source) for link in person.links.all()]
    rows += [
        (INVERSE.get(link.relation, link.relation), link.person, link.source)
        for link in person.linked_from.all()
    ]
    seen, out = set(), []
    for relation, other, source in rows:
        if other.published and (relation, other.pk) not in seen:
            seen.add((relation, other.pk))
            out.append({"relation": relation, "person": other, "source": source.key if source else None})
    return out


def possible_duplicates(person: Person) -> list[dict]:
    """[{"person": other Person, "status"}] of the person's possible duplicates that are published and
    not confirmed distinct, from the prefetched `duplicate_links` / `duplicate_links_from` (see
    `api.views.people.person_api_queryset`)."""
    pairs = [(link.other, link.status) for link in person.duplicate_links.all()]
    pairs += [(link.person, link.status) for link in person.duplicate_links_from.all()]
    return [
        {"person": other, "status": status}
        for other, status in pairs
        if other.published and status != DuplicateStatus.DISTINCT
    ]
