"""Write docs/timeline-page.png, the README's picture of the seeds' page.

    python docs/screenshot.py

Needs Playwright and a system Chromium, as the browser tests do.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync"]

page_file = Path(tempfile.mkdtemp()) / "timeline.html"
subprocess.run([sys.executable, "-m", "cgt_cli", "timeline", "--format", "html", "-o", str(page_file)], check=True)
chromium = os.environ.get("CGT_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
with sync_playwright() as playwright:
    browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
    page = browser.new_page(viewport={"width": 1280, "height": 1060}, device_scale_factor=1)
    page.goto(page_file.as_uri() + "#event=3")
    page.wait_for_selector("html[data-ready]")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(HERE / "timeline-page.png"))
    browser.close()
print(HERE / "timeline-page.png")
