from django.conf import settings


def site(request):
    return {"SITE_NAME": "OT Jobs", "SITE_URL": settings.SITE_URL}
