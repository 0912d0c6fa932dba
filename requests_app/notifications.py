"""Who is told about each step of a request, by e-mail through the outbox.

Each mail says what happened from the reader's side, who did it and what the reader should do
next, with the reference, the area, the authorities, the state, the deadline and a link. The
note of the step (a reason, the clarification question) is quoted in the writer's words and
language only to a reader who may read the request's notes (``auth.can_see_personal_data``);
never the subject's identity, messages or files.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from authorities.auth import scopes_holding
from authorities.models import Authority, Backup, Role, User
from core.mail import send_to_user
from requests_app import auth
from requests_app.models import Action

# Steps announced to the responding side; the others go to the requesting side.
TO_RESPONDER = {Action.REQUEST_CLARIFICATION, Action.CLOSE, Action.WITHDRAW, Action.REFER}
# Steps inside the responding authority: only the handler it now rests with hears of them.
TO_ASSIGNEE = {Action.ASSIGN}
# Steps that make the request new for a responding authority.
NEW_FOR_RESPONDER = {Action.SEND, Action.FORWARD, Action.ALLOCATE}
# Steps the coordinator takes: both sides hear of them.
TO_BOTH = {Action.RETURN_FROM_REFERRAL, Action.CLOSE_REFERRAL}


def with_backups(users):
    """The users, plus the active backups of those absent today."""
    return with_backups_of({None: users})[None]


def with_backups_of(groups):
    """``with_backups`` of every list of users in ``{key: users}``, with one query for all the backups."""
    groups = {key: list(users) for key, users in groups.items()}
    absent = {user.pk for users in groups.values() for user in users if user.is_absent}
    backups = {}
    if absent:
        links = Backup.objects.filter(user__in=absent, backup__is_active=True).select_related("backup")
        for link in links.order_by("backup__full_name", "backup__pk"):
            backups.setdefault(link.user_id, []).append(link.backup)
    result = {}
    for key, users in groups.items():
        users = users + [backup for user in users for backup in backups.get(user.pk, [])]
        unique = {user.pk: user for user in users if user.is_active}
        result[key] = list(unique.values())
    return result


def staff_of(authority, area, kinds):
    return staff_of_many([(authority.pk, area.pk)], kinds)[(authority.pk, area.pk)]


def staff_of_many(pairs, kinds):
    """The active users holding one of the role ``kinds`` for each (authority pk, area pk), in one query."""
    pairs = set(pairs)
    staff = {pair: [] for pair in pairs}
    if not pairs:
        return staff
    roles = (
        Role.objects.filter(
            user__is_active=True,
            user__authority_id__in={authority for authority, _area in pairs},
            legislative_area_id__in={area for _authority, area in pairs},
            kind__in=kinds,
        )
        .select_related("user")
        .order_by("user__full_name", "user__pk")
    )
    for role in roles:
        pair = (role.user.authority_id, role.legislative_area_id)
        if pair in staff and role.user not in staff[pair]:
            staff[pair].append(role.user)
    return staff


def _side(info_request, side):
    if side == "requester":
        return info_request.requester_handler, info_request.requesting_authority_id
    return info_request.responder_handler, info_request.responding_authority_id


def side_recipients(info_request, side):
    """The side's assigned handler, or all its handlers when none is assigned yet."""
    return side_recipients_of([info_request], side)[info_request.pk]


def side_recipients_of(info_requests, side):
    """``side_recipients`` of many requests: ``{request pk: users}``, with one query for all the handlers."""
    unassigned = set()
    for info_request in info_requests:
        assigned, authority_id = _side(info_request, side)
        if assigned is None or not assigned.is_active:
            unassigned.add((authority_id, info_request.legislative_area_id))
    handlers = staff_of_many(unassigned, [Role.Kind.HANDLER])
    recipients = {}
    for info_request in info_requests:
        assigned, authority_id = _side(info_request, side)
        if assigned is not None and assigned.is_active:
            recipients[info_request.pk] = [assigned]
        else:
            recipients[info_request.pk] = list(handlers[(authority_id, info_request.legislative_area_id)])
    return recipients


def coordinators_of(info_request):
    return coordinators_of_many([info_request])[info_request.pk]


