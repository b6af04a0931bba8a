"""History of job orders, candidates, reference calls and call plans: who changed what and when,
and "Restore this version".

It sits in config/ because it reads every domain app (accounts sits below them all). Each record
kind is tracked with django-simple-history together with its child rows (a job order's
requirements, a candidate's skills and engagements, a call's findings, a plan's objections).
The history page merges them into one timeline; restoring an entry brings the record and its
child rows back to how they were right after it, as a new version (see services.py).
"""
