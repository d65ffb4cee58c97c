"""Single files served as static files (settings.STATICFILES_FILES): plotly.js from the Python
plotly package, without the rest of that package's data folder."""

from pathlib import Path

import plotly
from django.contrib.staticfiles import finders
from django.core.management import call_command

from wup.static_finders import FileFinder

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def test_plotly_js_is_found_in_the_python_package():
    assert finders.find("vendor/plotly/plotly.min.js") == str(PLOTLY_JS)
    assert finders.find("vendor/plotly/plotly.min.js", find_all=True) == [str(PLOTLY_JS)]
    assert finders.find("vendor/plotly/widgetbundle.js") is None  # only the one file


def test_collectstatic_copies_plotly_js_alone(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    assert (tmp_path / "vendor/plotly/plotly.min.js").read_bytes() == PLOTLY_JS.read_bytes()
    assert sorted(p.name for p in (tmp_path / "vendor/plotly").iterdir()) == ["plotly.min.js"]


def test_a_missing_file_is_a_configuration_error(settings, tmp_path):
    settings.STATICFILES_FILES = [("vendor/gone", tmp_path / "gone.min.js")]
    finder = FileFinder()
    assert [error.id for error in finder.check()] == ["wup.E001"]
    assert not finder.find("vendor/gone/gone.min.js")
    assert list(finder.list(None)) == []
