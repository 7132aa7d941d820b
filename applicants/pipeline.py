"""An application's way through an employer's pipeline: the one home of which status may
follow which, and of what the applicant is told.

    submitted -> reviewing -> interview -> offer -> hired
    any of the four open steps -> not selected          (the employer's recruiters)
    any open status -> withdrawn                        (the applicant, nobody else)

Recruiters move applications with `services.move_application`; applicants withdraw with
`services.withdraw_application`. Hired, not selected and withdrawn are final.
"""

from collections.abc import Mapping

from django.core.exceptions import ValidationError

from applicants.vocab import CLOSED_STATUSES, ApplicationStatus

S = ApplicationStatus

# Where a recruiter may move an application from each open status, forward step first.
RECRUITER_MOVES: Mapping[str, tuple[ApplicationStatus, ...]] = {
    S.SUBMITTED: (S.REVIEWING, S.NOT_SELECTED),
    S.REVIEWING: (S.INTERVIEW, S.NOT_SELECTED),
    S.INTERVIEW: (S.OFFER, S.NOT_SELECTED),
    S.OFFER: (S.HIRED, S.NOT_SELECTED),
}
# Every status a recruiter can move an application to, in pipeline order.
RECRUITER_TARGETS: tuple[ApplicationStatus, ...] = (
    S.REVIEWING,
    S.INTERVIEW,
    S.OFFER,
    S.HIRED,
    S.NOT_SELECTED,
)
# The applicant is emailed on every recruiter move: each one changes what they can expect
# (a short note when review starts, so an application never seems lost). Never the note.
APPLICANT_HEARS: frozenset[ApplicationStatus] = frozenset(RECRUITER_TARGETS)


class InvalidMove(ValidationError):
    """A status change the pipeline does not allow; the message says why, for a recruiter."""


def allowed_moves(status: str) -> tuple[ApplicationStatus, ...]:
    """The statuses a recruiter may move an application in `status` to (none once closed)."""
    return RECRUITER_MOVES.get(status, ())


def check_move(current: str, to_status: str) -> None:
    """Raise InvalidMove unless a recruiter may move an application from `current` to
    `to_status`."""
    if to_status not in S.values:
        raise InvalidMove(f"“{to_status}” is not an application status.")
    target = S(to_status)
    if current in CLOSED_STATUSES:
        raise InvalidMove(
            f"This application is closed ({S(current).label.lower()}); "
            "its status can no longer change."
        )
    if target == S.WITHDRAWN:
        raise InvalidMove("Only the applicant can withdraw an application.")
    if target == current:
        raise InvalidMove(f"This application is already at “{target.label}”.")
    allowed = allowed_moves(current)
    if target not in allowed:
        choices = " or ".join(f"“{status.label}”" for status in allowed)
        raise InvalidMove(
            f"An application at “{S(current).label}” can move to {choices}, "
            f"not to “{target.label}”."
        )
