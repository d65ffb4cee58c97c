"""The floor: the least a page of ours can cost. One indexed query, 20 rows, in our base layout.

It extends base.html, like every page, so the ratio measures what a page adds beyond the layout
every page carries (the skip link, the header, the language switch, the CSRF token).

Every page is reported as a multiple of this view's time, measured in the same process, in the
same run, through the same middleware, so the ratio says something on any machine.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.views.decorators.http import require_safe

from wup.models import Neighbourhood

TEMPLATE = """{% extends "base.html" %}{% block content %}<table>
{% for pk, name, slug in rows %}<tr><td>{{ pk }}</td><td>{{ name }}</td><td>{{ slug }}</td></tr>
{% endfor %}</table>{% endblock %}
"""

_template = None


def get_template():
    global _template
    if _template is None:
        _template = engines["django"].from_string(TEMPLATE)
    return _template


@require_safe
def floor(request: HttpRequest) -> HttpResponse:
    # Ordered by the primary key, so the database walks an index and stops after 20 rows.
    rows = list(Neighbourhood.objects.order_by("pk").values_list("pk", "name", "slug")[:20])
    return HttpResponse(get_template().render({"rows": rows}, request))
