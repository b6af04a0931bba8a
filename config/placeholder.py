"""Temporary: URL names agreed between apps that are being built in parallel. Each app
replaces these with its real views; this module is deleted once none is left."""

from django.http import Http404


def not_built_yet(request, *args, **kwargs):
    raise Http404("This page is being built.")
