from django.utils.cache import add_never_cache_headers, has_vary_header


class PrivateResponsesMiddleware:
    """A response that depends on who asked (it sets a cookie, or varies on the session
    cookie) and says nothing of caching is marked private and not to be stored, so no CDN,
    proxy or shared browser keeps one visitor's page for another.

    Listed before the session and CSRF middleware, so it sees the cookies and Vary headers
    they add. Public pages set their own Cache-Control (`listings.caching.public_page`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        if response.cookies or has_vary_header(response, "Cookie"):
            add_never_cache_headers(response)
        return response
