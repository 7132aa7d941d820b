"""gunicorn settings, read automatically when gunicorn starts in this folder."""


def post_worker_init(worker):
    # Before a worker takes traffic, it warms up (listings.warmup), so no visitor's request
    # pays for it. A failure here (the database briefly down) must not stop the worker from
    # booting: the first request then does the same work.
    from applicants.warmup import warm_up_admin
    from listings.warmup import warm_up

    try:
        warm_up(worker.wsgi)
        warm_up_admin()
    except Exception:
        worker.log.exception("Warm-up failed; this worker will warm up on its first requests")
