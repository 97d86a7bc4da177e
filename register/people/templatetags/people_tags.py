"""Template filters of the person pages: EDTF dates of life events in words and a person's birth year."""

from django import template

from register.core.edtf_words import edtf_display
from register.people.models import NamePart

register = template.Library()
LIST_PARTS = (NamePart.SURNAME, NamePart.MAIDEN, NamePart.GIVEN, NamePart.PATRONYMIC)
register.filter("edtf_display", edtf_display)


@register.filter
def birth_years(person) -> str:
    """The birth year of a person for lists: "1905", "1905–1906" when the record leaves it open, "" when
    not recorded or when the record is restricted (privacy: `Person.restricted`)."""
    if person.restricted or person.birth_year_min is None:
        return ""
    first, last = person.birth_year_min, person.birth_year_max
    return str(first) if last in (None, first) else f"{first}–{last}"


@register.filter
def other_name_forms(person) -> list:
    """The recorded forms of the person's surname, maiden name, given name and patronymic besides the
    primary ones, each once, surnames first (for the lines of a result list)."""
    shown = {person.surname.casefold(), person.given_name.casefold(), person.patronymic.casefold()}
    forms = []
    for name in sorted(
        person.names.all(), key=lambda name: LIST_PARTS.index(name.part) if name.part in LIST_PARTS else 9
    ):
        key = name.value.casefold()
        if name.part in LIST_PARTS and key not in shown:
            shown.add(key)
            forms.append(name)
    return forms
