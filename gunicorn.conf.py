"""gunicorn settings, read automatically when gunicorn starts in this folder."""


def post_worker_init(worker):
    # Build this worker's search index before it takes traffic, so that no visitor's
    # request pays for it (about a second at 100,000 postings).
    from listings.search import current_catalogue

    current_catalogue()
