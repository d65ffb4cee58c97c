from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "demo"
    # Not translated: the demo is not in the product's message catalogue.
    verbose_name = "Demo: Gemeente Zonnedal"
