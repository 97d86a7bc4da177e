"""Serializers of persons: the search result (summary + why it matched) and the full record.

Privacy (issue 3, "Privacy"; `Person.restricted`): for a person who may still be alive, or whose record is
marked restricted, only the name and the repression facts are given, as on the person's web page. The
fields of `WITHHELD_FIELDS` are then left out of the response (the keys are absent, so they cannot be
mistaken for "not recorded"), only the events of `register.people.person_page.REPRESSION_EVENTS` are
listed, and `privacy.withheld` names what was left out.

Only the data set's name and the `synthetic` flag are exposed of a record's provenance, never the id the
record has inside its data set.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.common import SourceSerializer
from register.people.models import DuplicateStatus, EventKind, Person, PersonEvent, PersonName, Relation
from register.people.person_page import INVERSE, REPRESSION_EVENTS
from register.people.selectors import people_counts
from register.places.models import Place

# Response keys left out for a restricted person (identity beyond the name, death, family).
WITHHELD_FIELDS = (
    "birth",
    "birth_start",
    "birth_end",
    "birthplace",
    "birthplace_text",
    "nationality",
    "citizenship",
    "occupation",
    "residence",
    "death",
    "death_start",
    "death_end",
    "biography",
    "family_links",
)
WITHHELD_NOTE = _(
    "This person may still be alive or the record is restricted: only the name and the repression "
    "facts are shown."
)

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


class FlagsSerializer(serializers.Serializer):
    """Record flags of victims' registers. `possible_duplicate`: another record may describe the same
    person (linked for review, never merged)."""

    incomplete = serializers.BooleanField(read_only=True)
    disputed = serializers.BooleanField(read_only=True)
    possible_duplicate = serializers.BooleanField(read_only=True)


class NameReasonSerializer(serializers.Serializer):
    """Why a recorded name form matched the query: the name part, the recorded form, the reason code
    (a key of `register.names.match.REASONS`) and the reason in words in the request's language."""

    part = serializers.CharField(read_only=True)
    value = serializers.CharField(read_only=True)
    reason = serializers.CharField(read_only=True)
    text = serializers.CharField(read_only=True)


class MatchSerializer(serializers.Serializer):
    """How a result matched the query: `score` (higher is better) and the reasons; `score` is null and
    `reasons` empty when the list was browsed without `q`."""

    score = serializers.FloatField(read_only=True, allow_null=True)
    reasons = NameReasonSerializer(many=True, read_only=True)


class PersonSummarySerializer(serializers.ModelSerializer):
    """A person in a list. `birth` (EDTF) is absent for a restricted person (`restricted` true)."""

    id = serializers.CharField(source="public_id", read_only=True, help_text="The person's stable public id.")
    url = serializers.HyperlinkedIdentityField(view_name="api:person-detail", lookup_field="public_id")
    web_url = serializers.SerializerMethodField()
    name = serializers.CharField(source="display_name", read_only=True, help_text="Surname Given Patronymic.")
    birth = serializers.CharField(
        source="birth_edtf", required=False, help_text="Date of birth (EDTF); absent when withheld."
    )
    fate_label = serializers.CharField(source="get_fate_display", read_only=True)
    flags = serializers.SerializerMethodField()
    restricted = serializers.BooleanField(read_only=True, help_text="Only name and repression facts shown.")

    class Meta:
        model = Person
        fields = [
            "id",
            "url",
            "web_url",
            "name",
            "surname",
            "given_name",
            "patronymic",
            "sex",
            "birth",
            "fate",
            "fate_label",
            "country",
            "flags",
            "restricted",
            "synthetic",
        ]
        # Declared fields keep their own arguments: the withheld ones (`birth`) are not read-only, so the
        # schema does not mark them required (they are absent for a restricted person).
        read_only_fields = fields

    def to_representation(self, person: Person) -> dict:
        data = super().to_representation(person)
        if person.restricted:
            for field in WITHHELD_FIELDS:
                data.pop(field, None)
        return data

    @extend_schema_field(OpenApiTypes.URI)
    def get_web_url(self, person: Person) -> str:
        """The absolute URL of the person's page on the web site (its stable URL)."""
        return self.context["request"].build_absolute_uri(person.get_absolute_url())

    @extend_schema_field(FlagsSerializer)
    def get_flags(self, person: Person) -> dict:
        """incomplete, disputed, possible_duplicate: `has_possible_duplicate` as the list view sets it for
        a page (`api.views.people.mark_duplicates`), else from the prefetched duplicate links."""
        duplicate = getattr(person, "has_possible_duplicate", None)
        if duplicate is None:
            duplicate = bool(possible_duplicates(person))
        return {"incomplete": person.incomplete, "disputed": person.disputed, "possible_duplicate": duplicate}


class PersonHitSerializer(PersonSummarySerializer):
    """A search result: the person summary and `match`, why it was found (from `PersonHit`, set on the
    person as `match` by the view)."""

    match = MatchSerializer(read_only=True)

    class Meta(PersonSummarySerializer.Meta):
        fields = [*PersonSummarySerializer.Meta.fields, "match"]
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


