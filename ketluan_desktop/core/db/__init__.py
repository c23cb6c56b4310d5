from ketluan_desktop.core.db.database import Database, open_database

__all__ = ["Database", "open_database"]
