"""The site's menu: each role's few daily destinations, in one place.

`NAVIGATION` maps each role (and `PUBLIC`, a visitor without a role in the region) to what its
menu shows, in order: a `Link` is one destination, a `Menu` a named group of them (operators'
intake, training, projects and pay, recruiting, office). Adding a destination is one line: a
`Link(url name, label)` in the role's tuple. A link names a URL of its region (`/r/<slug>/…`);
`current` lists the other URL names on which the link is the page a person is on.

A person with several roles in a region sees the union, in the order of `Role`, each
destination once; groups of the same key are merged. The data holds URL names only, so core
imports no app; a URL name that is not (yet) installed falls back to `path` when one is given,
and the link is left out otherwise.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sousei.core.roles import Role

PUBLIC = ""


@dataclass(frozen=True)
class Link:
    """One destination: a region URL by name, its label, the URL names it stands for."""

    url: str
    label: Promise
    current: tuple[str, ...] = ()
    path: str = ""


@dataclass(frozen=True)
class Menu:
    """A named group of destinations, shown as a disclosure button."""

    key: str
    label: Promise
    links: tuple[Link, ...]


DASHBOARD = Link("dashboard", _("Dashboard"))
NOTIFICATIONS = Link("notifications", _("Notifications"))
IMPACT = Link("impact-page", _("Impact"), path="impact/")
FUNNEL = Link("recruiting-funnel", _("Recruiting funnel"))
FRONT_DESK = Link("space-check-in", _("Front desk"), ("space-check-in-code", "space-today"))
SPACES_STAFF = Link("space-list", _("Spaces"), ("space-calendar", "space-settings"))
EVENTS_STAFF = Link(
    "event-manage-list",
    _("Events"),
    ("event-manage", "event-create", "event-edit", "event-check-in", "event-survey-results"),
)
EVENTS = Link("events", _("Events"), ("event-detail", "event-registration", "event-survey"))
PROJECTS = Link("project-list", _("Projects"), ("project-detail", "project-new", "proposal"))
APPROVALS = Link("week-approvals", _("Weeks to approve"), ("week-review",))
EVALUATIONS = Link("evaluation-list", _("Evaluations"), ("evaluation-form",))
COURSES = Link("course-list", _("Courses"), ("course-detail", "course-create", "course-edit"))
AT_RISK = Link("at-risk", _("At risk"), ("enrolment-detail", "enrolment-replan"))
LEARNERS = Link("learners", _("Learners"))
LIVE_SESSIONS = Link(
    "live-session-list", _("Live sessions"), ("live-session-detail", "live-session-create")
)
COSTS = Link("project-costs", _("Costs"))
OPENINGS = Link(
    "opening-list",
    _("Openings"),
    (
        "opening-detail",
        "opening-create",
        "opening-edit",
        "candidacy-detail",
        "interview-create",
        "scorecard-create",
        "offer-create",
    ),
)
JOBS = Link("job-list", _("Jobs"), ("job-detail", "job-apply", "job-apply-done"))
# The virtual office: staff and trainers, and whoever holds a place in a team (participants
# on a project, location-free hires, who sign in as candidates); others get its 403 page.
WORKPLACE = Link(
    "workplace-office",
    _("Virtual office"),
    (
        "workplace-teams",
        "workplace-team",
        "workplace-org",
        "workplace-person",
        "workplace-rooms",
        "chat-home",
        "chat-room",
        "chat-direct",
        "chat-search",
        "announcement-list",
        "announcement-detail",
        "onboarding-list",
        "onboarding-detail",
        "onboarding-templates",
        "one-on-one-list",
        "one-on-one-create",
        "one-on-one-detail",
    ),
)

NAVIGATION: dict[str, tuple[Link | Menu, ...]] = {
    PUBLIC: (
        Link("region-home", _("Program")),
        Link("apply", _("Apply"), ("apply-done",)),
        EVENTS,
        JOBS,
        Link("region-contact", _("Contact"), ("region-contact-done",)),
    ),
    Role.OPERATOR: (
        DASHBOARD,
        Menu(
            "intake",
            pgettext_lazy("menu", "Intake"),
            (
                Link("application-list", _("Applications"), ("application-detail",)),
                EVENTS_STAFF,
            ),
        ),
        Menu(
            "training",
            pgettext_lazy("menu", "Training"),
            (
                COURSES,
                Link("pool-list", _("Licences"), ("pool-detail", "enrolment-create")),
                LEARNERS,
                AT_RISK,
                LIVE_SESSIONS,
            ),
        ),
        Menu(
            "projects",
            pgettext_lazy("menu", "Projects and pay"),
            (
                PROJECTS,
                APPROVALS,
                Link("pay-run-list", _("Pay runs"), ("pay-run-detail",)),
                COSTS,
                EVALUATIONS,
            ),
        ),
        Menu(
            "recruiting",
            pgettext_lazy("menu", "Recruiting"),
            (
                OPENINGS,
                FUNNEL,
                Link(
                    "career-list",
                    _("Career outcomes"),
                    ("career-outcome", "participant-journey"),
                ),
            ),
        ),
        Menu(
            "office",
            pgettext_lazy("menu", "Office"),
            (
                WORKPLACE,
                FRONT_DESK,
                SPACES_STAFF,
                IMPACT,
                Link("inquiry-inbox", _("Inquiries"), ("inquiry-detail", "office-contact-edit")),
                Link("members", _("Members")),
                Link(
                    "webhook-list",
                    _("Webhooks"),
                    ("webhook-create", "webhook-deliveries", "webhook-edit"),
                ),
                Link("audit-log", _("Audit log")),
            ),
        ),
        Menu(
            "privacy",
            pgettext_lazy("menu", "Privacy"),
            (
                Link("privacy-requests", _("Privacy requests"), ("privacy-request-detail",)),
                Link("privacy-erasures", _("Suspension and erasure"), ("privacy-person",)),
                Link("privacy-provision-list", _("Records of provision")),
                Link(
                    "privacy-breach-list",
                    _("Breach register"),
                    ("privacy-breach-new", "privacy-breach-detail", "privacy-breach-edit"),
                ),
            ),
        ),
        NOTIFICATIONS,
    ),
    Role.MUNICIPALITY: (DASHBOARD, IMPACT, FUNNEL, NOTIFICATIONS),
    Role.SPACE_MANAGER: (DASHBOARD, FRONT_DESK, SPACES_STAFF, EVENTS_STAFF, NOTIFICATIONS),
    Role.TRAINER: (
        DASHBOARD,
        LEARNERS,
        AT_RISK,
        LIVE_SESSIONS,
        COURSES,
        WORKPLACE,
        NOTIFICATIONS,
    ),
    Role.CLIENT: (DASHBOARD, PROJECTS, APPROVALS, COSTS, EVALUATIONS, NOTIFICATIONS),
    Role.PARTICIPANT: (
        DASHBOARD,
        # A learner's live sessions are listed on their learning page.
        Link(
            "my-learning",
            _("My learning"),
            ("my-enrolment", "live-session-list", "live-session-detail"),
        ),
        Link("my-work", _("My work"), ("work-week",)),
        Link("my-pay", _("My pay"), ("pay-statement",)),
        WORKPLACE,
        Link(
            "my-bookings",
            _("Bookings"),
            ("booking-detail", "booking-new", "space-list", "space-calendar"),
        ),
        EVENTS,
        Link("my-journey", _("My journey")),
        NOTIFICATIONS,
    ),
    # An employer organisation's staff: their company's openings and candidates.
    Role.EMPLOYER: (DASHBOARD, OPENINGS, NOTIFICATIONS),
    Role.CANDIDATE: (
        DASHBOARD,
        JOBS,
        Link("my-applications", _("My applications"), ("job-offer-answer",)),
        WORKPLACE,
        EVENTS,
        NOTIFICATIONS,
    ),
}


@dataclass
class MenuLink:
    """A destination resolved for one page: where it goes and whether it is the page."""

    url: str
    label: Promise
    href: str
    is_current: bool


@dataclass
class MenuGroup:
    """A group resolved for one page; open-marked when it holds the current page."""

    key: str
    label: Promise
    links: list[MenuLink] = field(default_factory=list)

    @property
    def is_current(self) -> bool:
        return any(link.is_current for link in self.links)


def _resolve(link: Link, slug: str, here: str) -> MenuLink | None:
    try:
        href = reverse(link.url, kwargs={"slug": slug})
    except NoReverseMatch:
        if not link.path:
            return None
        href = f"/r/{slug}/{link.path}"
    return MenuLink(link.url, link.label, href, here == link.url or here in link.current)


def site_menu(*, roles: Collection[str], slug: str, here: str | None) -> list[MenuLink | MenuGroup]:
    """The menu of a person holding `roles` in the region `slug`, on the page named `here`."""
    keys = [role.value for role in Role if role.value in roles] or [PUBLIC]
    entries: list[MenuLink | MenuGroup] = []
    groups: dict[str, MenuGroup] = {}
    seen: set[str] = set()
    for key in keys:
        for item in NAVIGATION.get(key, ()):
            links = item.links if isinstance(item, Menu) else (item,)
            resolved = [
                r
                for r in (
                    _resolve(link, slug, here or "") for link in links if link.url not in seen
                )
                if r is not None
            ]
            seen.update(link.url for link in links)
            if isinstance(item, Link):
                entries.extend(resolved)
            elif item.key in groups:
                groups[item.key].links.extend(resolved)
            elif resolved:
                groups[item.key] = MenuGroup(item.key, item.label, resolved)
                entries.append(groups[item.key])
    # Notifications close every role's menu, whatever the roles it was merged from.
    entries.sort(key=lambda e: isinstance(e, MenuLink) and e.url == NOTIFICATIONS.url)
    return entries
