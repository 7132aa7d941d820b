"""One-page PDF resumes for demo applicants, written with pypdf: real files that
`applicants.uploads.verify_resume` accepts and a recruiter can open, a few hundred bytes each."""

from io import BytesIO

from pypdf import PdfWriter
from pypdf.generic import ContentStream, DictionaryObject, NameObject

from applicants.vocab import LicenseKind, NbcotCredential
from demo.generator.applicants import DemoApplicant
from demo.generator.helpers import STATE_NAMES
from listings import vocab

LETTER = (612, 792)  # points
LEFT, TOP, LEADING = 72, 720, 16


def resume_pdf(applicant: DemoApplicant) -> bytes:
    """The applicant's resume: who they are, their education, credentials and wishes."""
    writer = PdfWriter()
    page = writer.add_blank_page(*LETTER)
    helvetica = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): helvetica})}
    )
    commands = [f"BT /F1 20 Tf {LEFT} {TOP} Td {_text(applicant.full_name)} Tj /F1 11 Tf"]
    for line in resume_lines(applicant):
        commands.append(f"0 -{LEADING} Td {_text(line)} Tj")
    commands.append("ET")
    contents = ContentStream(None, writer)
    contents.set_data("\n".join(commands).encode("cp1252", errors="replace"))
    page.replace_contents(contents)
    writer.add_metadata(
        {
            "/Title": f"Resume: {applicant.full_name}",
            "/Author": applicant.full_name,
            "/Subject": applicant.profile["headline"],
        }
    )
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def resume_lines(applicant: DemoApplicant) -> list[str]:
    profile = applicant.profile
    city = applicant.city
    lines = [
        profile["headline"],
        f"{applicant.email}  |  {profile['phone']}  |  {city.name}, {city.state}",
        "",
        "EDUCATION",
        (profile["program"] or vocab.Degree(profile["degree"]).label)
        + (f" ({profile['graduation_year']})" if profile["graduation_year"] else ""),
        "",
        "LICENSES AND CERTIFICATIONS",
    ]
    for lic in applicant.licenses:
        kind = LicenseKind(lic.kind).label.split(" (")[1].rstrip(")")
        lines.append(
            f"{STATE_NAMES[lic.state]} {kind} #{lic.number}, expires {lic.expires_on:%m/%Y}"
        )
    if profile["nbcot"]:
        short = NbcotCredential(profile["nbcot"]).label.split(" ")[0]
        lines.append(f"NBCOT {short} #{profile['nbcot_number']}")
    elif profile["awaiting_license"]:
        lines.append("NBCOT exam scheduled; license pending")
    lines.extend(vocab.Certification(code).label for code in profile["certifications"])
    if len(lines) == 7:
        lines.append("None yet")
    years = profile["years_experience"]
    if years:
        experience = f"{years} year{'s' if years != 1 else ''} of pediatric experience"
    elif profile["awaiting_license"]:
        experience = "Level II fieldwork in pediatrics"
    else:
        experience = "New to pediatric therapy and eager to learn on the job"
    return [*lines, "", "EXPERIENCE", experience]


def _text(line: str) -> str:
    """A PDF string literal."""
    return "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"
