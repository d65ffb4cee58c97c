"""The Zonnedal demo as plain records (module-level constants and frozen dataclasses), one module
per part of the story; the modules one level up turn them into rows."""
