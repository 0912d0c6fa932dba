"""``field__any=[ids]``: one array parameter for a long list of ids, where ``__in`` writes one per id.

A coordinator's scope is hundreds of authorities. ``__in`` prepares, quotes and sends each id as a
parameter of its own, in every condition that names the scope, and PostgreSQL parses each; the
planner turns the list into an array anyway. ``__any`` sends the list as one array: the same plan,
without the work per id on either side. One id is compared as ``= id``, which the planner matches
with an index's first column as it does ``IN (id)``; a queryset is a subquery, as with ``__in``.
"""

from django.db import models
from django.db.models.lookups import In


class AnyOf(models.Lookup):
    lookup_name = "any"
    prepare_rhs = False

    def get_prep_lookup(self):
        if hasattr(self.rhs, "resolve_expression"):
            return self.rhs
        return [int(value) for value in self.rhs]

    def as_sql(self, compiler, connection):
        if not isinstance(self.rhs, list):
            return compiler.compile(In(self.lhs, self.rhs))
        lhs, lhs_params = self.process_lhs(compiler, connection)
        if len(self.rhs) == 1:
            return f"{lhs} = %s", (*lhs_params, self.rhs[0])
        return f"{lhs} = ANY(%s::bigint[])", (*lhs_params, self.rhs)


def register():
    for field in (models.ForeignKey, models.AutoField, models.BigAutoField, models.IntegerField):
        field.register_lookup(AnyOf)
