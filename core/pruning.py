"""Deleting many old rows without holding a large table locked for long."""

BATCH_SIZE = 5000


def delete_in_batches(queryset, *, batch_size=BATCH_SIZE):
    """Delete the rows of ``queryset`` a batch of primary keys at a time; returns how many went.

    Each batch is its own short statement (and transaction, outside an atomic block), so the
    portal keeps writing to the table while years of rows go.
    """
    model = queryset.model
    deleted = 0
    while True:
        batch = list(queryset.order_by("pk").values_list("pk", flat=True)[:batch_size])
        if not batch:
            return deleted
        # Deleted by the model's own manager, so rows pointing here are handled as the model says.
        _total, per_model = model._default_manager.filter(pk__in=batch).delete()
        deleted += per_model.get(model._meta.label, 0)
