"""Give neighbourhoods that existed before indicators the standard set (new ones get it on save)."""

from django.db import migrations

# Frozen here: later changes to the standard set must not change what this migration did.
STANDARD = [
    ("aardgasvrij", "Woningen aardgasvrij", "output", "aantal", "up", "cbs_aardgasvrij"),
    ("aardgasvrij_klaar", "Woningen aardgasvrij-klaar", "output", "aantal", "up", "corporatie"),
    ("warmtenet", "Woningen aangesloten op het warmtenet", "output", "aantal", "up", "warmtebedrijf"),
    ("label_b", "Woningen met energielabel B of beter", "output", "aantal", "up", "rvo_eponline"),
    ("deelname", "Huishoudens die meededen", "participatie", "procent", "up", "app"),
    ("peiling_vertrouwen", "Peiling: vertrouwen", "publieke_waarde", "score", "up", "enquete"),
    (
        "peiling_mede_eigenaarschap",
        "Peiling: mede-eigenaarschap",
        "publieke_waarde",
        "score",
        "up",
        "enquete",
    ),
    ("peiling_legitimiteit", "Peiling: legitimiteit", "publieke_waarde", "score", "up", "enquete"),
    ("driehoek_balans", "Balans van de waardendriehoek", "publieke_waarde", "index", "up", "app"),
]


def forwards(apps, schema_editor):
    Neighbourhood = apps.get_model("wup", "Neighbourhood")
    Indicator = apps.get_model("dashboard", "Indicator")
    for neighbourhood in Neighbourhood.objects.all():
        have = set(
            Indicator.objects.filter(neighbourhood=neighbourhood).values_list("code", flat=True)
        )
        Indicator.objects.bulk_create(
            Indicator(
                neighbourhood=neighbourhood,
                code=code,
                name=name,
                category=category,
                unit=unit,
                direction=direction,
                source=source,
                order=i,
            )
            for i, (code, name, category, unit, direction, source) in enumerate(STANDARD)
            if code not in have
        )


class Migration(migrations.Migration):
    dependencies = [("dashboard", "0002_indicators_route_developments_steering")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
