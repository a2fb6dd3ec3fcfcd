"""When a breach must be reported to the Personal Information Protection Commission (PPC) and
by when: plain data in, plain data out, no ORM.

規則第7条 names the breaches to report: 一 要配慮個人情報 (sensitive data); 二 personal data whose
misuse may cause financial loss (bank accounts, card numbers, credentials); 三 a breach that may
have been done for an unlawful purpose (不正の目的: unauthorised access, an insider, malware);
四 more than 1,000 people. 規則第8条: the preliminary report (速報) "promptly" — the PPC's
guidelines read it as about 3–5 days from learning of it; we set the due date at 5 days and
remind from day 3 — and the final report (確報) within 30 days, 60 days for item 三.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

PRELIMINARY_DAYS = 5
REMIND_FROM_DAY = 3
FINAL_DAYS = 30
FINAL_DAYS_MALICIOUS = 60
# "1,000人を超える": more than a thousand.
MANY_PEOPLE = 1000
# Before the final report's due date, remind this many days ahead.
FINAL_REMIND_DAYS = 7

SENSITIVE_CATEGORIES = frozenset({"sensitive"})
FINANCIAL_CATEGORIES = frozenset({"bank", "credentials"})

SENSITIVE = "sensitive"
FINANCIAL = "financial"
MALICIOUS = "malicious"
MANY = "many"
REASONS = (SENSITIVE, FINANCIAL, MALICIOUS, MANY)


def preliminary_due(discovered_on: dt.date) -> dt.date:
    """The day the preliminary report is due: five days after discovery."""
    return discovered_on + dt.timedelta(days=PRELIMINARY_DAYS)


def final_due(discovered_on: dt.date, *, malicious: bool) -> dt.date:
    """The day the final report is due: 30 days after discovery, 60 if malicious."""
    days = FINAL_DAYS_MALICIOUS if malicious else FINAL_DAYS
    return discovered_on + dt.timedelta(days=days)


def reportable_reasons(
    *,
    categories: Collection[str],
    financial_risk: bool,
    malicious: bool,
    people: int,
) -> list[str]:
    """The items of 規則第7条 the facts meet, in its order (empty: not reportable)."""
    reasons = []
    if SENSITIVE_CATEGORIES & set(categories):
        reasons.append(SENSITIVE)
    if financial_risk or FINANCIAL_CATEGORIES & set(categories):
        reasons.append(FINANCIAL)
    if malicious:
        reasons.append(MALICIOUS)
    if people > MANY_PEOPLE:
        reasons.append(MANY)
    return reasons


def report_to_remind(
    *,
    today: dt.date,
    discovered_on: dt.date,
    preliminary_filed: bool,
    final_due_on: dt.date,
    final_filed: bool,
) -> str | None:
    """Which report to remind the operators of today: "preliminary" from day 3 after
    discovery until it is filed, then "final" from a week before its due date; None."""
    if not preliminary_filed:
        if today >= discovered_on + dt.timedelta(days=REMIND_FROM_DAY):
            return "preliminary"
        return None
    if not final_filed and today >= final_due_on - dt.timedelta(days=FINAL_REMIND_DAYS):
        return "final"
    return None
