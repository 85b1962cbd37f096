"""The HTML report in a real browser (headless Chromium driven by Selenium): loads with no console error,
the navigator moves to the next change, the view switch works; a screenshot is kept as a test artefact.

Skipped where Chromium and ChromeDriver are not installed (Debian packages chromium, chromium-driver;
.ci/run installs them).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import corpus
import textdiff
from reports.html import render_html
from tests.conftest import DATA, ROOT, SEED

ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
DRIVER = shutil.which("chromedriver")

pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER), reason="headless Chromium/ChromeDriver not installed"
)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tmp_path_factory.mktemp("chrome-profile")
    # The flags keep Chromium off the network: this machine's closed network refuses its background calls.
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--window-size=1280,900",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from corpus.report import load_report, vote_shifts

    report = load_report(str(SEED))
    proposal = next(p for p in report.proposals if p.recommended_as == "Draft resolution I")
    old = corpus.load(DATA / "structure" / "raw" / "A-RES-75-240.txt")[0]
    new = corpus.load_document(f"{SEED}#1")
    out = tmp_path_factory.mktemp("report") / "report.html"
    out.write_text(
        render_html(textdiff.compare(old, new, votes=proposal.actions), shifts=vote_shifts(proposal)),
        encoding="utf-8",
    )
    return out


def test_report_works_in_a_browser(browser, report_file: Path) -> None:
    from selenium.webdriver.common.by import By

    browser.get(report_file.as_uri())
    assert "→" in browser.title
    errors = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
    assert errors == []

    # The navigator: "Next change" makes the first changed row current, again moves to the second.
    changed = browser.find_elements(By.CSS_SELECTOR, "article.row[data-changed='true']")
    assert len(changed) >= 2
    browser.find_element(By.ID, "next-change").click()
    current = browser.find_elements(By.CSS_SELECTOR, "article.row.current")
    assert [c.get_attribute("id") for c in current] == [changed[0].get_attribute("id")]
    browser.find_element(By.TAG_NAME, "body").send_keys("n")
    current = browser.find_elements(By.CSS_SELECTOR, "article.row.current")
    assert [c.get_attribute("id") for c in current] == [changed[1].get_attribute("id")]
    assert "Change 2 of" in browser.find_element(By.ID, "nav-status").text

    # The view switch: side by side shows the two columns and hides the inline redline.
    row = changed[1]
    inline = row.find_element(By.CSS_SELECTOR, ".inline")
    sbs = row.find_element(By.CSS_SELECTOR, ".sbs")
    assert inline.is_displayed() and not sbs.is_displayed()
    browser.find_element(By.CSS_SELECTOR, "button[data-view='sbs']").click()
    assert sbs.is_displayed() and not inline.is_displayed()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "report-side-by-side.png"))
    browser.find_element(By.TAG_NAME, "body").send_keys("v")
    assert inline.is_displayed() and not sbs.is_displayed()

    # Hiding unchanged rows leaves only changed ones visible.
    browser.find_element(By.ID, "toggle-unchanged").click()
    unchanged = browser.find_elements(By.CSS_SELECTOR, "article.row[data-changed='false']")
    assert all(not r.is_displayed() for r in unchanged)
    browser.save_screenshot(str(ARTIFACTS / "report-inline.png"))
    assert (ARTIFACTS / "report-inline.png").stat().st_size > 10_000
