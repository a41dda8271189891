"""The staff side on a phone and a desktop: a county officer's pages fit the window (a wide table scrolls inside its
own box) and log no console error; a project with a 1,000-character description is saved through the browser, and a
commitment and a disbursement move the dashboard, and reversing the disbursement (红字冲销) moves it back."""
import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from test_journeys import check_page, click, sign_in

PAGES = ["/dashboard", "/projects", "/projects/new", "/agreements", "/manage/jobs", "/manage/jobs/new", "/employers", "/workers",
         "/manage/industry", "/manage/labor", "/manage/consumption", "/admin/audit", "/account", "/regions/611026"]


def create_project(driver, server, code, description):
    """Fills in and sends the new-project form; the browser ends on the project's page."""
    driver.get(server.base + "/projects/new")
    driver.find_element(By.NAME, "code").send_keys(code)
    driver.find_element(By.NAME, "name").send_keys("浏览器测试冷链项目")
    year = driver.find_element(By.NAME, "year")
    year.clear()
    year.send_keys("2025")
    driver.find_element(By.NAME, "category").send_keys("冷链物流")
    driver.find_element(By.NAME, "budgetWan").send_keys("120")
    for name, value in [("plannedStart", "2025-03-01"), ("plannedEnd", "2025-11-30")]:
        driver.execute_script("arguments[0].value = arguments[1]", driver.find_element(By.NAME, name), value)
    driver.execute_script("arguments[0].value = arguments[1]", driver.find_element(By.NAME, "description"), description)
    click(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/projects'] button[type=submit]"))
    assert re.search(r"/projects/[0-9A-F-]{36}$", driver.current_url), driver.current_url


@pytest.mark.parametrize("width", [390, 1366])
def test_an_officer_s_pages_fit_and_a_long_project_is_saved(browser, server, width):
    driver = browser(width)
    sign_in(driver, server, "zhashui-officer", server.demo_password)
    driver.get_log("browser")
    for page in PAGES:
        driver.get(server.base + page)
        assert driver.find_elements(By.TAG_NAME, "main"), page
        check_page(driver, f"{page} ({width} px)")

    # A project whose description is 1,000 characters: a body of about 10 KB, saved, with a message.
    description = "柞水木耳产业园配套冷链仓储建设，" * 63
    create_project(driver, server, f"ZS-BROWSER-{width}", description)
    assert "已保存" in driver.find_element(By.CSS_SELECTOR, ".flash").text
    assert description[:200] in driver.page_source
    check_page(driver, "the new project")


def aid_disbursed(driver, server):
    """The county's 财政援助资金（到位） actual on its dashboard for 2025, in 万元."""
    driver.get(server.base + "/dashboard?region=611026&year=2025")
    row = driver.find_element(By.XPATH, "//table[contains(@class, 'indicators')]//tr[td[1][contains(., '财政援助资金（到位）')]]")
    text = row.find_elements(By.TAG_NAME, "td")[2].text
    return 0.0 if text.strip() == "—" else float(text.split()[0].replace(",", ""))


def test_an_officer_records_a_commitment_and_a_disbursement_and_the_dashboard_moves(browser, server):
    driver = browser(1366)
    sign_in(driver, server, "zhashui-officer", server.demo_password)
    before = aid_disbursed(driver, server)
    create_project(driver, server, "ZS-DASHBOARD-1", "浏览器测试：承诺与到位资金")
    project = driver.current_url
    # Approve it (立项) when it is still in the reserve, then a commitment and a disbursement of 20,000 元.
    approve = driver.find_elements(By.XPATH, "//form[contains(@action, '/status')][input[@value='approved']]//button")
    if approve:
        click(driver, approve[0])
    for kind in ["commitment", "disbursement"]:
        form = driver.find_element(By.CSS_SELECTOR, "form[action$='/flows']")
        Select(form.find_element(By.NAME, "type")).select_by_value(kind)
        Select(form.find_element(By.NAME, "source")).select_by_value("jiangsu_aid")
        form.find_element(By.NAME, "amountYuan").send_keys("20000")
        driver.execute_script("arguments[0].value = '2025-06-01'", form.find_element(By.NAME, "date"))
        click(driver, form.find_element(By.TAG_NAME, "button"))
        assert "已记录" in driver.find_element(By.CSS_SELECTOR, ".flash").text, driver.page_source[:2000]
    assert abs(aid_disbursed(driver, server) - before - 2.0) < 0.001, "the disbursement of 2 万元 moved the dashboard at once"

    # The disbursement was a mistake: reversed with a reason, after the browser's question; the figure moves back.
    driver.get(project)
    row = driver.find_element(By.XPATH, "//table[contains(@class, 'flows')]//tr[td[2][.='到位']]")
    details = row.find_element(By.CSS_SELECTOR, "details.reverse")
    details.find_element(By.TAG_NAME, "summary").click()
    details.find_element(By.NAME, "reason").send_keys("到位款录重了")
    details.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    question = WebDriverWait(driver, 5).until(lambda d: d.switch_to.alert)
    assert "确认冲销" in question.text and "20,000.00" in question.text, question.text
    question.accept()
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".flash"))
    assert "已冲销到位 20,000.00 元" in driver.find_element(By.CSS_SELECTOR, ".flash").text
    assert "到位款录重了" in driver.page_source and "已冲销" in driver.page_source
    assert abs(aid_disbursed(driver, server) - before) < 0.001, "the reversal moved the dashboard back"
