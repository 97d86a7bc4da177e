"""Persons: the name search in any script (a paginated list with the reason of each match) and the full
record of one person."""

from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import viewsets

from api.filters import PersonSearchParams, validated_params
from api.pagination import StandardPagination
from api.permissions import ReadOnly
from api.serializers.people import PersonDetailSerializer, PersonHitSerializer
from register.people.models import DuplicateStatus, Person, PossibleDuplicate
from register.people.paging import SearchHits
from register.people.search import search_people
from register.people.selectors import person_detail_queryset

# One result of the list (drf-spectacular wraps it in the page: count, next, previous, results).
SEARCH_EXAMPLE = {
    "id": "vq3k7m2xa",
    "url": "https://gulag-register.example/api/v1/people/vq3k7m2xa/",
    "web_url": "https://gulag-register.example/people/vq3k7m2xa/",
    "name": "Žemaitis Jonas",
    "surname": "Žemaitis",
    "given_name": "Jonas",
    "patronymic": "",
    "sex": "m",
    "birth": "1909-03-15",
    "fate": "executed",
    "fate_label": "executed",
    "country": "LT",
    "flags": {"incomplete": False, "disputed": False, "possible_duplicate": False},
    "restricted": False,
    "synthetic": False,
    "match": {
        "score": 0.95,
        "reasons": [
            {
                "part": "surname",
                "value": "Жемайтис",
                "reason": "same_in_other_script",
                "text": "same name in another script",
            }
        ],
    },
}
Q_PARAMETER = OpenApiParameter(
    "q",
    str,
    description=PersonSearchParams().fields["q"].help_text,
    examples=[
        OpenApiExample("Surname in Lithuanian", value="Žemaitis"),
        OpenApiExample("The same in Russian Cyrillic, Soviet order", value="Жемайтис Йонас"),
        OpenApiExample("A romanization of the Cyrillic", value="Zhemaitis"),
        OpenApiExample("Female form, given name first", value="Dalia Grinkevičiūtė"),
    ],
)


class PeoplePagination(StandardPagination):
    """The people search's pages: 20 persons a page by default, at most 100; `count`, `next` and
    `previous` as in the other lists. The search pages in the database (`search_people(offset, limit)`),
    so a page costs one search (see `register.people.paging.SearchHits`)."""

    page_size = 20
    max_page_size = 100

    def paginate_search(self, fetch, request, view=None) -> list:
        """The hits of the requested page. fetch(offset, limit) -> SearchResult. Raises ValidationError
        (a 400 naming `page`) for a page that is not a number, below 1 or past the last page."""
        hits = SearchHits(
            fetch, per_page=self.get_page_size(request), page=request.query_params.get(self.page_query_param)
        )
        return self.paginate_queryset(hits, request, view)


def mark_duplicates(people: list[Person]) -> None:
    """Set `has_possible_duplicate` on each person of a page, with one query for the whole page: whether
    a published record may be the same person (open or confirmed, not found distinct)."""
    ids = [person.pk for person in people]
    pairs = (
        PossibleDuplicate.objects.exclude(status=DuplicateStatus.DISTINCT)
        .filter(Q(person_id__in=ids, other__published=True) | Q(other_id__in=ids, person__published=True))
        .values_list("person_id", "other_id")
    )
    flagged = {pk for pair in pairs for pk in pair}
    for person in people:
        person.has_possible_duplicate = person.pk in flagged


@extend_schema_view(
    list=extend_schema(
        summary="Search people",
        description="Published persons whose name matches `q` in any script or spelling, best first, "
        "each with `match`: the score and why it matched (same name in another script, female form, "
        "sounds alike...). Without `q`, the persons matching the filters in name order (score null). "
        "20 a page (`page_size` up to 100).",
        parameters=[PersonSearchParams, Q_PARAMETER],
        responses={
            200: PersonHitSerializer(many=True),
            400: OpenApiResponse(
                response=OpenApiTypes.OBJECT,
                description="A parameter is invalid; the body names it.",
                examples=[
                    OpenApiExample(
                        "A birth-year range that ends before it starts",
                        value={"born_to": ["born_to must not be before born_from."]},
                    )
                ],
            ),
        },
        examples=[
            OpenApiExample(
                "A Lithuanian name typed in Latin letters finds the Cyrillic record",
                value=SEARCH_EXAMPLE,
                response_only=True,
                status_codes=["200"],
            ),
        ],
    ),
    retrieve=extend_schema(
        summary="One person in full",
        description="Every recorded name form, identity, life events (EDTF dates, places, operations), "
        "family links, citations and possible duplicates. For a person who may still be alive only the "
        "name and the repression facts are given; `privacy.withheld` lists the fields left out.",
    ),
)
class PersonViewSet(viewsets.ReadOnlyModelViewSet):
    """Victims of the register by their stable public id; unpublished records are 404."""

    lookup_field = "public_id"
    lookup_value_regex = "[a-z0-9]+"
    permission_classes = [ReadOnly]
    pagination_class = PeoplePagination
    filter_backends: list = []

    def get_serializer_class(self):
        return PersonDetailSerializer if self.action == "retrieve" else PersonHitSerializer

    def get_queryset(self):
        return person_detail_queryset()

    def list(self, request, *args, **kwargs):
        """Validate the parameters, run one search for the page, serialize the hits with their match."""
        params = validated_params(PersonSearchParams, request)
        query, filters = params.query(), params.to_filters()
        hits = self.paginator.paginate_search(
            lambda offset, limit: search_people(query, filters, offset=offset, limit=limit), request, self
        )
        people = []
        for hit in hits:
            hit.person.match = hit
            people.append(hit.person)
        mark_duplicates(people)
        serializer = self.get_serializer(people, many=True)
        return self.paginator.get_paginated_response(serializer.data)
