#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "otjobs.settings")
    # manage.py is the developer's entry point: development settings unless DEBUG is set.
    # Production runs through otjobs.wsgi (gunicorn), which has no such default, and its
    # management commands run with DEBUG=false exported (see README).
    os.environ.setdefault("DEBUG", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
