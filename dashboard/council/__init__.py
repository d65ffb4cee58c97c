"""What the council sees: every neighbourhood against its adopted route (`overview`), one
neighbourhood in four blocks — achieved, where we stand, effect of new developments, steering
needed (`neighbourhood`) — and the municipality's progress report (`report`). `common`,
`milestones` and `questions` hold what they share.

Plain functions that assemble plain data in a fixed number of queries, however many
neighbourhoods there are; the views, templates and the PDF only show what comes back. Status is
always measured against the *adopted* route (see `dashboard.progress`).
"""