def coordinators_of_many(info_requests):
    """The coordinators whose scope holds each request's responding authority: ``{request pk: users}``.

    Three queries whatever the number of requests: the candidates, their coordinated areas and their scopes.
    """
    info_requests = list(info_requests)
    if not info_requests:
        return {}
    countries = {info_request.responding_authority.country_id for info_request in info_requests}
    candidates = list(
        User.objects.filter(
            is_active=True,
            authority__country_id__in=countries,
            authority__coordinator_type__in=[Authority.CoordinatorType.NATIONAL, Authority.CoordinatorType.DELEGATED],
            authority__status=Authority.Status.VALIDATED,
        ).select_related("authority")
    )
    holding = scopes_holding(candidates, {info_request.responding_authority_id for info_request in info_requests})
    return {
        info_request.pk: [user for user in candidates if info_request.responding_authority_id in holding[user.pk]]
        for info_request in info_requests
    }


def recipients_for(*, info_request, action, actor):
    if action in NEW_FOR_RESPONDER:
        people = list(
            staff_of(
                info_request.responding_authority,
                info_request.legislative_area,
                [Role.Kind.HANDLER, Role.Kind.ALLOCATOR],
            )
        )
        if info_request.responding_authority.is_coordinator:
            people += list(User.objects.filter(authority=info_request.responding_authority, is_active=True))
        if action != Action.SEND:
            people += side_recipients(info_request, "requester")
    elif action in TO_BOTH:
        people = side_recipients(info_request, "requester") + side_recipients(info_request, "responder")
    elif action in TO_ASSIGNEE:
        people = side_recipients(info_request, "responder")
    elif action in TO_RESPONDER:
        people = side_recipients(info_request, "responder")
        if action == Action.REFER:
            people += coordinators_of(info_request)
    else:
        people = side_recipients(info_request, "requester")
    # Nobody hears of a request they may not open (a draft withdrawn before it was sent, for one).
    return [user for user in with_backups(people) if user.pk != actor.pk and auth.can_see(user, info_request)]


def link_to(info_request, anchor=""):
    return settings.SITE_URL + reverse("requests:detail", args=[info_request.pk]) + anchor


# How the note of a step is introduced in the mail (rendered in the reader's language).
NOTE_LABELS = {
    Action.ACCEPT: _("Reason for the deadline"),
    Action.FORWARD: _("Reason for forwarding"),
    Action.ALLOCATE: _("Reason for allocating"),
    Action.SPLIT: _("Reason for the split"),
    Action.CHANGE_DEADLINE: _("Reason for the new deadline"),
    Action.REPLY: _("Note with the reply"),
    Action.REQUEST_CLARIFICATION: _("Question"),
    Action.CLOSE: _("Note"),
    Action.REFER: _("Reason for the referral"),
    Action.RETURN_FROM_REFERRAL: _("Reason"),
    Action.CLOSE_REFERRAL: _("Reason"),
    Action.WITHDRAW: _("Reason for withdrawing"),
}


def notify(*, info_request, action, actor, event=None):
    """Tell the people concerned that ``actor`` took ``action``; ``event`` is the step written for it."""
    template = "request_new" if action in NEW_FOR_RESPONDER else "request_update"
    note = event.note if event is not None else ""
    for user in recipients_for(info_request=info_request, action=action, actor=actor):
        new_for_them = template == "request_new" and user.authority_id == info_request.responding_authority_id
        if action in TO_ASSIGNEE:
            their_template = "request_assigned"
        else:
            their_template = "request_new" if new_for_them else "request_update"
        may_read_note = bool(note) and auth.can_see_personal_data(user, info_request)
        send_to_user(
            user=user,
            template=their_template,
            context={
                "request": info_request,
                "action": Action(action),
                "actor": actor,
                "actor_authority": actor.authority,
                "reader_side": auth.side_of(user, info_request),
                "note": note if may_read_note else "",
                "note_language": event.note_language if may_read_note else "",
                "note_label": NOTE_LABELS.get(action, _("Note")),
                "new_request": info_request.children.order_by("-pk").first() if action == Action.SPLIT else None,
            },
            link=link_to(info_request),
        )


def _other_side(info_request, author):
    side = "responder" if author.authority_id == info_request.requesting_authority_id else "requester"
    return [user for user in with_backups(side_recipients(info_request, side)) if user.pk != author.pk]


def notify_message(*, info_request, author):
    """A message from one side is announced to the other."""
    for user in _other_side(info_request, author):
        send_to_user(
            user=user,
            template="request_message",
            context={"request": info_request, "actor": author, "actor_authority": author.authority},
            link=link_to(info_request, "#messages"),
        )


def notify_file(*, info_request, author):
    """A file added by one side is announced to the other (without its name: files are personal data)."""
    for user in _other_side(info_request, author):
        send_to_user(
            user=user,
            template="request_file",
            context={
                "request": info_request,
                "actor": author,
                "actor_authority": author.authority,
                "may_see_files": auth.can_see_personal_data(user, info_request),
            },
            link=link_to(info_request, "#attachments"),
        )
