"""The virtual organisation's tables: teams and reporting lines, the office's rooms and who is
where, chat and announcements. 1-on-1s and onboarding add their own modules here."""

from sousei.workplace.models.chat import Announcement, AnnouncementRead, Message
from sousei.workplace.models.office import Presence, PresenceState, Room, RoomKind
from sousei.workplace.models.onboarding import (
    ItemOwner,
    OnboardingChecklist,
    OnboardingFor,
    OnboardingItem,
    OnboardingTemplate,
    OnboardingTemplateItem,
)
from sousei.workplace.models.one_on_ones import (
    ActionItem,
    AgendaItem,
    Cadence,
    MeetingStatus,
    OneOnOneMeeting,
    OneOnOneSeries,
    PrivateNote,
)
from sousei.workplace.models.teams import Team, TeamKind, TeamMember

__all__ = [
    "ActionItem",
    "AgendaItem",
    "Announcement",
    "AnnouncementRead",
    "Cadence",
    "ItemOwner",
    "MeetingStatus",
    "Message",
    "OnboardingChecklist",
    "OnboardingFor",
    "OnboardingItem",
    "OnboardingTemplate",
    "OnboardingTemplateItem",
    "OneOnOneMeeting",
    "OneOnOneSeries",
    "Presence",
    "PresenceState",
    "PrivateNote",
    "Room",
    "RoomKind",
    "Team",
    "TeamKind",
    "TeamMember",
]
