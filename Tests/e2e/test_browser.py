#!/usr/bin/env python3
"""Browser end-to-end test for the KetaBridge web UI.

Drives Debian's headless Chromium through Debian's chromedriver (Selenium 4) against a
running `ketabridge serve --demo` instance:

    python3 Tests/e2e/test_browser.py --base-url http://127.0.0.1:8080 [--screenshots DIR]

Prints `e2e: N passed, M failed` alone on the last line; exits 1 if any step failed.
"""

import argparse
import os
import sys
import traceback
from urllib.parse import urlparse

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WAIT_SECONDS = 10

NURSE = "nurse@demo.test"
ADMIN = "admin@demo.test"
DEMO_PASSWORD = "ketabridge-demo"


class Browser:
    def __init__(self, base_url, screenshots):
        self.base_url = base_url.rstrip("/")
        self.screenshots = screenshots
        options = Options()
        options.binary_location = CHROMIUM
        for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"):
            options.add_argument(flag)
        # Explicit driver path + binary: Selenium Manager never tries to download anything.
        self.driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
        self.driver.set_page_load_timeout(30)

    def quit(self):
        self.driver.quit()

    def open(self, path):
        self.driver.get(self.base_url + path)

    def path(self):
        return urlparse(self.driver.current_url).path

    def wait(self, condition, message):
        def polled(driver):
            try:
                return condition(driver)
            except WebDriverException as error:
                # A page that is still navigating answers "aborted by navigation": poll again.
                if "navigat" in str(error).lower():
                    return False
                raise
        ignored = (NoSuchElementException, StaleElementReferenceException)
        return WebDriverWait(self.driver, WAIT_SECONDS, ignored_exceptions=ignored).until(polled, message)

    def click_and_leave(self, element):
        """Clicks something that loads a new page, and waits until the old page is gone."""
        old_page = self.driver.find_element(By.TAG_NAME, "html")
        element.click()
        self.wait(EC.staleness_of(old_page), f"clicking did not leave {self.driver.current_url}")

    def wait_for(self, css):
        return self.wait(EC.visibility_of_element_located((By.CSS_SELECTOR, css)), f"no visible {css!r} on {self.driver.current_url}")

    def wait_for_path(self, expected):
        self.wait(lambda d: urlparse(d.current_url).path == expected, f"expected to be at {expected}")

    def screenshot(self, name):
        if self.screenshots:
            self.driver.save_screenshot(os.path.join(self.screenshots, name))

    def submit_login(self, email, password, screenshot=None):
        self.driver.delete_all_cookies()
        self.open("/login")
        self.wait_for("form#login-form")
        if screenshot:
            self.screenshot(screenshot)
        for field, value in (("email", email), ("password", password)):
            element = self.driver.find_element(By.ID, field)
            element.clear()
            element.send_keys(value)
        self.click_and_leave(self.driver.find_element(By.ID, "login-submit"))

    def login(self, email, password=DEMO_PASSWORD, screenshot=None):
        self.submit_login(email, password, screenshot)
        self.wait(lambda d: urlparse(d.current_url).path != "/login", f"{email} still on /login after signing in")
        self.wait_for("form#logout-form")

    def ensure_signed_in(self, email):
        """Lets a step run on its own even when an earlier step failed."""
        self.open("/patients")
        if self.path() == "/login":
            self.login(email)


def check(condition, message):
    if not condition:
        raise AssertionError(message)


# --- steps -------------------------------------------------------------------------------

def test_nurse_logs_in(b):
    b.login(NURSE, screenshot="login.png")
    check(b.path() != "/login", f"still on /login: {b.driver.current_url}")
    check(b.driver.find_element(By.ID, "logout").is_displayed(), "no logout button after signing in")


def test_nurse_opens_patient_chart(b):
    b.ensure_signed_in(NURSE)
    if b.path() != "/patients":
        b.open("/patients")
    b.wait_for("table#patient-table")
    link = b.wait(EC.element_to_be_clickable((By.CSS_SELECTOR, "#patient-table a.patient-link")),
                  "no a.patient-link in #patient-table")
    b.screenshot("patients.png")
    link_text, href = link.text.strip(), link.get_attribute("href")
    check(link_text, "first patient link has no text")
    check(urlparse(href).path.startswith("/patients/"), f"patient link points to {href}")
    b.click_and_leave(link)
    b.wait_for_path(urlparse(href).path)
    name = b.wait(lambda d: d.find_element(By.ID, "patient-name").text.strip() or False, "#patient-name stays empty")
    b.wait_for("section#demographics")
    family = link_text.split(",")[0].strip()
    check(family.lower() in name.lower(), f"chart heading {name!r} does not name {link_text!r}")
    b.screenshot("chart.png")


def test_nurse_logs_out(b):
    b.ensure_signed_in(NURSE)
    b.click_and_leave(b.wait(EC.element_to_be_clickable((By.CSS_SELECTOR, "#logout-form #logout")), "no logout button"))
    b.wait_for_path("/login")
    b.wait_for("form#login-form")
    b.open("/patients")
    b.wait_for_path("/login")
    b.wait_for("form#login-form")


def test_wrong_password_is_rejected(b):
    b.submit_login(NURSE, "not-the-password")
    error = b.wait_for(".form-error, [role='alert']")
    check(error.text.strip(), "the login error message is empty")
    check(b.path() == "/login", f"expected to stay on /login, at {b.driver.current_url}")
    b.wait_for("form#login-form")
    check(not b.driver.find_elements(By.ID, "logout-form"), "a logout form is shown after a failed login")


def test_admin_audit_page(b):
    b.login(ADMIN)
    b.open("/admin/audit")
    b.wait_for("table#audit-table")
    check(b.path() == "/admin/audit", f"admin redirected to {b.driver.current_url}")
    b.screenshot("audit.png")


# --- runner ------------------------------------------------------------------------------

def current_url(browser):
    try:
        return browser.driver.current_url
    except Exception:
        return "unknown URL"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-url", required=True, help="e.g. http://127.0.0.1:8080")
    parser.add_argument("--screenshots", metavar="DIR", help="save login/patients/chart/audit PNGs here")
    args = parser.parse_args()
    if args.screenshots:
        os.makedirs(args.screenshots, exist_ok=True)

    steps = [test_nurse_logs_in, test_nurse_opens_patient_chart, test_nurse_logs_out, test_wrong_password_is_rejected]
    if args.screenshots:
        steps.append(test_admin_audit_page)  # only needed for audit.png

    passed = failed = 0
    try:
        browser = Browser(args.base_url, args.screenshots)
    except Exception:
        print("FAIL  could not start headless Chromium", flush=True)
        traceback.print_exc(file=sys.stdout)
        print("e2e: 0 passed, 1 failed", flush=True)
        return 1
    try:
        for step in steps:
            try:
                step(browser)
                passed += 1
                print(f"PASS  {step.__name__}", flush=True)
            except Exception:
                failed += 1
                print(f"FAIL  {step.__name__} (at {current_url(browser)})", flush=True)
                traceback.print_exc(file=sys.stdout)
                sys.stdout.flush()
    finally:
        browser.quit()
    print(f"e2e: {passed} passed, {failed} failed", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
