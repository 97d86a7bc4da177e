"""Pages of persons: the name search (/people/) and the page of one person (/people/<public_id>/)."""

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from register.core.views import base_map_config
from register.people import person_page as life
from register.people.forms import PersonSearchForm
from register.people.paging import SearchHits
from register.people.search import MAX_QUERY_LENGTH, search_people
from register.people.selectors import life_path, person_detail_queryset
from register.places import citation

PAGE_SIZE = 20


def person_search(request):
    """/people/: one name box in any script plus filters; PAGE_SIZE persons a page, each with the reasons
    it matched. Invalid filters are shown as form errors with no results."""
    form = PersonSearchForm(request.GET or None)
    query, filters, valid = "", None, not form.is_bound
    if form.is_bound and form.is_valid():
        query, filters, valid = form.query(), form.filters(), True
    page = None
    if valid:
        hits = SearchHits(
            lambda offset, limit: search_people(query, filters, offset=offset, limit=limit),
            per_page=PAGE_SIZE,
            page=request.GET.get("page"),
        )
        try:
            page = Paginator(hits, PAGE_SIZE).get_page(request.GET.get("page"))
        except ValueError:  # the search refuses the query (longer than MAX_QUERY_LENGTH)
            form.add_error(
                "q", _("A search may have at most %(count)s characters.") % {"count": MAX_QUERY_LENGTH}
            )
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query,
        "has_filters": bool(form.is_bound and form.is_valid() and form.has_filters()),
        "query_string": params.urlencode(),
        "submission_email": getattr(settings, "RECORD_SUBMISSION_EMAIL", ""),
    }
    return render(request, "people/search.html", context)


def person_detail(request, public_id: str):
    """The page of one published person: names, facts, the life path as a timeline and a map, family links,
    flags, sources and "cite this record". A restricted record (`Person.restricted`) shows only the names
    and the repression facts (see `register.people.person_page`)."""
    person = get_object_or_404(person_detail_queryset(), public_id=public_id)
    restricted = person.restricted
    rows = life.steps(person, life_path(person), restricted)
    url = citation.citable_url(person)
    original = life.original_name(person)
    title = citation.record_title(person.display_name, original)
    context = {
        "person": person,
        "restricted": restricted,
        "original_name": original,
        "name_groups": life.name_groups(person),
        "facts": [] if restricted else life.identity_facts(person),
        "timeline": rows,
        "path_geojson": life.path_features(rows),
        "family": [] if restricted else life.family_links(person),
        "duplicates": life.duplicates(person),
        "sources": life.person_sources(person, rows, restricted),
        "map_config": base_map_config(request),
        "stable_url": url,
        "cite": citation.citation_formats(title=title, record_id=person.public_id, url=url, csl_type="entry"),
    }
    return render(request, "people/detail.html", context)
