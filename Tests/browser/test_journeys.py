"""Journeys in a real browser: headless Chromium through WebDriver against a real server on a fresh database with the
demo data (started by `conftest.py`). Each runs at phone and desktop width and checks every page it passes for
sideways scrolling and console errors."""
import base64
import hashlib
import hmac
import random
import re
import struct
import time
from urllib.parse import urlparse

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

WIDTHS = [390, 1366]


def totp(secret_base32, at=None):
    """RFC 6238 (SHA-1, 30 s, 6 digits), as an authenticator app computes it."""
    key = base64.b32decode(secret_base32 + "=" * (-len(secret_base32) % 8))
    counter = int((at or time.time()) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000)


def id_number(county="611026", birth="19900101"):
    """A made-up ID-card number with a valid check character (GB 11643)."""
    body = county + birth + "%03d" % random.randint(0, 999)
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights)) % 11]


def click(driver, element):
    """Clicks a link or a submit button and waits for the next page to replace this one."""
    page = driver.find_element(By.TAG_NAME, "html")
    element.click()

    def replaced(_):
        try:
            page.is_enabled()
            return False
        except Exception:  # stale, or gone from a document being replaced
            return True

    WebDriverWait(driver, 30).until(replaced)
    WebDriverWait(driver, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")


def check_page(driver, what):
    """The page fits the window (no sideways scrolling) and the console has no errors."""
    width = driver.execute_script("return document.documentElement.scrollWidth")
    inner = min(driver.execute_script("return window.innerWidth"), getattr(driver, "intended_width", 10_000))
    assert width <= inner, f"{what} ({driver.current_url}) is {width} px wide in a {inner} px window"
    errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    assert not errors, f"{what} ({driver.current_url}): console errors {errors}"


def pick(driver, field, typed, wanted):
    """Types a name into a picker field and taps the offered choice that holds `wanted`."""
    field.send_keys(typed)
    option = WebDriverWait(driver, 10).until(
        lambda d: next((o for o in d.find_elements(By.CSS_SELECTOR, "ul.picker-list li") if wanted in o.text and o.is_displayed()), None))
    option.click()
    assert wanted in field.get_attribute("value")


def sign_in(driver, server, user, password):
    driver.get(server.base + "/login")
    driver.find_element(By.NAME, "username").send_keys(user)
    driver.find_element(By.NAME, "password").send_keys(password)
    click(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button"))


@pytest.mark.parametrize("width", WIDTHS)
def test_worker_finds_a_job_signs_up_and_applies_and_the_employer_sees_it(browser, server, width):
    driver = browser(width)
    # One of the employer's open postings is the job the worker will find.
    sign_in(driver, server, "demo-enterprise", server.demo_password)
    driver.get(server.base + "/manage/jobs")
    check_page(driver, "the employer's postings")
    links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "a[href$='/applicants']")]
    driver.delete_all_cookies()

    # A visitor opens the job and signs up from it.
    applicants = job_path = None
    for link in links:
        job_path = urlparse(link).path.removeprefix("/manage").removesuffix("/applicants")
        driver.get(server.base + job_path)
        if driver.find_elements(By.LINK_TEXT, "注册并申请"):
            applicants = link
            break
    assert applicants, "the demo employer has an open posting"
    check_page(driver, "a job, not signed in")
    click(driver, driver.find_element(By.LINK_TEXT, "注册并申请"))
    check_page(driver, "sign-up")
    phone = "139%08d" % random.randint(0, 99_999_999)
    driver.find_element(By.NAME, "phone").send_keys(phone)
    driver.find_element(By.NAME, "name").send_keys("浏览器测试务工人员")
    driver.find_element(By.NAME, "password").send_keys("柞水木耳-sells-well")
    driver.find_element(By.NAME, "consent").click()
    click(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/register'] button"))
    assert urlparse(driver.current_url).path == job_path, "sign-up leads back to the job"
    check_page(driver, "the job, signed in without a profile")

    # The profile, then back to the job, and one tap.
    click(driver, driver.find_element(By.LINK_TEXT, "填写求职信息后申请"))
    check_page(driver, "the profile form")
    driver.find_element(By.NAME, "name").send_keys("浏览器测试务工人员")
    driver.find_element(By.NAME, "idNumber").send_keys(id_number())
    driver.find_element(By.NAME, "phone").send_keys(phone)
    home = driver.find_element(By.NAME, "homeCode")
    home.clear()
    pick(driver, home, "柞水", "柞水县")
    pick(driver, driver.find_element(By.NAME, "wishedOccupations"), "厨师", "中式烹调师")
    driver.find_element(By.NAME, "consent").click()
    driver.find_element(By.NAME, "sensitiveConsent").click()
    click(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/workers'] button"))
    assert urlparse(driver.current_url).path == job_path, "the profile leads back to the job"
    click(driver, driver.find_element(By.XPATH, "//button[contains(., '申请这个岗位')]"))
    assert "申请已提交" in driver.page_source
    check_page(driver, "the job after applying")

    # The employer sees the application at once, with the worker's name and no ID number.
    driver.delete_all_cookies()
    sign_in(driver, server, "demo-enterprise", server.demo_password)
    driver.get(applicants)
    assert "浏览器测试务工人员" in driver.page_source
    assert not re.search(r"\d{6}\*+\d", driver.page_source), "no masked ID numbers on the applicants page"
    check_page(driver, "the applicants page")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_coordinator_enrols_a_second_factor_at_the_first_sign_in(browser, server, width):
    driver = browser(width)
    user = {390: "shaanxi-coordinator", 1366: "jiangsu-coordinator"}[width]
    sign_in(driver, server, user, server.demo_password)
    assert urlparse(driver.current_url).path == "/login/second-factor/setup"
    check_page(driver, "second-factor setup")
    assert driver.find_element(By.CSS_SELECTOR, "img.qr").get_attribute("src").startswith("data:image/svg+xml;base64,")
    secret = driver.find_element(By.CSS_SELECTOR, ".secret-key").text.replace(" ", "")
    driver.find_element(By.NAME, "code").send_keys("000000")
    click(driver, driver.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
    assert "验证码不对" in driver.page_source
    driver.get_log("browser")  # the refused code's 400 is expected
    driver.find_element(By.NAME, "code").send_keys(totp(secret))
    click(driver, driver.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
    codes = [code.text for code in driver.find_elements(By.CSS_SELECTOR, ".recovery-codes code")]
    assert len(codes) == 10
    check_page(driver, "recovery codes")
    click(driver, driver.find_element(By.LINK_TEXT, "已保存，继续"))
    driver.get(server.base + "/account")
    assert "已开启" in driver.page_source
    check_page(driver, "the account page")

    # The next sign-in asks for a code; a recovery code works once.
    driver.delete_all_cookies()
    sign_in(driver, server, user, server.demo_password)
    assert urlparse(driver.current_url).path == "/login/second-factor"
    check_page(driver, "the code step")
    driver.find_element(By.NAME, "code").send_keys(codes[0])
    click(driver, driver.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
    driver.get(server.base + "/account")
    assert urlparse(driver.current_url).path == "/account"
