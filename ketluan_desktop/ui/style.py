"""The application's look: calm, legible, Times-free (the screen uses the system UI font)."""

STYLE = """
QMainWindow { background: #f4f5f7; }
#navRail { background: #7a1015; border: none; color: white; font-size: 10.5pt; outline: 0; }
#navRail::item { padding: 12px 10px; border-left: 4px solid transparent; }
#navRail::item:selected { background: #9c1b21; border-left: 4px solid #f2c14e; color: white; }
#navRail::item:hover:!selected { background: #8a151b; }
#appTitle { color: #7a1015; font-size: 13pt; font-weight: 700; }
QLabel#heading { font-size: 12pt; font-weight: 600; color: #2b2f36; padding: 4px 0; }
QLabel#emptyTitle { font-size: 15pt; font-weight: 600; color: #39404a; }
QLabel#emptyText { color: #5b6370; font-size: 10.5pt; }
QTableView { background: white; alternate-background-color: #f8f9fb; gridline-color: #e3e6ea;
             selection-background-color: #f5dfe0; selection-color: #1d1f23; }
QHeaderView::section { background: #eceef2; padding: 4px 6px; border: none;
                       border-right: 1px solid #dadde3; border-bottom: 1px solid #dadde3;
                       font-weight: 600; }
QTextBrowser { background: white; border: 1px solid #dadde3; }
QGroupBox { font-weight: 600; border: 1px solid #dadde3; border-radius: 4px; margin-top: 14px;
            background: white; }
QGroupBox::title { subcontrol-origin: margin; left: 8px; padding: 0 4px; }
QStatusBar { background: #eceef2; }
"""
