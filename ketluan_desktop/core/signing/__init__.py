"""Digital signatures (issue 5): keys from .p12 files and PKCS#11 tokens, visible Vietnamese
signatures, PAdES signing and verification of any PDF.

Modules: ``keys`` (and ``tokens``), ``certs``, ``appearance``, ``sign``, ``verify``. None of them
imports pyHanko, python-pkcs11 or ReportLab at import time (pyHanko alone takes most of a second):
each function imports what it needs when first called.
"""
