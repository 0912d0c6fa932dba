"""Pages of long lists whose exact length would cost more than the list itself."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    """A paginator that counts at most ``cap`` rows.

    Counting every one of a coordinator's tens of thousands of requests reads them all; the first
    ``cap`` (newest first) are a screenful of pages, and beyond them the filters and the search are
    the way on. ``capped`` says whether there are more than ``cap``: the page says so.
    """

    def __init__(self, object_list, per_page, *, cap, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap

    @cached_property
    def _counted(self):
        # Without the ordering, the database stops at the first cap + 1 rows it finds, in any order.
        return self.object_list.order_by()[: self.cap + 1].count()

    @cached_property
    def count(self):
        return min(self._counted, self.cap)

    @cached_property
    def capped(self):
        return self._counted > self.cap
