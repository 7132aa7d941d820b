"""gunicorn settings, read automatically when gunicorn starts in this folder."""

# Templates compiled before a worker takes traffic (Django's cached loader keeps them).
WARM_TEMPLATES = (
    "base.html",
    "listings/home.html",
    "listings/posting_list.html",
    "listings/posting_detail.html",
    "listings/posting_gone.html",
    "listings/employer_detail.html",
    "includes/posting_card.html",
    "includes/pagination.html",
)


def post_worker_init(worker):
    # Before a worker takes traffic: build its search index (about a second at 100,000
    # postings), load the offline ZIP data and compile the templates, so that no visitor's
    # request pays for them.
    from django.template.loader import get_template

    from listings.geo import find_place
    from listings.search import current_catalogue

    current_catalogue()
    find_place("10001")
    find_place("New York, NY")
    for name in WARM_TEMPLATES:
        get_template(name)
