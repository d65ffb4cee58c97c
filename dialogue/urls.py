"""Dialogue URLs: the staff's under /beheer/<municipality>/sessies/, the residents' under
/doe-mee/, and published summaries under the neighbourhood page."""

from django.urls import include, path

from . import paper_views, participation, public, views

app_name = "dialogue"

session_urls = [
    path("", views.session_detail, name="session"),
    path("bewerken/", views.session_edit, name="session_edit"),
    path("vragen/", views.prompts_edit, name="prompts"),
    path("status/", views.session_transition, name="transition"),
    path("publiceren/", views.session_publish, name="publish"),
    path("regie/", views.control, name="control"),
    path("regie/stap/", views.control_step, name="control_step"),
    path("presentatie/", views.presenter, name="presenter"),
    path("papier/", paper_views.paper_entry, name="paper"),
    path("export.csv", paper_views.export_csv, name="export"),
    path("import/", paper_views.import_csv, name="import"),
    path("argumenten/<int:argument_pk>/", views.argument_moderate, name="moderate"),
    path("uitkomsten/nieuw/", views.outcome_edit, name="outcome_create"),
    path("uitkomsten/<int:outcome_pk>/", views.outcome_edit, name="outcome_edit"),
    path("uitkomsten/<int:outcome_pk>/verwijderen/", views.outcome_delete, name="outcome_delete"),
]

urlpatterns = [
    path("beheer/<slug:municipality_slug>/sessies/", views.session_list, name="sessions"),
    path("beheer/<slug:municipality_slug>/sessies/nieuw/", views.session_create, name="create"),
    path("beheer/<slug:municipality_slug>/sessies/<int:pk>/", include(session_urls)),
    path("doe-mee/", participation.join, name="join"),
    path("doe-mee/<str:code>/", participation.join_code, name="join_code"),
    path("doe-mee/<str:code>/meedoen/", participation.participate, name="participate"),
    path("doe-mee/<str:code>/profiel/", participation.profile, name="profile"),
    path("doe-mee/<str:code>/scores/", participation.score, name="score"),
    path("doe-mee/<str:code>/argumenten/", participation.add_argument, name="add_argument"),
    path(
        "doe-mee/<str:code>/argumenten/<int:argument_pk>/stem/",
        participation.vote,
        name="vote",
    ),
    path(
        "<slug:municipality_slug>/<slug:neighbourhood_slug>/sessies/<int:pk>/",
        public.session_summary,
        name="summary",
    ),
]
