"""Every field that may hold a person's data, and what erasure does with it.

The erasure service (services.py) erases from this table: for each model, the lookup from
its rows to the Person they are about and the fields it blanks. The test
`test_every_text_field_is_covered` walks every installed model and fails when a text, JSON,
file or birth-date field is named neither here nor in NOT_ABOUT_A_PERSON / HANDLED_APART: a
new personal field cannot slip past the erasure unnoticed.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Personal:
    """Rows about a person: `path` leads from the model to people.Person ("" for Person),
    `erase` are blanked (set to "", None, or an empty JSON value), `keep` maps each field
    that stays to why it may."""

    path: str
    erase: tuple[str, ...] = ()
    keep: dict[str, str] = field(default_factory=dict)


CODE = "a code from a fixed list, not personal"
RANDOM = "a random secret or code, not personal"
VERSION = "the wording version agreed to"
CITY = "a municipality code: the city-level area the residence indicators count, not an address"
AMOUNTS = "amounts, dates and codes the indicators and pay totals are computed from"

PERSONAL: dict[str, Personal] = {
    "people.person": Personal(
        path="",
        # email: replaced by an address that says nothing (the column is required and unique).
        erase=(
            "family_name",
            "given_name",
            "family_name_kana",
            "given_name_kana",
            "birth_date",
            "email",
            "phone",
            "postal_code",
            "prefecture",
            "city",
            "town",
            "address_line",
        ),
        keep={"municipality_code": CITY, "work_status": CODE},
    ),
    "people.consent": Personal(path="person", keep={"purpose": CODE, "wording_version": VERSION}),
    "people.application": Personal(
        path="person",
        erase=("email", "motivation", "decision_reason"),
        keep={"status": CODE, "language": CODE},
    ),
    "training.enrolment": Personal(
        path="participant__person", keep={"status": CODE, "weekdays": CODE}
    ),
    "training.planrevision": Personal(
        path="enrolment__participant__person", keep={"weekdays": CODE}
    ),
    "training.progressentry": Personal(path="enrolment__participant__person", erase=("note",)),
    "training.certificate": Personal(
        path="enrolment__participant__person",
        erase=("holder_name", "holder_name_kana"),
        keep={
            "code": RANDOM,
            "course_title": "the course's title",
            "product_name": "the tool's name",
        },
    ),
    "training.participantskill": Personal(path="participant__person", keep={"source": CODE}),
    "projects.assignment": Personal(path="participant__person", keep={"status": CODE}),
    "projects.proposalpair": Personal(
        path="participant__person", keep={"reasons": "reason codes of the matching engine"}
    ),
    "careers.evaluation": Personal(
        path="participant__person",
        erase=("comment",),
        keep={"recommendation": CODE, "evaluator_role": CODE},
    ),
    "careers.evaluationskill": Personal(path="evaluation__participant__person", erase=("note",)),
    "careers.careeroutcome": Personal(
        path="participant__person",
        erase=("employer", "note"),
        keep={"kind": CODE, "step": CODE, "municipality_code": CITY},
    ),
    "work.timerecord": Personal(path="participant__person", erase=("note",), keep={"status": CODE}),
    "work.weekreview": Personal(
        path="assignment__participant__person", erase=("comment",), keep={"status": CODE}
    ),
    "spaces.booking": Personal(
        path="holder__persons",
        erase=("purpose", "cancel_reason"),
        keep={"kind": CODE, "status": CODE, "check_in_code": RANDOM},
    ),
    "events.registration": Personal(
        path="person",
        erase=("university",),
        keep={
            "language": CODE,
            "status": CODE,
            "consent_wording_version": VERSION,
            "token": RANDOM,
            "checkin_code": RANDOM,
        },
    ),
    "events.surveyresponse": Personal(path="registration__person", erase=("comments",)),
    "hiring.candidacy": Personal(
        path="person",
        # cv: the file is deleted from the media storage first (services._delete_cv_files).
        erase=("desired_residence_note", "motivation", "cv", "cv_name", "rejection_reason"),
        keep={
            "language": CODE,
            "desired_residence": CODE,
            "heard_via": CODE,
            "consent_wording_version": VERSION,
            "stage": CODE,
        },
    ),
    "hiring.stagemove": Personal(
        path="candidacy__person",
        erase=("reason",),
        keep={"from_stage": CODE, "to_stage": CODE},
    ),
    "hiring.interview": Personal(
        path="candidacy__person",
        keep={
            "stage": CODE,
            "place": "the employer's meeting place, not the candidate's",
            "online_url": "the employer's meeting link",
        },
    ),
    "hiring.scorecard": Personal(
        path="interview__candidacy__person",
        erase=(
            "skills_note",
            "communication_note",
            "motivation_note",
            "remote_work_note",
            "summary",
        ),
        keep={"recommendation": CODE},
    ),
    "hiring.offer": Personal(
        path="candidacy__person",
        erase=("conditions",),
        keep={"status": CODE, "link_secret": RANDOM},
    ),
    "hiring.employee": Personal(
        path="person", keep={"home_municipality_code": CITY, "employment_type": CODE}
    ),
    "impact.outcomerecord": Personal(
        path="person",
        keep={
            "track": CODE,
            "left_early_reason": CODE,
            "outcome_kind": CODE,
            "earnings_by_month": AMOUNTS,
            "employment": AMOUNTS,
            "skill_gains": AMOUNTS,
        },
    ),
    "impact.residencecheck": Personal(
        path="person", keep={"track": CODE, "answered_via": CODE, "municipality_code": CITY}
    ),
    "privacy.privacyrequest": Personal(
        path="person",
        erase=("note",),
        keep={
            "kind": CODE,
            "status": CODE,
            "channel": CODE,
            "purpose": CODE,
            "refusal_reason": "the office's reason, kept as the record of the answer (art. 36)",
        },
    ),
    "training.liveattendance": Personal(
        path="enrolment__participant__person", keep={"status": CODE}
    ),
    "workplace.onboardingchecklist": Personal(path="person", keep={"source": CODE}),
    "impact.earlyleaving": Personal(
        path="application__person", erase=("note",), keep={"reason": CODE}
    ),
}

# Erased by their own code in services.py: the account, messages, audit details, sign-in
# attempts, API tokens, the admin's log and the restricted identity kept for the ledger.
HANDLED_APART: dict[str, str] = {
    "auth.user": "anonymised: username, names and e-mail replaced, unusable password, inactive",
    "core.outboxmessage": "messages to the person blanked; any other message naming them too",
    "core.auditentry": "values naming the person replaced in `changes`",
    "core.apitoken": "the person's tokens deleted",
    "axes.accessattempt": "sign-in attempts under their username or e-mail deleted",
    "axes.accessfailurelog": "sign-in failures under their username or e-mail deleted",
    "axes.accesslog": "sign-ins under their username or e-mail deleted",
    "admin.logentry": "entries naming the person get a neutral description",
    "sessions.session": "the account's sessions end (its password hash changes)",
    "privacy.personprivacy": "the restricted identity, blanked when retention ends",
    "work.payrun": "the run's warnings name people: the name is replaced, the totals stay",
    "core.invitation": "invitations to the person's address or account deleted",
    "core.signinlog": "sign-ins of the account deleted with its sign-in records",
    "inquiries.inquiry": "inquiries from the person's address blanked; others naming them too",
    "inquiries.inquiryreply": "the office's replies to the person's inquiries blanked",
    "workplace.message": "their messages blanked (deleted); others' messages naming them too",
    "workplace.privatenote": "their private notes deleted",
    "workplace.agendaitem": "1-on-1 topics they added blanked",
    "workplace.actionitem": "1-on-1 actions they owned blanked",
    "workplace.presence": "their presence row deleted",
    "workplace.announcement": "announcements naming them: the name replaced",
    "workplace.oneononemeeting": "shared 1-on-1 notes naming them: the name replaced",
}

# Tables that hold no person's data: what they hold and why.
NOT_ABOUT_A_PERSON: dict[str, str] = {
    "core.provisionrecord": "recipients, codes and counts; the people by id only",
    "core.throttlecount": "keyed hashes of addresses, gone within the hour",
    "privacy.breachincident": "the incident; the people affected by id only",
    "privacy.policyversion": "the published privacy policy",
    "training.livesession": "sessions of a course",
    "webhooks.webhookendpoint": "partners' endpoints",
    "webhooks.webhookmessage": "event payloads carry ids and states only",
    "webhooks.webhookdelivery": "delivery attempts and the receiver's answers",
    "workplace.team": "teams",
    "workplace.teammember": "a team place and job title",
    "workplace.room": "rooms of the virtual office",
    "workplace.onboardingtemplate": "checklist templates",
    "workplace.onboardingtemplateitem": "checklist template steps",
    "workplace.onboardingitem": "steps copied from a template",
    "workplace.oneononeseries": "codes, a length and a meeting link",
    "auth.permission": "Django's permissions",
    "auth.group": "Django's groups",
    "contenttypes.contenttype": "Django's model registry",
    "django_tasks_database.dbtaskresult": "queued tasks take ids only",
    "core.notificationpreference": "a kind code per user",
    "core.messagelanguage": "a language code per user",
    "core.region": "the tenant's public data",
    "core.organization": "organisations' public profiles",
    "core.membership": "a role code per user",
    "core.minimumwage": "published minimum wages",
    "people.applicationtally": "counts",
    "training.toolproduct": "the partners' products",
    "training.skill": "the skills catalogue",
    "training.course": "courses",
    "training.coursemodule": "course modules",
    "training.licencepool": "licence seats, an operator's note on the pool",
    "projects.clientproject": "client projects",
    "projects.assignmentproposal": "status and participant ids",
    "work.payline": "line kinds and amounts",
    "spaces.space": "the shared office",
    "spaces.resource": "desks and rooms",
    "events.event": "events",
    "events.itineraryitem": "event programmes",
    "hiring.jobopening": "job openings",
    "impact.kpitarget": "targets",
    "impact.regionfigures": "aggregate figures",
    "privacy.erasurerecord": "ids, an action code and the operator's reason (no personal data)",
}
