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
    # postings), load the offline ZIP data, compile the templates, and have its database
    # connection load the text-search dictionaries, so that no visitor's request pays.
    # A failure here (the database briefly down) must not stop the worker from booting:
    # the first request then does the same work.
    from django.template.loader import get_template

    from listings.geo import find_place
    from listings.search import current_catalogue
    from listings.search.keywords import forget_recent_keywords, keyword_matches

    try:
        find_place("10001")
        find_place("New York, NY")
        for name in WARM_TEMPLATES:
            get_template(name)
        current_catalogue()
        keyword_matches("occupational therapy", with_rank=True, version=("warm-up",))
        forget_recent_keywords()
    except Exception:
        worker.log.exception("Warm-up failed; this worker will warm up on its first requests")
