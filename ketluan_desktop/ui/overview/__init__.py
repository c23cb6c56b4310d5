"""«Tổng quan»: the leaders' overview — charts of key tasks and member procedures, reminders."""
