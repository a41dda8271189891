"""Writes the import fixtures: for each kind the same rows (two good, one bad) as a GB18030 CSV, a UTF-8 CSV, a
workbook made by openpyxl and one saved by LibreOffice (converted from the UTF-8 CSV, ID numbers kept as text).

    pip install openpyxl; apt-get install libreoffice-calc-nogui
    python3 Tests/XiezuoWebTests/Fixtures/make_imports.py

ImportTests reads them; the ID and credit-code numbers match sampleIDNumber and sampleEmployer in XiezuoTestSupport.
"""
import csv, datetime, io, os, shutil, subprocess, tempfile
import openpyxl

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "imports")

def id_number(serial, region="611026", birth="19900101"):
    body = region + birth + "%03d" % (serial % 1000)
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights)) % 11]

def credit_code(body):
    chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    check = 31 - sum(chars.index(c) * w for c, w in zip(body, weights)) % 31
    return body + chars[0 if check == 31 else check]

D = datetime.date
EMPLOYER = credit_code("91611026000000001")
KINDS = {
    "sales": (["日期", "销售渠道", "产品名称", "县（市、区）", "收货地区（区县）", "金额（元）", "数量"], [
        [D(2025, 5, 1), "线下展销", "柞水木耳礼盒", "柞水县", "南京市", 1200.5, 30],
        [D(2025, 6, 2), "直播销售", "柞水黑木耳", "611026", "高淳区", 800, 10],
        [D(2025, 7, 1), "线下展销", "柞水木耳", "柞水县", "南京市", "abc", 1],
    ], []),
    "personnel": (["姓名", "性别", "派出单位", "职务", "专业领域", "交流方向", "级别", "所在地区", "江苏合作方", "起始日", "截止日"], [
        ["王某某", "女", "苏州市教育局", "支教教师", "教育", "江苏→陕西", "专业技术人才", "柞水县", "南京市", D(2025, 2, 20), D(2025, 7, 10)],
        ["李某某", "男", "柞水县人民医院", "医生", "医疗", "陕西→江苏", "专业技术人才", "611026", "", D(2025, 3, 1), D(2025, 8, 31)],
        ["赵某某", "男", "南京市农业农村局", "农技员", "农业", "江苏→陕西", "专业技术人才", "柞水县", "南京市", D(2025, 9, 1), D(2025, 3, 1)],
    ], []),
    "workers": (["姓名", "身份证号码", "手机号码", "户籍乡镇", "脱贫状态", "学历", "技能", "意向工种", "意向地区", "最低月薪（元）", "已签署同意书"], [
        ["张导入", id_number(201), "13912345601", "营盘镇", "脱贫户", "初中", "烹饪、驾驶", "中式烹调师", "南京市、苏州市", 4500, "是"],
        ["李导入", id_number(202), "13912345602", "611026001", "监测对象", "高中/中专", "", "", "", "", "是"],
        ["王导入", id_number(203)[:-1] + ("0" if id_number(203)[-1] != "0" else "1"), "13912345603", "营盘镇", "脱贫户", "初中", "", "", "", "", "是"],
    ], [2]),
    "postings": (["统一社会信用代码", "岗位名称", "职业类别", "工作地点（县区）", "月薪下限（元）", "月薪上限（元）", "计薪方式", "招聘人数", "学历要求",
                  "福利待遇", "截止日期", "岗位说明"], [
        [EMPLOYER, "面点师", "中式面点师", "柞水县", 3000, 4000, "固定月薪", 10, "不限", "包吃、包住", D(2026, 3, 31), "分拣包装黑木耳。"],
        [EMPLOYER, "中式烹调师", "中式烹调师", "柞水县", 4500, 6000, "固定月薪", 2, "初中", "包吃", D(2026, 3, 31), "食堂热菜。"],
        [EMPLOYER, "仓库管理员", "仓储管理员", "柞水县", 5000, 4000, "固定月薪", 1, "高中/中专", "", D(2026, 3, 31), "管理仓库。"],
    ], [1]),
    "enrolments": (["培训项目", "身份证号码", "姓名", "结业日期"], [
        ["中式烹调培训班", id_number(101), "测试务工人员101", D(2025, 12, 20)],
        ["中式烹调培训班", id_number(102), "测试务工人员102", ""],
        ["中式烹调培训班", id_number(199), "未登记的人", ""],
    ], [2]),
    "projects": (["项目编号", "项目名称", "县（市、区）", "江苏结对地区", "年度", "行动领域", "项目类别", "预算（元）", "资金类型", "资金来源",
                  "流水金额（元）", "流水日期", "凭证号"], [
        ["ZS-IMP-001", "柞水木耳产业园提升（导入）", "柞水县", "南京市", 2025, "特色产业提升", "产业发展", 1200000, "承诺", "江苏财政援助资金",
         1200000, D(2025, 3, 10), "记-001"],
        ["ZS-IMP-001", "", "", "", "", "", "", "", "到位", "江苏财政援助资金", 500000, D(2025, 4, 10), "记-002"],
        ["ZS-IMP-001", "", "", "", "", "", "", "", "支出", "江苏财政援助资金", 900000, D(2025, 5, 1), "记-003"],
    ], []),
}

def text(value):
    return value.isoformat() if isinstance(value, D) else str(value)

def main():
    os.makedirs(HERE, exist_ok=True)
    office = shutil.which("soffice") or shutil.which("libreoffice")
    for kind, (header, rows, text_columns) in KINDS.items():
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows([[text(v) for v in row] for row in rows])
        with open(os.path.join(HERE, f"{kind}-gb18030.csv"), "wb") as f:
            f.write(buffer.getvalue().encode("gb18030"))
        with open(os.path.join(HERE, f"{kind}-utf8.csv"), "wb") as f:
            f.write(buffer.getvalue().replace("\r\n", "\n").encode("utf-8"))
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "导入"
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        for column in text_columns:
            for cell in sheet[openpyxl.utils.get_column_letter(column)]:
                cell.number_format = "@"
        book.save(os.path.join(HERE, f"{kind}-openpyxl.xlsx"))
        if office:
            with tempfile.TemporaryDirectory() as work:
                source = os.path.join(work, f"{kind}-libreoffice.csv")
                shutil.copy(os.path.join(HERE, f"{kind}-utf8.csv"), source)
                formats = "/".join(f"{c}/2" for c in text_columns) or "1/1"
                subprocess.run([office, "--headless", "--convert-to", "xlsx", "--infilter=CSV:44,34,76,1," + formats, "--outdir", work, source],
                               check=True, capture_output=True, env={**os.environ, "HOME": work})
                shutil.copy(os.path.join(work, f"{kind}-libreoffice.xlsx"), os.path.join(HERE, f"{kind}-libreoffice.xlsx"))

if __name__ == "__main__":
    main()
