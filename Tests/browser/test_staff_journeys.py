"""Staff journeys in the browser: a supplier adds a product picture; a county officer imports 40 sales rows from a CSV
file Excel saved in GB18030 (checked first), reads the import in the audit log and downloads the ledger as a workbook; a product passes certification county → city →
province and is listed; an admin resets a user's password and disables another, each only after confirming."""
import datetime
import os
import re
import tempfile
import time
from urllib.parse import urlparse

import openpyxl
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from selenium.webdriver.support.ui import Select

from test_journeys import check_page, click, sign_in, sign_in_staff

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")


@pytest.mark.parametrize("width", [390, 1366])
def test_a_supplier_adds_a_picture_and_an_officer_imports_sales(browser, server, width):
    driver = browser(width)
    # The demo supplier account (紫阳富硒茶's cooperative) sees its own products and adds a picture to one.
    sign_in(driver, server, "demo-supplier", server.demo_password)
    driver.get(server.base + "/manage/consumption")
    check_page(driver, "the supplier's consumption page")
    assert "紫阳" in driver.page_source and "柞水" not in driver.page_source, "only its own products"
    picture = os.path.abspath(os.path.join(ROOT, "Sources", "XiezuoStore", "Resources", "DemoPictures", "3-1.png"))
    form = driver.find_elements(By.CSS_SELECTOR, "form[action$='/image']")[0]
    product = form.get_attribute("action").split("/")[-2]
    form.find_element(By.CSS_SELECTOR, "input[type=file][name=image]").send_keys(picture)
    # The browser makes the thumbnail (static/thumbnail.js) and sends it with the picture.
    WebDriverWait(driver, 10).until(lambda d: d.execute_script(
        "return arguments[0].querySelector('input[name=thumbnail]').files.length", form) == 1)
    click(driver, form.find_element(By.TAG_NAME, "button"))
    assert urlparse(driver.current_url).path == "/manage/consumption"
    assert "已保存" in driver.find_element(By.CSS_SELECTOR, ".flash").text
    # Lists get the thumbnail (WebP, at most 640 px a side); the product's page the picture as uploaded.
    driver.get(server.base + f"/products/{product}")
    source = driver.find_elements(By.CSS_SELECTOR, "figure.pictures img")[-1].get_attribute("src")
    kinds = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        Promise.all([fetch(arguments[0] + '?size=thumb'), fetch(arguments[0])])
          .then(answers => done(answers.map(a => a.headers.get('content-type'))));""", source)
    assert kinds == ["image/webp", "image/png"], kinds

    driver.delete_all_cookies()
    sign_in(driver, server, "zhashui-officer", server.demo_password)
    driver.get(server.base + "/manage/consumption")
    check_page(driver, "the officer's consumption page")

    # 40 rows (about 2.3 KB) as Excel on a Chinese Windows saves CSV (GB18030), places and channels by name: the import
    # page (linked from the register) checks them first and writes nothing, then imports the file without choosing it
    # again.
    lines = ["日期,销售渠道,产品名称,县（市、区）,收货地区（区县）,金额（元）,数量"]
    for n in range(40):
        lines.append(f"2025-0{1 + n % 9}-1{n % 10},线下展销,柞水木耳（浏览器{width}-{n}）,柞水县,南京市,{100 + n}.50,{1 + n % 5}")
    path = os.path.join(tempfile.mkdtemp(), f"sales-{width}.csv")
    with open(path, "w", encoding="gb18030", newline="") as f:
        f.write("\r\n".join(lines) + "\r\n")
    click(driver, driver.find_element(By.CSS_SELECTOR, ".exports a.import"))
    assert urlparse(driver.current_url).path == "/imports/sales"
    check_page(driver, "the sales import page")
    form = driver.find_element(By.CSS_SELECTOR, "form.import-form")
    form.find_element(By.NAME, "file").send_keys(path)
    click(driver, form.find_element(By.CSS_SELECTOR, "button[value=check]"))
    assert "检查通过" in driver.page_source and "新增 40 条" in driver.page_source, driver.page_source[:2000]
    check_page(driver, "the import's check")
    click(driver, driver.find_element(By.XPATH, "//button[contains(., '确认导入')]"))
    assert f"已导入“sales-{width}.csv”" in driver.page_source
    check_page(driver, "the import's answer")

    # The import in the audit log, in words: one entry for the whole file.
    driver.get(server.base + "/admin/audit?entity=sale")
    check_page(driver, "the audit log")
    assert driver.find_elements(By.XPATH, f"//tr[td[contains(., '导入“sales-{width}.csv”：新增 40')]]"), "the import's entry"

    # The year's ledger downloaded as a workbook from the page's 导出 Excel link: the imported rows with their amounts
    # as numbers in 元 and their dates as dates.
    driver.get(server.base + "/manage/consumption?year=2025")
    link = driver.find_element(By.XPATH, "//p[@class='exports']/a[contains(@href, '/api/v1/sales?')]")
    assert "format=xlsx" in link.get_attribute("href") and "year=2025" in link.get_attribute("href")
    link.click()  # a download: the page stays
    WebDriverWait(driver, 30).until(lambda d: any(name.endswith(".xlsx") for name in os.listdir(d.download_dir)))
    workbook = openpyxl.load_workbook(os.path.join(driver.download_dir, next(n for n in os.listdir(driver.download_dir) if n.endswith(".xlsx"))))
    assert workbook.sheetnames[:2] == ["销售台账", "说明"], workbook.sheetnames
    sheet = workbook["销售台账"]
    header = [cell.value for cell in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[header.index("产品名称")].value == f"柞水木耳（浏览器{width}-1）")
    amount = row[header.index("金额（元）")]
    assert amount.value == 101.5 and amount.number_format == "#,##0.00", (amount.value, amount.number_format)
    assert row[header.index("日期")].value == datetime.datetime(2025, 2, 11)
    assert sheet.freeze_panes == "A2"

    # A sale recorded by hand reads in 元, its fields in words.
    driver.get(server.base + "/manage/consumption/sales/new")
    check_page(driver, "the sales form")


def decide(driver, server, name, label, width):
    """On the certification queue, takes the step labelled `label` for the product called `name`."""
    driver.get(server.base + "/manage/consumption")
    check_page(driver, f"the certification queue ({label}, {width} px)")
    row = driver.find_element(By.XPATH, f"//tr[td[1][contains(., '{name}')]][.//form[contains(@action, '/approve')]]")
    button = row.find_element(By.XPATH, ".//form[contains(@action, '/approve')]//button")
    assert button.text == label, button.text
    click(driver, button)
    assert "已保存" in driver.find_element(By.CSS_SELECTOR, ".flash").text


@pytest.mark.parametrize("width", [390, 1366])
def test_a_product_is_certified_county_city_province_and_listed(browser, server, width):
    driver = browser(width)
    name = f"浏览器认证木耳{width}"
    # The county's officer enters a cooperative's product and recognises it (县级认定).
    sign_in(driver, server, "zhashui-officer", server.demo_password)
    driver.get(server.base + "/manage/consumption/products/new")
    check_page(driver, "the product form")
    form = driver.find_element(By.CSS_SELECTOR, "form[action='/manage/consumption/products']")
    Select(form.find_element(By.NAME, "supplierId")).select_by_index(0)
    form.find_element(By.NAME, "name").send_keys(name)
    Select(form.find_element(By.NAME, "category")).select_by_value("edible_fungi")
    form.find_element(By.NAME, "specification").send_keys("250克/袋")
    form.find_element(By.NAME, "unit").send_keys("袋")
    form.find_element(By.NAME, "price").send_keys("39.90")
    form.find_element(By.NAME, "stock").send_keys("20")
    click(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert urlparse(driver.current_url).path.startswith("/products/"), driver.page_source[:2000]
    assert "已申报" in driver.page_source
    decide(driver, server, name, "县级认定", width)
    driver.get(server.base + f"/products?q={name}")
    listed = f"//main//a[contains(@href, '/products/')][contains(., '{name}')]"
    assert not driver.find_elements(By.XPATH, listed), "not listed before the province publishes it"

    # The city reviews it (市级审核通过).
    driver.delete_all_cookies()
    sign_in(driver, server, "shangluo-officer", server.demo_password)
    decide(driver, server, name, "市级审核通过", width)

    # The province re-checks (省级复核通过) and publishes it (发布目录); then anyone finds it in the shop.
    driver.delete_all_cookies()
    sign_in_staff(driver, server, "admin", server.admin_password)
    decide(driver, server, name, "省级复核通过", width)
    decide(driver, server, name, "发布目录", width)
    driver.delete_all_cookies()
    driver.get(server.base + f"/products?q={name}")
    assert driver.find_elements(By.XPATH, listed), "listed once published"
    check_page(driver, "the shop with the new product")


def test_an_admin_resets_a_password_and_disables_a_user_after_confirming(browser, server):
    driver = browser(1366)
    sign_in_staff(driver, server, "admin", server.admin_password)
    driver.get(server.base + "/admin/users?q=fuping-officer")
    click(driver, driver.find_element(By.LINK_TEXT, "修改"))
    check_page(driver, "editing an account")

    # The admin pages on a phone (the same session): nothing scrolls sideways.
    phone = browser(390)
    phone.get(server.base + "/login")
    for cookie in driver.get_cookies():
        phone.add_cookie({key: cookie[key] for key in ("name", "value", "path") if key in cookie})
    for page in ["/admin/users", "/admin/audit", "/admin/tokens", urlparse(driver.current_url).path, "/pairings", "/agreements"]:
        phone.get(server.base + page)
        assert urlparse(phone.current_url).path == page, phone.current_url
        check_page(phone, f"{page} (390 px)")
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
