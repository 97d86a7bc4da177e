"""Django's Paginator over `search_people`, which pages in the database and reports the total itself."""

from collections.abc import Callable

from register.people.search import PersonHit, SearchResult


class SearchHits:
    """A lazy, sliceable list of a search's hits for `django.core.paginator.Paginator`.

    `fetch(offset, limit)` runs the search for one window and returns a `SearchResult`. The window of
    `page` (1-based, the page the reader asked for) is fetched first, so the usual page costs one search:
    `count()` comes from its `total`, and slicing that same window reuses its hits. Any other window
    (the reader asked for a page past the end and gets the last one) is one more search.
    """

    def __init__(self, fetch: Callable[[int, int], SearchResult], *, per_page: int, page: int | str | None):
        self._fetch = fetch
        self._per_page = per_page
        try:
            number = max(int(page or 1), 1)
        except (TypeError, ValueError):
            number = 1
        self._window = ((number - 1) * per_page, per_page)
        self._results: dict[tuple[int, int], SearchResult] = {}

    def _result(self, offset: int, limit: int) -> SearchResult:
        if (offset, limit) not in self._results:
            self._results[(offset, limit)] = self._fetch(offset, limit)
        return self._results[(offset, limit)]

    def count(self) -> int:
        """The number of persons found in all (the `total` of the search)."""
        if self._results:
            return next(iter(self._results.values())).total
        return self._result(*self._window).total

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[PersonHit]:
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("SearchHits supports only slices without a step")
        start = index.start or 0
        stop = index.stop if index.stop is not None else start + self._per_page
        for (offset, limit), result in self._results.items():  # the last page is cut to the total
            if offset <= start and stop <= offset + limit:
                return result.hits[start - offset : stop - offset]
        return self._result(start, stop - start).hits

    @property
    def query(self) -> str:
        """The query as the search read it."""
        return self._result(*self._window).query
