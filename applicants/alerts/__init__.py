"""Saved jobs, saved searches and the emails they send: job alerts (daily or weekly digests
of new postings matching a saved search) and reminders before a saved job closes.

Both senders are safe to run twice at once and to rerun after a crash: each alert or saved
job is handled in its own transaction holding its row's lock, and what it told of is
recorded in the same transaction as the email (`AlertDelivery`, `SavedJob.reminded_at`),
so no posting reaches the same alert twice and nothing is skipped.
"""

from applicants.alerts.digests import new_matches, send_alerts
from applicants.alerts.reminders import reminders_due, send_reminder, send_reminders
from applicants.alerts.saving import (
    criteria_of,
    save_search,
    search_of_token,
    toggle_saved_job,
    unsubscribe_page,
    unsubscribe_token,
    unsubscribe_url,
)

__all__ = [
    "criteria_of",
    "new_matches",
    "reminders_due",
    "save_search",
    "search_of_token",
    "send_alerts",
    "send_reminder",
    "send_reminders",
    "toggle_saved_job",
    "unsubscribe_page",
    "unsubscribe_token",
    "unsubscribe_url",
]
