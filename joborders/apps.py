from django.apps import AppConfig


class JobordersConfig(AppConfig):
    name = "joborders"
