"""The pages the benchmark measures. Add a line when you add a page.

``user`` logs the request in as that username first (seed_scale makes ``scale-1-projectleider``
and ``scale-1-raadslid``). Each URL must answer 200 on data from seed_scale (and seed_demo, if
there is one); a different answer fails the run.
"""

from __future__ import annotations

from dataclasses import dataclass

FLOOR_URL = "/bench/floor/"


@dataclass(frozen=True)
class Page:
    name: str
    url: str
    user: str | None = None


PAGES: list[Page] = [
    Page("home", "/"),
    Page("municipality", "/scale-1/"),
    Page("neighbourhood", "/scale-1/wijk-001/"),
    Page("healthz", "/healthz"),
    Page("backoffice municipality", "/beheer/scale-1/", user="scale-1-projectleider"),
    # The demo municipality: pages with dialogue sessions and roadmaps behind them.
    Page("neighbourhood (demo)", "/zonnedal/molenbuurt/"),
    Page("public roadmap (demo)", "/zonnedal/molenbuurt/routekaart/"),
    Page("sessions (demo)", "/beheer/zonnedal/sessies/", user="projectleider@zonnedal.example"),
    Page(
        "roadmap editor (demo)",
        "/beheer/zonnedal/routekaarten/molenbuurt/",
        user="projectleider@zonnedal.example",
    ),
]
