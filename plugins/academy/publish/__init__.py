"""Putting a built site in place: the atomic swap that keeps the previous version
(swap.py), the checks of a built site before it goes live (verify.py) and the
Content-Security-Policy hashes of its inline scripts (csp.py).

May import core/ only.
"""
