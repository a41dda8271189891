"""Starts `xiezuo serve` on a fresh SQLite file with the demo data (the binary from XIEZUO_BIN, default the debug
build), reads the URL and the demo password from its banner, and gives the tests headless Chromium drivers."""
import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service


class Server:
    def __init__(self, base, admin_password, demo_password):
        self.base = base
        self.admin_password = admin_password
        self.demo_password = demo_password
        # The second-factor secrets the journeys enrolled, by user name, so a later journey can sign in again.
        self.secrets = {}
        # The last time step each of them answered with (a step is accepted once).
        self.steps = {}


@pytest.fixture(scope="session")
def server():
    binary = os.environ.get("XIEZUO_BIN", os.path.join(os.path.dirname(__file__), "..", "..", ".build", "debug", "xiezuo"))
    directory = tempfile.mkdtemp(prefix="xiezuo-browser-")
    log = open(os.path.join(directory, "server.log"), "w+")
    environment = dict(os.environ, XIEZUO_DATABASE_URL=os.path.join(directory, "xiezuo.sqlite"), XIEZUO_PORT="0",
                       XIEZUO_LANG="zh-Hans", XIEZUO_BCRYPT_COST="8")
    process = subprocess.Popen([binary, "serve"], stdout=log, stderr=subprocess.STDOUT, env=environment, cwd=directory)
    try:
        deadline = time.time() + 300
        text = ""
        while time.time() < deadline:
            log.seek(0)
            text = log.read()
            if "/login" in text and "演示账号" in text:
                break
            if process.poll() is not None:
                raise RuntimeError("the server stopped:\n" + text)
            time.sleep(0.5)
        base = re.search(r"(http://127\.0\.0\.1:\d+)", text).group(1)
        admin = re.search(r"用户名：admin\s+密码：(\S+)", text).group(1)
        demo = re.search(r"演示账号（密码均为 (\S+)）", text).group(1)
        urllib.request.urlopen(base + "/health", timeout=10).read()
        yield Server(base, admin, demo)
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def browser(request):
    drivers = []

    def make(width, language="zh"):
        options = webdriver.ChromeOptions()
        for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", f"--window-size={max(width, 500)},900"]:
            options.add_argument(argument)
        if width < 500:
            # Headless Chromium keeps a window at least 500 px wide; a phone's viewport needs device emulation.
            options.add_experimental_option("mobileEmulation", {
                "deviceMetrics": {"width": width, "height": 800, "pixelRatio": 2.0},
                "userAgent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"})
        options.add_experimental_option("prefs", {"intl.accept_languages": "en-US,en" if language == "en" else "zh-CN,zh"})
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        driver_path = shutil.which("chromedriver")
        driver = webdriver.Chrome(options=options, service=Service(driver_path) if driver_path else None)
        driver.set_page_load_timeout(60)
        # Downloads (the Excel exports) go to a folder of the driver's own.
        driver.download_dir = tempfile.mkdtemp(prefix="xiezuo-downloads-")
        driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": driver.download_dir})
        # The width the page must fit: under emulation a phone zooms out to show a wider page, so the window's own
        # width reads wider too; the device's width is the measure.
        driver.intended_width = width
        drivers.append(driver)
        return driver

    yield make
    for index, driver in enumerate(drivers):
        # The last screen of every journey, for whoever reads a failure (kept beside the server's log).
        try:
            driver.save_screenshot(os.path.join(tempfile.gettempdir(), f"xiezuo-browser-last-{request.node.name}-{index}.png"))
        except Exception:
            pass
        driver.quit()
