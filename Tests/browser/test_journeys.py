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
from selenium.common.exceptions import StaleElementReferenceException
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


def tap_option(driver, matches):
    """Taps the first offered picker choice whose text `matches` (the list is redrawn as answers arrive, so a choice
    found a moment ago may be gone: look again)."""
    def tapped(d):
        for element in d.find_elements(By.CSS_SELECTOR, "ul.picker-list li span"):
            if element.is_displayed() and matches(element.text):
                element.click()
                return True
        return False

    WebDriverWait(driver, 10, ignored_exceptions=(StaleElementReferenceException,)).until(tapped)


def option(driver, label):
    """Taps the picker's choice whose text is `label` (a place to open shows " ›" after it)."""
    tap_option(driver, lambda text: text.removesuffix(" ›") == label)


def pick(driver, field, typed, wanted):
    """Types a name into a picker field and taps the offered choice that holds `wanted`."""
    field.send_keys(typed)
    tap_option(driver, lambda text: wanted in text)
    assert wanted in field.get_attribute("value")


def sign_in(driver, server, user, password):
    driver.get(server.base + "/login")
    driver.find_element(By.NAME, "username").send_keys(user)
    driver.find_element(By.NAME, "password").send_keys(password)
    click(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button"))


def sign_in_staff(driver, server, user, password):
    """Signs in an account that needs a second factor: the first time it enrols one (the secret kept on the server
    fixture), afterwards it answers with the code of a step not used yet (the server accepts the steps before and
    after the current one, each once)."""
    sign_in(driver, server, user, password)
    path = urlparse(driver.current_url).path
    if path == "/login/second-factor/setup":
        secret = driver.find_element(By.CSS_SELECTOR, ".secret-key").text.replace(" ", "")
        server.secrets[user] = secret
        server.steps[user] = int(time.time() // 30)
        driver.find_element(By.NAME, "code").send_keys(totp(secret, at=server.steps[user] * 30))
        click(driver, driver.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
        click(driver, driver.find_element(By.LINK_TEXT, "已保存，继续"))
    elif path == "/login/second-factor":
        step = max(int(time.time() // 30) - 1, server.steps.get(user, -1) + 1)
        while step > int(time.time() // 30) + 1:  # every accepted step is used: the next one comes within 30 s
            time.sleep(1)
        server.steps[user] = step
        driver.find_element(By.NAME, "code").send_keys(totp(server.secrets[user], at=step * 30 + 1))
        click(driver, driver.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
    assert not urlparse(driver.current_url).path.startswith("/login"), driver.current_url


@pytest.mark.parametrize("width", WIDTHS)
def test_worker_searches_signs_up_applies_and_sees_the_employer_invite(browser, server, width):
    driver = browser(width)
    name = "浏览器测试务工人员%d" % width  # each run's own worker, on the same demo postings
    # The employer whose posting the worker will apply to (the demo enterprise account's).
    sign_in(driver, server, "demo-enterprise", server.demo_password)
    driver.get(server.base + "/manage/jobs")
    check_page(driver, "the employer's postings")
    links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "a[href$='/applicants']")]
    driver.delete_all_cookies()

    # A visitor searches from the home page: 厨师 finds cook jobs, titled 厨师 and 中式烹调师 alike; a card opens its job
    # and "back" returns to the same search.
    driver.get(server.base + "/")
    check_page(driver, "the home page")
    box = driver.find_element(By.CSS_SELECTOR, "form[action='/jobs'] input[name=q]")
    box.send_keys("厨师")
    click(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/jobs'] button"))
    check_page(driver, "the job board after a search")
    titles = [t.text for t in driver.find_elements(By.CSS_SELECTOR, "a.card-link .title")]
    assert titles and set(titles) <= {"厨师", "中式烹调师（丹凤厨工）"}, titles
    assert titles[0] == "厨师", "a title match comes first"
    assert not driver.find_element(By.CSS_SELECTOR, "details.more").get_attribute("open"), "the filters are folded"
    click(driver, driver.find_elements(By.CSS_SELECTOR, "a.card-link")[0])
    check_page(driver, "a job from the search")
    click(driver, driver.find_element(By.CSS_SELECTOR, "a.back"))
    assert "q=" in driver.current_url and driver.find_element(By.NAME, "q").get_attribute("value") == "厨师", driver.current_url

    # The employer's open job, signing up from it.
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
    driver.find_element(By.NAME, "name").send_keys(name)
    driver.find_element(By.NAME, "password").send_keys("柞水木耳-sells-well")
    driver.find_element(By.NAME, "consent").click()
    click(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/register'] button"))
    assert urlparse(driver.current_url).path == job_path, "sign-up leads back to the job"
    check_page(driver, "the job, signed in without a profile")

    # The profile with pickers (names, not codes), then back to the job, and one tap.
    click(driver, driver.find_element(By.LINK_TEXT, "填写求职信息后申请"))
    check_page(driver, "the profile form")
    driver.find_element(By.NAME, "name").send_keys(name)
    driver.find_element(By.NAME, "idNumber").send_keys(id_number())
    driver.find_element(By.NAME, "phone").send_keys(phone)
    home = driver.find_element(By.NAME, "homeCode")
    home.clear()
    if width < 500:
        pick(driver, home, "柞水", "柞水县")  # by name
    else:
        home.click()  # empty: the tree, province → city → county
        for label in ["陕西省", "商洛市", "商洛市 柞水县"]:
            option(driver, label)
        assert home.get_attribute("value") == "商洛市 柞水县"
    pick(driver, driver.find_element(By.NAME, "wishedOccupations"), "厨师", "中式烹调师")
    check_page(driver, "the profile form with a picker open")
    driver.find_element(By.NAME, "consent").click()
    driver.find_element(By.NAME, "sensitiveConsent").click()
    click(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/workers'] button"))
    assert urlparse(driver.current_url).path == job_path, "the profile leads back to the job"
    click(driver, driver.find_element(By.XPATH, "//button[contains(., '申请这个岗位')]"))
    assert "申请已提交" in driver.page_source
    check_page(driver, "the job after applying")
    worker_cookies = driver.get_cookies()

    # The employer sees the application at once (name, no ID number) and invites the worker to an interview.
    driver.delete_all_cookies()
    sign_in(driver, server, "demo-enterprise", server.demo_password)
    driver.get(applicants)
    assert name in driver.page_source
    assert not re.search(r"\d{6}\*+\d", driver.page_source), "no masked ID numbers on the applicants page"
    check_page(driver, "the applicants page")
    row = driver.find_element(By.XPATH, f"//tr[td[contains(., '{name}')]]")
    invite = row.find_element(By.XPATH, ".//form[contains(@action, '/accept')]")
    invite.find_element(By.NAME, "message").send_keys("请周三上午十点来面试")
    click(driver, invite.find_element(By.TAG_NAME, "button"))

    # The worker sees it under 我的申请, with the message.
    driver.delete_all_cookies()
    driver.get(server.base + "/")
    for cookie in worker_cookies:
        driver.add_cookie(cookie)
    driver.get(server.base + "/workers")
    assert "邀请面试" in driver.page_source and "请周三上午十点来面试" in driver.page_source
    check_page(driver, "my applications")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_buyer_finds_tea_orders_and_sees_the_confirmation(browser, server, width):
    driver = browser(width)
    driver.get(server.base + "/")
    box = driver.find_element(By.CSS_SELECTOR, "form[action='/products'] input[name=q]")
    box.send_keys("茶")
    click(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/products'] button"))
    check_page(driver, "the shop after a search")
    cards = {c.find_element(By.CSS_SELECTOR, ".title").text: c for c in driver.find_elements(By.CSS_SELECTOR, "a.card-link")}
    assert "紫阳毛尖" in cards, list(cards)  # found by its brand (紫阳富硒茶) and category (茶叶), not its name
    assert cards["紫阳毛尖"].find_element(By.TAG_NAME, "img").get_attribute("naturalWidth") != "0", "the picture loads"
    click(driver, cards["紫阳毛尖"])
    check_page(driver, "a product")
    assert "示意图" in driver.page_source
    quantity = driver.find_element(By.NAME, "quantity")
    assert int(quantity.get_attribute("max")) > 0
    quantity.clear()
    quantity.send_keys("2")
    click(driver, driver.find_element(By.CSS_SELECTOR, "form.add-to-cart button"))
    assert urlparse(driver.current_url).path == "/cart"
    assert driver.find_element(By.CSS_SELECTOR, ".cart-count").text == "2"
    assert "加入购物车" in driver.find_element(By.CSS_SELECTOR, ".notice").text
    check_page(driver, "the cart")
    form = driver.find_element(By.CSS_SELECTOR, "form.checkout")
    form.find_element(By.NAME, "buyerName").send_keys("浏览器买家")
    form.find_element(By.NAME, "buyerPhone").send_keys("13812345678")
    pick(driver, form.find_element(By.NAME, "buyerRegion"), "玄武", "南京市 玄武区")
    form.find_element(By.NAME, "address").send_keys("玄武大道 1 号")
    click(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert urlparse(driver.current_url).path.startswith("/orders/"), driver.current_url
    text = driver.find_element(By.TAG_NAME, "main").text
    assert "订单已提交" in text and "已下单" in text and "供货方确认订单" in text and "紫阳毛尖" in text, text
    assert "138****5678" in text and "13812345678" not in text
    check_page(driver, "the order's confirmation")
    link = driver.find_element(By.CSS_SELECTOR, ".secret a").get_attribute("href")
    driver.delete_all_cookies()
    driver.get(link)
    assert "紫阳毛尖" in driver.page_source, "the link follows the order without a session"


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
