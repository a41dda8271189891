"""Every page of the public side, as a visitor opens it: at a 360 px phone in Chinese and in English, and at 1366 px,
none scrolls sideways and none logs a console error (a missing favicon or picture included)."""
from urllib.parse import quote, urlparse

import pytest
from selenium.webdriver.common.by import By

from test_journeys import check_page


def first_link(driver, server, page, selector):
    driver.get(server.base + page)
    links = driver.find_elements(By.CSS_SELECTOR, selector)
    assert links, f"{page} has no {selector}"
    return urlparse(links[0].get_attribute("href")).path


@pytest.mark.parametrize("width,language", [(360, "zh"), (360, "en"), (1366, "zh")])
def test_every_public_page_fits_and_logs_no_error(browser, server, width, language):
    driver = browser(width, language)
    pages = ["/", "/jobs", "/jobs?q=" + quote("厨师"), "/jobs?q=" + quote("厨师") + "&region=" + quote("南京") + "&wage=6000",
             "/products", "/products?q=" + quote("茶"), "/industries", "/industries?region=6110", "/brands", "/brands?page=2",
             "/training", "/gigs", "/workshops", "/regions", "/regions/61", "/regions/611026", "/pairings", "/login", "/register",
             "/cart"]
    pages += [first_link(driver, server, "/jobs", "a.card-link"), first_link(driver, server, "/products", "a.card-link"),
              first_link(driver, server, "/brands", "table a[href^='/brands/']"),
              first_link(driver, server, "/industries", "a[href^='/industries/']")]
    driver.get_log("browser")
    for page in pages:
        driver.get(server.base + page)
        assert driver.find_elements(By.TAG_NAME, "main"), f"{page} rendered no page"
        check_page(driver, f"{page} ({language}, {width} px)")
    # The cart with something in it, and a refused quantity answered on the product page.
    product = first_link(driver, server, "/products", "a.card-link")
    driver.get(server.base + product)
    quantity = driver.find_element(By.NAME, "quantity")
    quantity.clear()
    quantity.send_keys("1")
    driver.find_element(By.CSS_SELECTOR, "form.add-to-cart button").click()
    driver.get(server.base + "/cart")
    check_page(driver, f"the cart with a line ({language}, {width} px)")
