"""Privacy's models, one module per subject (each imported here so Django finds them)."""

from sousei.privacy.models.breach import BreachAffectedPerson as BreachAffectedPerson
from sousei.privacy.models.breach import BreachCause as BreachCause
from sousei.privacy.models.breach import BreachIncident as BreachIncident
from sousei.privacy.models.breach import BreachStatus as BreachStatus
