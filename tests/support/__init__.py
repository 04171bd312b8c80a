"""What the tests share: real projects and builds (site.py) and a real Chromium (browser.py)."""
