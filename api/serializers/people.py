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

from api.serializers.person_parts import (
    EventPlaceSerializer,
    FamilyLinksField,
    PersonCitationSerializer,
    PersonEventSerializer,
    PersonNameSerializer,
    PossibleDuplicateSerializer,
    PrivacySerializer,
    possible_duplicates,
)
from register.people.models import REPRESSION_EVENTS, EventKind, Person

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
    "fate",
    "fate_label",
)
WITHHELD_NOTE = _(
    "This person may still be alive or the record is restricted: only the name and the repression "
    "facts are shown."
)


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
