"""Django's Redis cache backend, keeping its redis.Redis clients.

Django's backend makes a new `redis.Redis` around the shared connection pool for every
command, and redis-py 8's constructor costs about 0.4 ms: on a signed-in page that reads
the session, the user and the visitor's state, more than the round trips themselves. A
client is only a handle on its pool and safe to share, so this keeps one per pool.
"""

from django.core.cache.backends import redis as django_redis


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]  # not in the stubs
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)  # type: ignore[attr-defined]
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
