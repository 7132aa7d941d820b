"""`{% load recruiting %}`: the recruiter's dashboard on the admin index (applicants.dashboard)."""

from django import template
from django.utils import timezone

from applicants.dashboard import Dashboard, recruiter_dashboard

register = template.Library()


@register.simple_tag
def dashboard_for(user) -> Dashboard | None:
    """`{% dashboard_for request.user as dashboard %}`: None for users without one."""
    return recruiter_dashboard(user, now=timezone.now())
