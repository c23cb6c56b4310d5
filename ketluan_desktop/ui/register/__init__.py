"""Sổ đăng ký văn bản đi: the outgoing register and the terms it is kept by."""
