"""Backups in two places, verified, kept 7 daily / 4 weekly / 12 monthly, optionally encrypted.

Decree 30/2020 and Circular 02/2019 ask an office to keep at least two independent, restorable
copies of its records. A copy is one ``.klbak`` file (``container.py``): a JSON header that says
what it holds (date, app version, schema, row counts) followed by a consistent snapshot — SQLite's
backup API, or ``pg_dump -Fc`` for a server database — plain or encrypted with a passphrase.
``service.py`` makes, verifies and prunes copies in the data folder's ``backups`` and in a second
place chosen in Settings; ``restore.py`` puts one back in a single step after keeping the current
database as a copy. No Qt here: the GUI (``ui/backup/``) and the CLI (``cli/backup_commands.py``)
are thin layers.
"""
