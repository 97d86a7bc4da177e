"""`people_count` of places and operations: the published persons with a life event there."""

from rest_framework import serializers

from register.people.selectors import people_counts


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
