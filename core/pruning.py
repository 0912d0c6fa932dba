"""Deleting many old rows without holding a large table locked for long."""

BATCH_SIZE = 5000


def delete_in_batches(queryset, *, batch_size=BATCH_SIZE):
    """Delete the rows of ``queryset`` a batch of primary keys at a time; returns how many went.

    Each batch is its own short statement (and transaction, outside an atomic block), so the
    portal keeps writing to the table while years of rows go. Each batch is looked for after the
    last key of the one before: starting from the first key again would walk the index over every
    row already deleted (dead until a vacuum), which made each batch slower than the last.
    """
    model = queryset.model
    deleted = 0
    last = None
    while True:
        after = queryset if last is None else queryset.filter(pk__gt=last)
        batch = list(after.order_by("pk").values_list("pk", flat=True)[:batch_size])
        if not batch:
            return deleted
        last = batch[-1]
        # Deleted by the model's own manager, so rows pointing here are handled as the model says.
        _total, per_model = model._default_manager.filter(pk__in=batch).delete()
        deleted += per_model.get(model._meta.label, 0)
