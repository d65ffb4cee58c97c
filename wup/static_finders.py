"""A static files finder for single files, such as a Python package's copy of a JavaScript library.

STATICFILES_DIRS maps a prefix to a whole directory. A package's data directory usually holds
more than we mean to serve (plotly's has a 4.8 MB widget bundle, datasets and templates next to
plotly.min.js), so STATICFILES_FILES maps a prefix to one file, served as <prefix>/<its name>:

    STATICFILES_FILES = [("vendor/plotly", PLOTLY_PACKAGE / "package_data" / "plotly.min.js")]

collectstatic copies it like any other static file; WhiteNoise serves it from the finders in
development.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.utils import matches_patterns
from django.core.checks import Error
from django.core.files.storage import FileSystemStorage


class FileFinder(finders.BaseFinder):
    """Finds the files named in STATICFILES_FILES, a list of (prefix, file path) pairs."""

    def __init__(self, *args, **kwargs):
        # static path → (source file, a storage of its directory that collectstatic copies from)
        self.files: dict[str, tuple[Path, FileSystemStorage]] = {}
        for prefix, source in getattr(settings, "STATICFILES_FILES", []):
            source = Path(source)
            storage = FileSystemStorage(location=source.parent)
            storage.prefix = prefix
            self.files[f"{prefix}/{source.name}"] = (source, storage)
        super().__init__(*args, **kwargs)

    def check(self, **kwargs):
        return [
            Error(
                f"The file '{source}' in the STATICFILES_FILES setting does not exist.",
                hint=f"It is served as {path}; is the package that brings it installed?",
                id="wup.E001",
            )
            for path, (source, _storage) in self.files.items()
            if not source.is_file()
        ]

    def find(self, path, find_all=False):
        source = self.files.get(path, (None, None))[0]
        matches = [str(source)] if source and source.is_file() else []
        # Like Django's finders: the first match, or the empty list when there is none.
        return matches[0] if matches and not find_all else matches

    def list(self, ignore_patterns):
        for source, storage in self.files.values():
            if source.is_file() and not matches_patterns(source.name, ignore_patterns or []):
                yield source.name, storage
