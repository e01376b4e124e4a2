"""Spreadsheets in and out: generic table writers, the import template, the validated import.

The modules know nothing of requests: views hand them querysets, users and bytes.
"""
