"""The same rules over many postings at once: requirements encoded as index columns, and
the mask of postings a person qualifies for (held to `checklist.qualifies` by a test)."""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from listings import vocab
from listings.requirements.rules import (
    DEGREE_RANK,
    LICENSE_NBCOT,
    NBCOT_CERTIFICATIONS,
    STATE_LICENSES,
)
from listings.requirements.values import (
    Qualifications,
    Requirements,
)

# Evaluating many postings at once (the search index) ---------------------------------------
STATE_INDEX = {code: i for i, code in enumerate(vocab.State.values)}
LICENSE_CODES = (None, *STATE_LICENSES)  # column value 0: no license needed
NBCOT_CODES = (None, *NBCOT_CERTIFICATIONS)
CERTIFICATION_BIT = {code: 1 << i for i, code in enumerate(vocab.Certification.values)}


@dataclass(frozen=True)
class Encoded:
    """A posting's requirements as the small integers the search index stores."""

    degree: int
    acote: bool
    license: int  # index into LICENSE_CODES
    eligible: bool  # license-eligible postings welcome new graduates and endorsement
    state: int
    nbcot: int  # index into NBCOT_CODES
    certifications: int  # bit per vocab.Certification value
    driving: bool
    years: int


def encode(req: Requirements) -> Encoded:
    return Encoded(
        degree=DEGREE_RANK[req.min_degree],
        acote=req.acote_required,
        license=LICENSE_CODES.index(req.license),
        eligible=req.license_eligible,
        state=STATE_INDEX[req.state],
        nbcot=NBCOT_CODES.index(req.nbcot),
        certifications=sum(CERTIFICATION_BIT[c] for c in req.certifications),
        driving=req.drivers_license,
        years=req.years_experience,
    )


def qualified_mask(
    columns: Mapping[str, np.ndarray], q: Qualifications, *, today: datetime.date
) -> np.ndarray:
    """Which postings `q` meets every requirement of: `qualifies()`, over encoded columns.

    `columns` maps each `Encoded` field name to an array with one entry per posting.
    """
    n = len(columns["degree"])
    if q.degree is None:
        return np.zeros(n, dtype=bool)
    degree_ok = columns["degree"] <= DEGREE_RANK[q.degree]
    if not q.acote:  # unknown or no: an ACOTE requirement is not met
        degree_ok &= ~columns["acote"]

    # held[license code, state]: a valid license of that kind in that state.
    held = np.zeros((len(LICENSE_CODES), len(STATE_INDEX)), dtype=bool)
    held[0, :] = True  # no license needed
    anywhere = np.zeros(len(LICENSE_CODES), dtype=bool)
    anywhere[0] = True
    for lic in q.licenses:
        if lic.kind in STATE_LICENSES and lic.valid_on(today) and lic.state in STATE_INDEX:
            held[LICENSE_CODES.index(lic.kind), STATE_INDEX[lic.state]] = True
            anywhere[LICENSE_CODES.index(lic.kind)] = True
    nbcot = np.zeros(len(NBCOT_CODES), dtype=bool)
    nbcot[0] = True  # no certification needed
    for cert in q.nbcot:
        if cert.kind in NBCOT_CERTIFICATIONS and cert.valid_on(today):
            nbcot[NBCOT_CODES.index(cert.kind)] = True

    license_col, eligible = columns["license"], columns["eligible"]
    # License-eligible: a license elsewhere (endorsement), a pending one (new graduates) or
    # the matching NBCOT certification (the exam passed) will do.
    license_nbcot = np.array(
        [False, *(nbcot[NBCOT_CODES.index(LICENSE_NBCOT[code])] for code in STATE_LICENSES)]
    )
    license_ok = held[license_col, columns["state"]] | (
        eligible & (anywhere[license_col] | bool(q.new_graduate) | license_nbcot[license_col])
    )
    nbcot_ok = nbcot[columns["nbcot"]] | (eligible & bool(q.new_graduate))

    cert_bits = sum(CERTIFICATION_BIT[c] for c in q.certifications if c in CERTIFICATION_BIT)
    certs_ok = (columns["certifications"] & (~cert_bits & 0xFF)) == 0
    driving_ok = ~columns["driving"] if q.drivers_license is not True else np.ones(n, bool)
    years_held = -1 if q.years_experience is None else q.years_experience
    years_ok = (columns["years"] == 0) | (columns["years"] <= years_held)
    return degree_ok & license_ok & nbcot_ok & certs_ok & driving_ok & years_ok


def requirement_groups(
    columns: Mapping[str, np.ndarray],
) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """The distinct sets of requirements among the postings of `columns`, as columns of
    their own, and each posting's set (an index into them): a few thousand sets among a
    hundred thousand postings, so `qualified_mask(groups, q)[which]` judges each set once.

    Each posting's requirements are packed into one integer (each column in as many bits
    as its values need) so that one sort finds the sets."""
    names = list(columns)
    n = len(columns[names[0]]) if names else 0
    widths = [max(int(columns[name].max()).bit_length(), 1) if n else 1 for name in names]
    if sum(widths) > 64:  # cannot happen with today's columns; judge each posting then
        return dict(columns), np.arange(n, dtype=np.int32)
    packed = np.zeros(n, dtype=np.uint64)
    shift = 0
    for name, width in zip(names, widths, strict=True):
        packed |= columns[name].astype(np.uint64) << np.uint64(shift)
        shift += width
    distinct, which = np.unique(packed, return_inverse=True)
    groups, shift = {}, 0
    for name, width in zip(names, widths, strict=True):
        values = (distinct >> np.uint64(shift)) & np.uint64((1 << width) - 1)
        groups[name] = values.astype(columns[name].dtype)
        shift += width
    return groups, which.astype(np.int32)
