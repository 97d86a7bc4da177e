"""Admin: users with their role (moderator, administrator) shown, filtered and changed; profiles inline."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from register.accounts.models import Profile
from register.accounts.roles import MODERATORS_GROUP

User = get_user_model()


class ModeratorFilter(admin.SimpleListFilter):
    """Members of the Moderators group or not."""

    title = _("moderator")
    parameter_name = "moderator"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(is_moderator_member=True)
        if self.value() == "no":
            return queryset.filter(is_moderator_member=False)
        return queryset


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    extra = 0


def _moderators_group() -> Group:
    group, _created = Group.objects.get_or_create(name=MODERATORS_GROUP)
    return group


admin.site.unregister(User)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Django's user admin plus the Moderators column, filter and two actions."""

    list_display = ("username", "email", "is_moderator_member", "is_superuser", "is_active", "date_joined")
    list_filter = (ModeratorFilter, "is_superuser", "is_staff", "is_active", "groups")
    inlines = [ProfileInline]
    actions = ["make_moderator", "remove_moderator"]

    def get_queryset(self, request):
        memberships = User.groups.through.objects.filter(user_id=OuterRef("pk"), group__name=MODERATORS_GROUP)
        return super().get_queryset(request).annotate(is_moderator_member=Exists(memberships))

    @admin.display(boolean=True, description=_("moderator"), ordering="is_moderator_member")
    def is_moderator_member(self, obj) -> bool:
        return obj.is_moderator_member

    @admin.action(description=_("Make moderator"))
    def make_moderator(self, request, queryset):
        group = _moderators_group()
        users = list(queryset)
        group.user_set.add(*users)
        count = len(users)
        self.message_user(
            request,
            ngettext("%(count)d user is now a moderator.", "%(count)d users are now moderators.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Remove from moderators"))
    def remove_moderator(self, request, queryset):
        group = _moderators_group()
        users = list(queryset)
        group.user_set.remove(*users)
        count = len(users)
        self.message_user(
            request,
            ngettext(
                "%(count)d user is no longer a moderator.", "%(count)d users are no longer moderators.", count
            )
            % {"count": count},
            messages.SUCCESS,
        )
