from listings.guides import GUIDES


def navigation(request):
    """The role guides, for the site's navigation and footer."""
    return {"nav_guides": GUIDES}
