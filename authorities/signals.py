"""What the directory tells the apps above it, which it may not import (docs/architecture.md)."""

from django.dispatch import Signal

# Sent with ``authority_ids`` once the search documents of these authorities are rebuilt, i.e.
# after any change to them: an app whose own documents carry an authority's names or acronym
# (a register's search document) refreshes them in its receiver.
authorities_changed = Signal()
