from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("joborders", "0003_submittal_joborders_s_submitt_c966b0_idx_and_more"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="submittal",
            index=models.Index(
                fields=["job_order", "status", "interview_at"],
                name="joborders_s_job_ord_ce5cb1_idx",
            ),
        ),
    ]
