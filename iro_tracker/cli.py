"""The `iro` console command: Django's management commands without manage.py.

`iro migrate`, `iro demo`, `iro runserver` and every other management command work from any
directory, with no settings variable to remember.
"""

import os
import sys

# Commands whose documented names have hyphens; Django's command names cannot.
HYPHENATED = {
    "import-903": "import_903",
    "export-903": "export_903",
    "send-reminders": "send_reminders",
    "check-documents": "check_documents",
}


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iro_tracker.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    args[0] = "iro"
    for i in (1, 2) if len(args) > 2 and args[1] == "help" else (1,):
        if len(args) > i:
            args[i] = HYPHENATED.get(args[i], args[i])
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
