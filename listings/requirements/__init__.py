"""What a posting requires, what a person holds, and whether one meets the other.

The one home of the board's hiring rules (DOMAIN.md): which license each role needs, when
a degree is enough, what "license-eligible" and "new graduates welcome" mean. The posting
page's checklist, the listing's "jobs I qualify for" filter (over the search index's
columns) and the applicants' and recruiters' pages all ask here.

`Requirements` and `Qualifications` are plain values, so `listings` never needs to know
where a person's credentials are kept: the applicants app adapts its profiles to
`Qualifications`. `evaluate()` explains each requirement to a person; `qualified_mask()`
decides the same over many postings at once, and a test holds the two together.
"""

from listings.requirements.checklist import (
    PASSING,
    Check,
    Fit,
    Outcome,
    evaluate,
    fit,
    meets_all,
    qualifies,
)
from listings.requirements.index import (
    CERTIFICATION_BIT,
    LICENSE_CODES,
    NBCOT_CODES,
    STATE_INDEX,
    Encoded,
    encode,
    qualified_mask,
    requirement_groups,
)
from listings.requirements.rules import (
    COMPACT_AS_OF,
    COMPACT_MEMBER_STATES,
    COMPACT_PRIVILEGES_ISSUED,
    DEGREE_RANK,
    LICENSE_NBCOT,
    NBCOT_CERTIFICATIONS,
    ROLE_STANDARDS,
    STATE_LICENSES,
    STATE_NAMES,
    RoleStandard,
    degree_meets,
    is_licensed_role,
    new_grads_welcome,
)
from listings.requirements.values import (
    HeldCertification,
    HeldLicense,
    Qualifications,
    Requirements,
)

__all__ = [
    "CERTIFICATION_BIT",
    "COMPACT_AS_OF",
    "COMPACT_MEMBER_STATES",
    "COMPACT_PRIVILEGES_ISSUED",
    "DEGREE_RANK",
    "LICENSE_CODES",
    "LICENSE_NBCOT",
    "NBCOT_CERTIFICATIONS",
    "NBCOT_CODES",
    "PASSING",
    "ROLE_STANDARDS",
    "STATE_INDEX",
    "STATE_LICENSES",
    "STATE_NAMES",
    "Check",
    "Encoded",
    "Fit",
    "HeldCertification",
    "HeldLicense",
    "Outcome",
    "Qualifications",
    "Requirements",
    "RoleStandard",
    "degree_meets",
    "encode",
    "evaluate",
    "fit",
    "is_licensed_role",
    "meets_all",
    "new_grads_welcome",
    "qualified_mask",
    "qualifies",
    "requirement_groups",
]
