"""Staff journeys in the browser: a county officer adds a product picture and imports 40 sales rows from a CSV file
(a dry run first), then reads one of them in the audit log; an admin resets a user's password and disables another,
each only after confirming."""
import os
import re
import tempfile
import time
from urllib.parse import urlparse

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from test_journeys import check_page, click, sign_in, totp

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")


@pytest.mark.parametrize("width", [390, 1366])
def test_an_officer_adds_a_picture_and_imports_sales(browser, server, width):
    driver = browser(width)
    sign_in(driver, server, "zhashui-officer", server.demo_password)
    driver.get(server.base + "/manage/consumption")
    check_page(driver, "the consumption page")
    picture = os.path.abspath(os.path.join(ROOT, "Sources", "XiezuoStore", "Resources", "DemoPictures", "3-1.png"))
    form = driver.find_elements(By.CSS_SELECTOR, "form[action$='/image']")[0]
    form.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(picture)
    click(driver, form.find_element(By.TAG_NAME, "button"))
    assert urlparse(driver.current_url).path == "/manage/consumption"
    assert "已保存" in driver.find_element(By.CSS_SELECTOR, ".flash").text

    # 40 rows (about 2.3 KB): a dry run writes nothing, then the import.
    lines = ["date,channel,product_id,product_name,county_code,buyer_region,amount_yuan,quantity"]
    for n in range(40):
        lines.append(f"2025-0{1 + n % 9}-1{n % 10},fair,,柞水木耳（浏览器{width}-{n}）,611026,3201,{100 + n}.50,{1 + n % 5}")
    path = os.path.join(tempfile.mkdtemp(), f"sales-{width}.csv")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    importer = driver.find_element(By.CSS_SELECTOR, "form[action='/manage/consumption/import']")
    importer.find_element(By.NAME, "file").send_keys(path)
    dry = importer.find_element(By.NAME, "dryRun")
    if not dry.is_selected():
        dry.click()
    click(driver, importer.find_element(By.TAG_NAME, "button"))
    assert "试运行通过：40 行" in driver.page_source
    importer = driver.find_element(By.CSS_SELECTOR, "form[action='/manage/consumption/import']")
    importer.find_element(By.NAME, "file").send_keys(path)
    dry = importer.find_element(By.NAME, "dryRun")
    if dry.is_selected():
        dry.click()
    click(driver, importer.find_element(By.TAG_NAME, "button"))
    assert "已导入 40 行" in driver.page_source
    check_page(driver, "the import's answer")

    # The import in the audit log, in words: one entry for the whole file.
    driver.get(server.base + "/admin/audit?entity=sale")
    check_page(driver, "the audit log")
    assert driver.find_elements(By.XPATH, "//tr[td[contains(., '导入 40 行')]]"), "the import's entry"
    # A sale recorded by hand reads in 元, its fields in words.
    driver.get(server.base + "/manage/consumption/sales/new")
    check_page(driver, "the sales form")


def test_an_admin_resets_a_password_and_disables_a_user_after_confirming(browser, server):
    driver = browser(1366)
    sign_in(driver, server, "admin", server.admin_password)
    if urlparse(driver.current_url).path == "/login/second-factor/setup":
        secret = driver.find_element(By.CSS_SELECTOR, ".secret-key").text.replace(" ", "")
        driver.find_element(By.NAME, "code").send_keys(totp(secret))
        click(driver, driver.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
        click(driver, driver.find_element(By.LINK_TEXT, "已保存，继续"))
    driver.get(server.base + "/admin/users?q=fuping-officer")
    click(driver, driver.find_element(By.LINK_TEXT, "修改"))
    check_page(driver, "editing an account")
    # Refusing the question changes nothing; accepting it shows the new password once.
    driver.find_element(By.CSS_SELECTOR, "form[action$='/password'] button").click()
    WebDriverWait(driver, 10).until(lambda d: d.switch_to.alert).dismiss()
    time.sleep(0.5)
    assert not driver.find_elements(By.CSS_SELECTOR, ".secret code")
    page = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, "form[action$='/password'] button").click()
    WebDriverWait(driver, 10).until(lambda d: d.switch_to.alert).accept()
    WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".secret code"))
    password = driver.find_element(By.CSS_SELECTOR, ".secret code").text
    assert re.fullmatch(r"[A-Za-z0-9]{16}", password)

    driver.get(server.base + "/admin/users?q=shangluo-officer")
    driver.find_element(By.CSS_SELECTOR, "form[action$='/disable'] button").click()
    WebDriverWait(driver, 10).until(lambda d: d.switch_to.alert).accept()
    WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".flash"))
    assert "已停用" in driver.find_element(By.CSS_SELECTOR, ".flash").text
    check_page(driver, "the users after disabling one")

    # The new password works, the old one does not; the disabled account cannot sign in.
    driver.delete_all_cookies()
    sign_in(driver, server, "fuping-officer", password)
    assert urlparse(driver.current_url).path != "/login", "the new password signs in"
    driver.delete_all_cookies()
    sign_in(driver, server, "shangluo-officer", server.demo_password)
    assert urlparse(driver.current_url).path == "/login"
