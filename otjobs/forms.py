"""How every form on the site renders: one field template, so labels, hints and errors
look and behave the same on sign-up, profile and application forms (and screen readers
hear each error with its field)."""

from django.forms.renderers import TemplatesSetting


class SiteFormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