class PersonDetailSerializer(PersonSummarySerializer):
    """A person in full: every recorded name form, identity, life events, family links, citations,
    possible duplicates and the record's privacy. See the module docstring for restricted persons."""

    names = PersonNameSerializer(many=True, read_only=True)
    birth_start = serializers.DateField(required=False, help_text="Earliest date the birth EDTF allows.")
    birth_end = serializers.DateField(required=False, help_text="Latest date the birth EDTF allows.")
    birthplace = EventPlaceSerializer(
        required=False, allow_null=True, help_text="Birthplace in the register (published places only)."
    )
    birthplace_text = serializers.CharField(required=False, help_text="Birthplace as recorded.")
    nationality = serializers.CharField(required=False)
    citizenship = serializers.CharField(required=False, help_text="Citizenship as recorded then.")
    occupation = serializers.CharField(required=False)
    residence = serializers.CharField(required=False, help_text="Residence at arrest or deportation.")
    death = serializers.CharField(source="death_edtf", required=False, help_text="Date of death (EDTF).")
    death_start = serializers.DateField(required=False)
    death_end = serializers.DateField(required=False)
    biography = serializers.CharField(required=False)
    events = serializers.SerializerMethodField()
    family_links = FamilyLinksField(help_text="Links to other published persons, from this person's side.")
    possible_duplicates = serializers.SerializerMethodField()
    citations = PersonCitationSerializer(many=True, read_only=True)
    dataset = serializers.CharField(read_only=True, help_text="The data set the record came from.")
    privacy = serializers.SerializerMethodField()

    class Meta(PersonSummarySerializer.Meta):
        fields = [
            *PersonSummarySerializer.Meta.fields,
            "names",
            "birth_start",
            "birth_end",
            "birthplace",
            "birthplace_text",
            "nationality",
            "citizenship",
            "occupation",
            "residence",
            "death",
            "death_start",
            "death_end",
            "biography",
            "events",
            "family_links",
            "possible_duplicates",
            "citations",
            "dataset",
            "privacy",
        ]
        read_only_fields = fields

    def to_representation(self, person: Person) -> dict:
        data = super().to_representation(person)
        if data.get("birthplace") is not None and not person.birthplace.published:
            data["birthplace"] = None
        return data

    @extend_schema_field(PersonEventSerializer(many=True))
    def get_events(self, person: Person) -> list[dict]:
        """The life events in date order; for a restricted person only the repression facts."""
        events = [
            event for event in person.events.all() if not person.restricted or event.kind in REPRESSION_EVENTS
        ]
        return PersonEventSerializer(events, many=True, context=self.context).data

    @extend_schema_field(PossibleDuplicateSerializer(many=True))
    def get_possible_duplicates(self, person: Person) -> list[dict]:
        """Published records that may be the same person, open or confirmed (not those found distinct)."""
        return PossibleDuplicateSerializer(possible_duplicates(person), many=True, context=self.context).data

    @extend_schema_field(PrivacySerializer)
    def get_privacy(self, person: Person) -> dict:
        """{"restricted", "withheld": [field names left out], "withheld_event_kinds", "note"}."""
        if not person.restricted:
            return {"restricted": False, "withheld": [], "withheld_event_kinds": [], "note": ""}
        hidden_kinds = [kind.value for kind in EventKind if kind not in REPRESSION_EVENTS]
        return {
            "restricted": True,
            "withheld": list(WITHHELD_FIELDS),
            "withheld_event_kinds": hidden_kinds,
            "note": str(WITHHELD_NOTE),
        }


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


class PeopleCountList(serializers.ListSerializer):
    """A list of places or operations that counts their people for the whole page in one query
    (`register.people.selectors.people_counts`) and sets `people_count` on each item. The child says
    which ids it counts with `people_count_key` ("place_ids" or "operation_ids")."""

    def to_representation(self, data) -> list[dict]:
        items = list(data.all() if hasattr(data, "all") else data)
        counts = people_counts(**{self.child.people_count_key: [item.pk for item in items]})
        for item in items:
            item.people_count = counts.get(item.pk, 0)
        return super().to_representation(items)


class PeopleCountMixin(serializers.Serializer):
    """Adds `people_count`: the number of published persons with a life event at the place or in the
    operation (see `people_counts`). Lists count a page in one query (PeopleCountList); a single record
    counts itself with one query."""

    people_count_key = ""
    people_count = serializers.SerializerMethodField(
        help_text="Published persons of the register with a life event here (camp divisions not included)."
    )

    def get_people_count(self, record) -> int:
        """The count set by PeopleCountList, else counted now."""
        count = getattr(record, "people_count", None)
        if count is None:
            count = people_counts(**{self.people_count_key: [record.pk]}).get(record.pk, 0)
        return count
