"""The fictional Gemeente Zonnedal: the demo municipality that `make run` shows, and synthetic
data for the benchmarks. Not part of the product: a production image leaves this package out,
and the settings install it only when it is there.

`demo.data` holds the story as plain records; `demo.base`, `demo.dialogue`, `demo.roadmap`,
`demo.residents` and `demo.dashboard` turn them into rows. `manage.py seed_demo` runs them in
order, and running it again changes nothing. `manage.py seed_scale` builds N × M synthetic
municipalities for benchmarks.
"""
