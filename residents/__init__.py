"""The top layer: the public pages that compose every app (municipality, neighbourhood page,
timeline) and what residents do without an account (follow by e-mail, ask questions, calendar
files, privacy export and erasure). Nothing below imports this app."""
