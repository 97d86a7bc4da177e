"""Pagination of API lists: `count`, `next`, `previous`, `results`; `page_size` up to 500."""

from django.utils.text import format_lazy
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination


class StandardPagination(PageNumberPagination):
    """Page numbers from 1; a page that is not a number, below 1 or past the last page is a 400
    naming the parameter ({"page": ["Invalid page. That page number is less than 1"]}), like every
    other invalid query parameter. Both sentences come translated from DRF's and Django's catalogues."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    invalid_page_message = format_lazy("{} {{message}}", PageNumberPagination.invalid_page_message)

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound as exc:
            raise ValidationError({self.page_query_param: [exc.detail]}) from exc
