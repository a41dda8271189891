"""The yearly cycle in the browser: 柞水县's 2025 goes county → city → province and is locked (a flow dated in it is
refused beside its date), then a provincial reopening unlocks it; the province's annual report prints to PDF with the
four-action share in it."""
import base64
import os
import subprocess
import tempfile
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from test_journeys import check_page, click, sign_in, sign_in_staff

PAGE = "/periods/2025/611026"


def step(driver, server, action, text=None, confirm=False):
    """Takes the step `action` on 柞水县's 2025 from its page (with a reason or comment when given) and returns the flash."""
    driver.get(server.base + PAGE)
    check_page(driver, f"柞水县 2025 before {action}")
    form = driver.find_element(By.CSS_SELECTOR, f"form[action='{PAGE}/{action}']")
    if text is not None:
        form.find_element(By.NAME, "text").send_keys(text)
    if confirm:
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        WebDriverWait(driver, 10).until(lambda d: d.switch_to.alert).accept()
        WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".flash"))
    else:
        click(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    return driver.find_element(By.CSS_SELECTOR, ".flash").text


def test_a_county_s_year_goes_to_the_province_is_locked_and_reopened(browser, server):
    # One browser a level, each signed in once (sign-ins from one address are throttled).
    county, city, province = browser(1366), browser(1366), browser(1366)
    sign_in(county, server, "zhashui-officer", server.demo_password)
    sign_in(city, server, "shangluo-officer", server.demo_password)
    sign_in_staff(province, server, "admin", server.admin_password)

    # The county submits from its queue; a snapshot is frozen.
    county.get(server.base + "/periods?year=2025&queue=1")
    check_page(county, "the county's queue")
    click(county, county.find_element(By.LINK_TEXT, "柞水县"))
    assert "已提交柞水县" in step(county, server, "submit", confirm=True)
    assert "提交时" in county.page_source

    # The city's pages fit a phone; it returns the year once for a reason, then approves the resubmission.
    phone = browser(390)
    phone.get(server.base + "/login")
    for cookie in city.get_cookies():
        phone.add_cookie({key: cookie[key] for key in ("name", "value", "path") if key in cookie})
    for page in ["/periods?year=2025", PAGE, "/periods/grades?year=2025", "/reports/annual?year=2025&region=6110", "/manage/cooperation?year=2025"]:
        phone.get(server.base + page)
        check_page(phone, f"{page} (390 px)")
    assert "已将柞水县" in step(city, server, "return", text="培训台账缺两期，请补齐后再提交")
    county.get(server.base + PAGE)
    assert "培训台账缺两期" in county.page_source
    step(county, server, "submit", confirm=True)
    assert "已审核通过柞水县" in step(city, server, "approve")

    # The province approves: the year is locked.
    assert "已审核通过柞水县" in step(province, server, "approve")
    assert "已经省级审定并锁定" in province.page_source

    # A flow dated in the locked year is refused beside its date, nothing recorded.
    county.get(server.base + "/projects?region=611026&year=2025&status=in_progress")
    click(county, county.find_element(By.CSS_SELECTOR, "table a[href^='/projects/']"))
    form = county.find_element(By.CSS_SELECTOR, "form[action$='/flows']")
    Select(form.find_element(By.NAME, "type")).select_by_value("commitment")
    form.find_element(By.NAME, "amountYuan").send_keys("100")
    county.execute_script("arguments[0].value = '2025-06-01'", form.find_element(By.NAME, "date"))
    click(county, form.find_element(By.TAG_NAME, "button"))
    error = county.find_element(By.XPATH, "//form[contains(@action, '/flows')]//*[contains(@class, 'field-error')]").text
    assert "柞水县" in error and "2025" in error and "锁定" in error, error
    # The refusal is a 400, which the console reports: only the width is checked here, and the log is read off.
    assert county.execute_script("return document.documentElement.scrollWidth") <= county.execute_script("return window.innerWidth")
    county.get_log("browser")

    # The province reopens it with a reason; the county's year is drafting again.
    assert "已重新开放柞水县" in step(province, server, "reopen", text="审计发现一笔拨付重复，需更正", confirm=True)
    assert "填报中" in province.find_element(By.CSS_SELECTOR, "h1").text
    assert "审计发现一笔拨付重复" in province.page_source

    # The province's annual report printed to PDF reads back with the four-action share in it.
    province.get(server.base + "/reports/annual?year=2025&region=61")
    check_page(province, "the province's annual report")
    pdf = base64.b64decode(province.print_page())
    path = os.path.join(tempfile.mkdtemp(prefix="xiezuo-report-"), "report.pdf")
    with open(path, "wb") as file:
        file.write(pdf)
    text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True, check=True).stdout
    assert "陕西省 2025 年度" in text, text[:2000]
    assert "四项行动资金占比" in text, text[:4000]
    assert "一县一特色" in text and "劳务协作" in text
