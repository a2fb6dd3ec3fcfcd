"""Who may use the privacy pages and endpoints of this module: the records of provision and
the breach register are the operator's compliance records, so operators only. Anyone else in
the region gets 403; a caller of another region 404 (core.access)."""

from __future__ import annotations

from sousei.core.roles import Role

PRIVACY_OFFICERS = frozenset({Role.OPERATOR})
