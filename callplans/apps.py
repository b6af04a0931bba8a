from django.apps import AppConfig


class CallplansConfig(AppConfig):
    name = "callplans"
