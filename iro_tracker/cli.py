"""The `iro` console command: Django's management commands without manage.py.

`iro migrate`, `iro demo`, `iro runserver` and every other management command work from any
directory, with no settings variable to remember.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iro_tracker.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    args[0] = "iro"
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
