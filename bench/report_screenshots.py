"""Screenshots of `newskit report` for seeds 000 and 002 at desktop (1280 px) and phone (390 px) widths.

    python bench/report_screenshots.py [--out DIR] [--full]

Writes DIR/{000,002}-{desktop,phone}-{top,finding,dup,print}[-full].png (default DIR: bench/out/report, ignored by
git) from a report built in a temporary folder, with the network blocked: the top of the page (page rate and
index), the first finding with its popup open (key j), and the first duplicated passage with its popup. Needs
Chromium (Debian: apt-get install chromium) and Playwright's Python package (pip install -e '.[browser]'); a
CJK font (fonts-noto-cjk) makes the text legible.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = {"000": "000_5aba1ba51e5b42c7", "002": "002_bf14c99edd045f98"}
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    sys.exit("report_screenshots: no Chromium found (apt-get install chromium)")


def shoot(page, path: Path, full_page: bool = False) -> None:
    page.wait_for_timeout(150)
    page.screenshot(path=str(path), full_page=full_page)
    print(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "report")
    parser.add_argument("--full", action="store_true", help="also capture the whole page")
    parser.add_argument("--lang", default="zh", choices=("zh", "en"))
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        site = Path(tmp) / "site"
        subprocess.run([sys.executable, "-m", "newskit", "report", *(f"seeds/{s}.txt" for s in SEEDS.values()),
                        "-o", str(site), "--lang", args.lang], check=True, cwd=REPO)
        browser = pw.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
        for label, stem in SEEDS.items():
            for width_name, (width, height) in WIDTHS.items():
                context = browser.new_context(viewport={"width": width, "height": height},
                                              device_scale_factor=1 if width > 600 else 2)
                context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                              else route.abort())
                page = context.new_page()
                page.goto((site / f"{stem}.html").as_uri())
                name = f"{label}-{width_name}"
                shoot(page, args.out / f"{name}-top.png")
                if args.full:
                    shoot(page, args.out / f"{name}-full.png", full_page=True)
                page.keyboard.press("j")  # the first finding, its popup open
                shoot(page, args.out / f"{name}-finding.png")
                dup = page.locator(".nk-dup[data-dup]")
                if dup.count():
                    page.keyboard.press("Escape")
                    dup.first.evaluate("d => { d.scrollIntoView({block: 'center'}); d.click(); }")
                    shoot(page, args.out / f"{name}-dup.png")
                if width_name == "desktop":  # the page as printed: no controls, codes beside the marks
                    page.keyboard.press("Escape")
                    page.emulate_media(media="print")
                    page.evaluate("window.scrollTo(0, 0)")
                    shoot(page, args.out / f"{name}-print.png")
                context.close()
        browser.close()


if __name__ == "__main__":
    main()
