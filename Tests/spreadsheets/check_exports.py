"""Opens every workbook the export tests wrote (XIEZUO_EXPORT_DIR) with openpyxl and checks what a person relies on:
a data sheet with a frozen header, a 说明 sheet, money columns holding numbers in 元 with two decimals, date columns
holding dates. Then converts one (the sales ledger) to CSV with LibreOffice headless and compares every value with
openpyxl's reading.

    python3 Tests/spreadsheets/check_exports.py DIR
"""
import csv, datetime, os, shutil, subprocess, sys, tempfile

import openpyxl


def check(path):
    book = openpyxl.load_workbook(path)
    name = os.path.basename(path)
    assert len(book.sheetnames) >= 2 and "说明" in book.sheetnames, (name, book.sheetnames)
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    assert header and all(isinstance(h, str) and h for h in header), (name, header)
    custom = name.startswith(("dashboard", "reports_annual"))
    if not custom:
        assert sheet.freeze_panes == "A2", (name, sheet.freeze_panes)
    for index, title in enumerate(header):
        for row in sheet.iter_rows(min_row=2, min_col=index + 1, max_col=index + 1):
            cell = row[0]
            if cell.value is None:
                continue
            if title.endswith("（元）"):
                assert isinstance(cell.value, (int, float)) and cell.number_format == "#,##0.00", (name, title, cell.value, cell.number_format)
            if title in ("日期", "起始日", "截止日", "截止日期"):
                assert isinstance(cell.value, datetime.datetime), (name, title, cell.value)
    notes = {row[0].value: row[1].value for row in book["说明"].iter_rows(min_row=2) if row[0].value}
    assert "导出人" in notes and "导出时间" in notes, (name, notes)
    return sheet.max_row - 1


def libreoffice_matches(path):
    office = shutil.which("soffice") or shutil.which("libreoffice")
    assert office, "LibreOffice (libreoffice-calc-nogui) is not installed"
    work = tempfile.mkdtemp()
    source = os.path.join(work, "export.xlsx")
    shutil.copy(path, source)
    subprocess.run([office, "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false", "--outdir", work, source],
                   check=True, capture_output=True, env={**os.environ, "HOME": work})
    with open(os.path.join(work, "export.csv"), encoding="utf-8") as f:
        converted = list(csv.reader(f))
    sheet = openpyxl.load_workbook(path).worksheets[0]
    expected = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert len(converted) == len(expected), (len(converted), len(expected))
    for line, (theirs, ours) in enumerate(zip(converted, expected), start=1):
        for text, value in zip(theirs, ours):
            if value is None:
                assert text == "", (line, text)
            elif isinstance(value, datetime.datetime):
                assert text.startswith(value.date().isoformat()), (line, text, value)
            elif isinstance(value, (int, float)):
                assert abs(float(text) - value) < 1e-9, (line, text, value)
            else:
                assert text == str(value), (line, text, value)
    shutil.rmtree(work, ignore_errors=True)
    return len(expected) - 1


def main(directory):
    files = sorted(f for f in os.listdir(directory) if f.endswith(".xlsx"))
    assert len(files) >= 35, f"only {len(files)} exports in {directory}"
    for name in files:
        rows = check(os.path.join(directory, name))
        print(f"openpyxl: {name}: {rows} rows")
    rows = libreoffice_matches(os.path.join(directory, "sales.xlsx"))
    print(f"LibreOffice: sales.xlsx converted to CSV, {rows} rows equal to openpyxl's reading")


if __name__ == "__main__":
    main(sys.argv[1])
