"""The departments seed 004 names (第二章主要职责), so a referral has somewhere to go from day one.

Heads and members are the company's to add in admin; a department without members takes no referral.
"""

from django.db import migrations

DEPARTMENTS = [
    ("业务部门", "business"),
    ("服务部", "service"),
    ("品控部", "quality_control"),
    ("质量管理部", "quality_management"),
]


def seed(apps, schema_editor):
    Department = apps.get_model("investigations", "Department")
    for name, kind in DEPARTMENTS:
        Department.objects.get_or_create(name=name, defaults={"kind": kind})


class Migration(migrations.Migration):
    dependencies = [("investigations", "0006_external_team_departments_working_day_extensions")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
