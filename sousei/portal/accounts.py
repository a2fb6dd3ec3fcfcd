"""Getting in and looking after one's account: the invitation link (choose a password, signed
in, home), the password reset by e-mail, the password change, and the account page with the
recent sign-ins. The writes are core's (sousei.core.accounts)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.contrib.auth.models import User
from django.contrib.auth.views import (
    PasswordChangeView,
    PasswordResetConfirmView,
    PasswordResetView,
)
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _

from sousei.core.access import signed_in_user
from sousei.core.accounts import (
    InvitationState,
    invitation_accept,
    invitation_lookup,
    password_set_record,
    sign_in_record,
    sign_ins_of,
)
from sousei.core.models import Membership, Region, SignInLog
from sousei.core.outbox.services import language_of, message_queue
from sousei.core.scoping import cross_region, region_scope
from sousei.core.selectors import memberships_of
from sousei.core.throttle import miss_count, over_limit

# Requests for a reset e-mail per client address and hour: enough for a typo or two, too few
# to flood someone's mailbox or to probe many addresses.
RESET_LIMIT = 5
RESET_WINDOW_SECONDS = 3600
# Accounts sign in with the model backend (axes wraps it); a login right after setting a
# password names it, since the user did not come through authenticate().
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def invitation_accept_page(request: HttpRequest, slug: str, invitation_token: str) -> HttpResponse:
    """The link of an invitation: choose a password (Django's validators apply), and you are
    signed in and on your home page. Someone who has a password already accepts and signs in
    as usual. A used, replaced, expired or unknown link says so, and changes nothing."""
    token = invitation_token
    region = Region.objects.filter(slug=slug).first()
    if region is None:
        raise Http404
    with region_scope(region):
        invitation, state = invitation_lookup(region=region, token=token)
        valid = invitation is not None and state == InvitationState.VALID
        user = invitation.user if invitation is not None and valid else None
        has_password = user is not None and user.has_usable_password()
        form = SetPasswordForm(user, request.POST or None) if user and not has_password else None
        status = 200 if valid else 410 if invitation is not None else 404
        if valid and user is not None and request.method == "POST":
            if form is None or form.is_valid():
                try:
                    with transaction.atomic():
                        accepted = invitation_accept(
                            region=region,
                            token=token,
                            password=form.cleaned_data["new_password1"] if form else None,
                        )
                except ValidationError as error:
                    messages.error(request, " ".join(error.messages))
                    return redirect("login")
                if form is None:
                    messages.success(request, _("Welcome. Sign in with your password."))
                    return redirect(f"{reverse('login')}?next={reverse('home')}")
                login(request, accepted, backend=MODEL_BACKEND)
                messages.success(request, _("Your password is set and you are signed in."))
                return redirect("home")
            status = 422
    return render(
        request,
        "registration/invitation.html",
        {
            "region": region,
            "validlink": valid,
            "state": state,
            "form": form,
            "has_password": has_password,
            "invited_email": user.email if user else "",
        },
        status=status,
    )


class ResetRequestForm(PasswordResetForm):
    """Django's reset form, e-mailing through the outbox (in the user's language) when the
    user belongs to a region, and otherwise straight, in Japanese. Accounts invited but with no
    password yet may use it too: it is how a lost invitation is replaced without the office."""

    def get_users(self, email: str) -> Any:
        return User.objects.filter(email__iexact=email, is_active=True).order_by("pk")[:3]

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        user: User = context["user"]
        path = reverse(
            "password-reset-confirm", kwargs={"uidb64": context["uid"], "token": context["token"]}
        )
        language = language_of(user)
        with translation.override(language):
            subject = _("Choose a new Sousei password")
            body = _(
                "Someone (we hope you) asked to choose a new password for the account "
                "%(email)s.\n\nOpen this link to choose it (it works once, for %(days)s "
                "days):\n%(link)s\n\nIf you did not ask for this, ignore this e-mail: your "
                "password stays as it is."
            ) % {
                "email": to_email,
                "days": settings.PASSWORD_RESET_TIMEOUT // 86400,
                "link": f"{settings.SOUSEI_SITE_URL}{path}",
            }
        with cross_region("the region to send a person's own reset e-mail from"):
            membership = (
                Membership.objects.filter(user=user).select_related("region").order_by("pk").first()
            )
        if membership is None:
            EmailMessage(subject, body, from_email, [to_email]).send()
        else:
            with region_scope(membership.region), transaction.atomic():
                message_queue(
                    region=membership.region,
                    kind="password_reset",
                    language=language,
                    subject=subject,
                    body=body,
                    user=user,
                    email=to_email,
                )
        sign_in_record(
            request=self.request, user=user, outcome=SignInLog.Outcome.PASSWORD_RESET_ASKED
        )

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.request: HttpRequest | None = kwargs.get("request")
        super().save(*args, **kwargs)


class PasswordReset(PasswordResetView):
    """Ask for a reset link. The answer is the same whether or not the address has an
    account (nobody learns who is registered), and each client address may ask a few times
    an hour."""

    template_name = "registration/password_reset.html"
    form_class = ResetRequestForm
    success_url = reverse_lazy("password-reset-done")

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if over_limit(request, scope="password-reset", limit=RESET_LIMIT):
            response = render(
                request,
                "registration/password_reset.html",
                {"form": self.get_form(), "throttled": True},
                status=429,
            )
            response["Retry-After"] = str(RESET_WINDOW_SECONDS)
            return response
        miss_count(request, scope="password-reset", window_seconds=RESET_WINDOW_SECONDS)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=422)


def password_reset_done(request: HttpRequest) -> HttpResponse:
    return render(request, "registration/password_reset_done.html")


class SetPasswordView(PasswordResetConfirmView):
    """A reset link (and the invitation links e-mailed before invitations had their own
    table): choose a password, then sign in. Django's password-reset token signs it, so it
    works once and for PASSWORD_RESET_TIMEOUT. Audited in each region of the user."""

    template_name = "registration/set_password.html"
    success_url = reverse_lazy("login")

    def form_valid(self, form: Any) -> HttpResponse:
        with transaction.atomic():
            response = super().form_valid(form)
            password_set_record(user=form.user, how="reset", request=self.request)
        messages.success(self.request, _("Your password is set. Sign in with it now."))
        return response


class PasswordChange(PasswordChangeView):
    """Change one's password (the current one first). Audited in each region of the user."""

    template_name = "registration/password_change.html"
    success_url = reverse_lazy("account")

    def form_valid(self, form: Any) -> HttpResponse:
        with transaction.atomic():
            response = super().form_valid(form)
            password_set_record(user=form.user, how="change", request=self.request)
        messages.success(self.request, _("Your password is changed."))
        return response

    def form_invalid(self, form: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=422)


@login_required
def account(request: HttpRequest) -> HttpResponse:
    """The signed-in user's account: their address, the ways to look after it, and the
    latest sign-ins (so they notice one that was not them)."""
    user = signed_in_user(request)
    regions = {region.pk: region for region, _role in memberships_of(user=user)}
    return render(
        request,
        "portal/account.html",
        {"sign_ins": sign_ins_of(user=user), "account_user": user, "regions": regions.values()},
    )
