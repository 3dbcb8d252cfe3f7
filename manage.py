#!/usr/bin/env python
"""Kept for tools that expect manage.py; the `iro` command does the same."""

from iro_tracker.cli import main

if __name__ == "__main__":
    main()
