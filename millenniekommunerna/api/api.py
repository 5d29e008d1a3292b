"""The read API, `/api/v1/`, put together: the API object and its conventions (`service`) and
the endpoints (`endpoints/`), in the order the OpenAPI document lists them."""

from .endpoints import exports, partnerships, places, stories
from .service import api, licence

for endpoints in (stories, places, partnerships, exports):
    api.add_router("", endpoints.router)

__all__ = ["api", "licence"]
