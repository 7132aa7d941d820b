from typing import cast

from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory

from applicants.models import License, Profile, phone_validator
from applicants.vocab import AlertFrequency

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


Sections = tuple[tuple[str, tuple[str, ...]], ...]

ABOUT_SECTIONS: Sections = (
    ("About you", ("full_name", "headline", "phone", "home_zip")),
    (
        "What you are looking for",
        ("roles", "practice_settings", "employment_types", "age_groups", "focus_areas"),
    ),
    (
        "Where, when and for how much",
        ("states", "radius_miles", "min_yearly_pay", "available_from"),
    ),
    (
        "What matters to you",
        (
            "max_caseload",
            "max_sites_per_week",
            "w2_only",
            "mentorship_wanted",
            "school_year_calendar",
            "telehealth_ok",
        ),
    ),
    ("Who can see your profile", ("visible_to_recruiters",)),
)
CREDENTIAL_SECTIONS: Sections = (
    ("Education", ("degree", "program", "acote_accredited", "graduation_year", "awaiting_license")),
    ("Experience", ("years_experience",)),
    ("NBCOT certification", ("nbcot", "nbcot_number", "nbcot_expires")),
    ("Other certifications and driving", ("certifications", "drivers_license")),
)


def profile_fields(sections: Sections) -> list[str]:
    """The Profile fields a sectioned form edits (the sections name every field once)."""
    return [name for _, names in sections for name in names if name != "full_name"]


class ProfileSectionsForm(forms.ModelForm):
    """A part of the applicant's profile, shown in titled sections (`grouped()`)."""

    sections: Sections = ()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def grouped(self):
        return [(title, [self[name] for name in names]) for title, names in self.sections]

    def save(self, commit=True):
        profile = super().save(commit=False)
        profile.user = self.user
        if commit:
            profile.save()
        return profile


class AboutForm(ProfileSectionsForm):
    """Who the applicant is and what they are looking for."""

    sections = ABOUT_SECTIONS
    full_name = forms.CharField(label="Full name", max_length=150)

    class Meta:
        model = Profile
        fields = profile_fields(ABOUT_SECTIONS)
        widgets = {
            "available_from": DATE,
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "home_zip": forms.TextInput(
                attrs={"autocomplete": "postal-code", "inputmode": "numeric", "size": 6}
            ),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["full_name"].initial = user.full_name
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"

    def save(self, commit=True):
        self.user.full_name = self.cleaned_data["full_name"]
        if commit:
            self.user.save(update_fields=["full_name"])
        return super().save(commit)


class CredentialsForm(ProfileSectionsForm):
    """Education, NBCOT, specialty certifications, driving and experience."""

    sections = CREDENTIAL_SECTIONS

    class Meta:
        model = Profile
        fields = profile_fields(CREDENTIAL_SECTIONS)
        widgets = {
            "nbcot_expires": DATE,
            "acote_accredited": forms.RadioSelect,
            "drivers_license": forms.RadioSelect,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        for name in ("acote_accredited", "drivers_license"):  # a yes/no radio, no blank
            field = cast(forms.ChoiceField, self.fields[name])
            blank_dropped = [c for c in field.choices if c[0] != ""]  # type: ignore[union-attr,index]
            field.choices = blank_dropped  # type: ignore[assignment]


class LicenseForm(forms.ModelForm):
    class Meta:
        model = License
        fields = ["kind", "state", "number", "expires_on"]
        widgets = {"expires_on": DATE}


class BaseLicenseFormSet(BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Remove this license"


LicenseFormSet = inlineformset_factory(
    Profile,
    License,
    form=LicenseForm,
    formset=BaseLicenseFormSet,
    extra=1,
    can_delete=True,
    max_num=60,
)


EMPTY_RESUME = "This file is empty. Upload your resume as a PDF or a Word document (.docx)."


class ResumeUploadForm(forms.Form):
    file = forms.FileField(
        label="Resume",
        error_messages={"empty": EMPTY_RESUME},
        help_text="A PDF or a Word document (.docx) of up to 5 MB.",
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".pdf,.docx,application/pdf,"
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        ),
    )


class ApplyForm(forms.Form):
    """Apply to a posting: contact details prefilled from the profile, a resume from the
    list or a new upload, and an optional cover letter."""

    NEW = "new"

    name = forms.CharField(label="Full name", max_length=150)
    email = forms.EmailField(label="Email")
    phone = forms.CharField(
        label="Phone", max_length=25, required=False, validators=[phone_validator]
    )
    resume = forms.ChoiceField(label="Resume to send", widget=forms.RadioSelect)
    file = forms.FileField(
        label="Upload a resume",
        required=False,
        help_text="Needed when you choose “Upload a new resume”: a PDF or a Word document "
        "(.docx) of up to 5 MB. It is added to your resumes.",
        error_messages={"empty": EMPTY_RESUME},
        widget=ResumeUploadForm.base_fields["file"].widget,
    )
    cover_letter = forms.CharField(
        label="Cover letter",
        required=False,
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args, resumes, **kwargs):
        super().__init__(*args, **kwargs)
        self.resumes = {str(r.file.token): r for r in resumes}
        choices = [
            (token, f"{r.file.original_name}{' (default)' if r.is_default else ''}")
            for token, r in self.resumes.items()
        ]
        field = cast(forms.ChoiceField, self.fields["resume"])
        field.choices = [*choices, (self.NEW, "Upload a new resume")]
        default = next((t for t, r in self.resumes.items() if r.is_default), None)
        field.initial = default or self.NEW
        for name, autocomplete in (("name", "name"), ("email", "email"), ("phone", "tel")):
            self.fields[name].widget.attrs["autocomplete"] = autocomplete

    def clean(self):
        data = super().clean() or {}
        if data.get("resume") == self.NEW and not data.get("file"):
            self.add_error("file", "Choose a file to upload, or pick one of your resumes.")
        return data

    def chosen_resume(self):
        return self.resumes.get(self.cleaned_data.get("resume") or "")


class SavedSearchForm(forms.Form):
    """ "Email me new jobs like these", sent from a listing page."""

    query = forms.CharField(required=False, max_length=1000, widget=forms.HiddenInput)
    frequency = forms.ChoiceField(
        label="How often", choices=AlertFrequency.choices, initial=AlertFrequency.DAILY
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="To be sure it is you.",
    )
    confirm = forms.BooleanField(
        label="I understand that my profile, resumes, saved jobs and alerts are deleted for good, "
        "and that my open applications are withdrawn."
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password.")
        return password


class PhotoForm(forms.Form):
    photo = forms.FileField(
        label="Photo",
        help_text="Optional. A JPEG, PNG or WebP image of up to 8 MB; we keep a small copy "
        "without its location data.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        error_messages={
            "empty": "This file is empty. Upload a photo as a JPEG, PNG or WebP image."
        },
    )
