"""Dialogue URLs: the staff's under /beheer/<municipality>/sessies/, the residents' under
/doe-mee/, and published summaries under the neighbourhood page."""

from django.urls import include, path

from dialogue.views import paper, participation, public, sessions

app_name = "dialogue"

session_urls = [
    path("", sessions.session_detail, name="session"),
    path("bewerken/", sessions.session_edit, name="session_edit"),
    path("vragen/", sessions.prompts_edit, name="prompts"),
    path("status/", sessions.session_transition, name="transition"),
    path("publiceren/", sessions.session_publish, name="publish"),
    path("regie/", sessions.control, name="control"),
    path("regie/stap/", sessions.control_step, name="control_step"),
    path("presentatie/", sessions.presenter, name="presenter"),
    path("papier/", paper.paper_entry, name="paper"),
    path("export.csv", paper.export_csv, name="export"),
    path("import/", paper.import_csv, name="import"),
    path("argumenten/<int:argument_pk>/", sessions.argument_moderate, name="moderate"),
    path("uitkomsten/nieuw/", sessions.outcome_edit, name="outcome_create"),
    path("uitkomsten/<int:outcome_pk>/", sessions.outcome_edit, name="outcome_edit"),
    path(
        "uitkomsten/<int:outcome_pk>/verwijderen/", sessions.outcome_delete, name="outcome_delete"
    ),
]

urlpatterns = [
    path("beheer/<slug:municipality_slug>/sessies/", sessions.session_list, name="sessions"),
    path("beheer/<slug:municipality_slug>/sessies/nieuw/", sessions.session_create, name="create"),
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
