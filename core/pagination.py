"""Pages of long lists whose exact length would cost more than the list itself."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    """A paginator that reads at most ``cap`` + 1 ids, once.

    Counting every one of a coordinator's tens of thousands of requests reads them all; the first
    ``cap`` (in the list's order, newest first) are a screenful of pages, and beyond them the filters
    and the search are the way on. One query reads the ids of the first ``cap`` + 1 rows in order:
    their number is the count (``capped`` says whether there are more than ``cap``, and the page
    says so), and each page is a slice of them. A search that the database must check row by row
    is so done once, not once to count and again for the page.

    ``rows(ids)`` reads a page's rows, in the order of the ids; without it a page lists the ids.
    """

    def __init__(self, object_list, per_page, *, cap, rows=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap
        self.rows = rows or list

    @cached_property
    def ids(self):
        return list(self.object_list.values_list("pk", flat=True)[: self.cap + 1])

    @cached_property
    def count(self):
        return min(len(self.ids), self.cap)

    @cached_property
    def capped(self):
        return len(self.ids) > self.cap

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(self.rows(self.ids[bottom:top]), number, self)
