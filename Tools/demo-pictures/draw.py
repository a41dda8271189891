#!/usr/bin/env python3
"""Draws the demo products' pictures: a simple illustration per brand, the product's name and specification, and a
clear "示意图" (illustrative) label, as SVG rendered to PNG with rsvg-convert (Debian: librsvg2-bin, and a CJK font such
as fonts-droid-fallback). The PNGs are committed in Sources/XiezuoStore/Resources/DemoPictures, so neither is needed to
build or run; run this again only to change the pictures:  python3 Tools/demo-pictures/draw.py"""
import os
import subprocess
import tempfile

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Sources", "XiezuoStore", "Resources", "DemoPictures")

# Brand index, product offset, name, specification: the order of DemoConsumption.brands and .items.
PRODUCTS = [
    (0, 0, "紫阳富硒绿茶", "250克/罐"), (0, 1, "紫阳毛尖", "100克/盒"),
    (1, 0, "周至徐香猕猴桃", "5斤/箱"), (1, 1, "周至翠香猕猴桃", "3斤/箱"),
    (2, 0, "横山羊肉（带骨）", "2.5公斤/袋"), (2, 1, "横山羊排", "1公斤/袋"),
    (3, 0, "柞水黑木耳", "250克/袋"), (3, 1, "柞水木耳礼盒", "500克/盒"),
    (4, 0, "富平吊柿饼", "1公斤/盒"), (4, 1, "富平柿饼礼盒", "1.5公斤/盒"),
    (5, 0, "米脂黄小米", "2.5公斤/袋"), (5, 1, "米脂小米礼盒", "5公斤/盒"),
    (6, 0, "丹凤丹参片", "500克/袋"), (6, 1, "丹凤连翘茶", "200克/罐"),
]

BACKGROUNDS = ["#e8f3e1", "#eef6dc", "#f8ebe6", "#ece8e4", "#fcebd9", "#fbf3d5", "#efe8f3"]


def art(brand):
    """The illustration of a brand's products, drawn in a 480×230 area."""
    if brand == 0:  # tea: a cup and leaves
        return ('<ellipse cx="240" cy="190" rx="110" ry="14" fill="#b9cfa9"/>'
                '<path d="M160 110 h160 v40 a80 60 0 0 1 -160 0 z" fill="#ffffff" stroke="#6b8f4e" stroke-width="4"/>'
                '<ellipse cx="240" cy="110" rx="80" ry="14" fill="#a9c77f" stroke="#6b8f4e" stroke-width="4"/>'
                '<path d="M320 120 a22 22 0 0 1 0 40" fill="none" stroke="#6b8f4e" stroke-width="6"/>'
                '<path d="M120 70 q30 -50 70 -20 q-30 40 -70 20 z" fill="#5f9e3a"/>'
                '<path d="M330 60 q40 -40 70 0 q-35 30 -70 0 z" fill="#7db350"/>')
    if brand == 1:  # kiwi fruit: two halves
        return ''.join(
            f'<g transform="translate({x} 130)"><ellipse rx="72" ry="62" fill="#8a6a3b"/><ellipse rx="64" ry="54" fill="#9ccc4a"/>'
            '<ellipse rx="22" ry="18" fill="#f3f1d0"/>'
            + ''.join(f'<circle cx="{int(34 * c)}" cy="{int(28 * s)}" r="3" fill="#2b2b1f"/>'
                      for c, s in [(1, 0), (.7, .7), (0, 1), (-.7, .7), (-1, 0), (-.7, -.7), (0, -1), (.7, -.7)]) + '</g>'
            for x in (170, 310))
    if brand == 2:  # mutton: a plate with meat
        return ('<ellipse cx="240" cy="140" rx="160" ry="70" fill="#ffffff" stroke="#c9b7a7" stroke-width="4"/>'
                '<path d="M160 130 q40 -50 110 -30 q60 20 50 50 q-40 40 -110 20 q-60 -10 -50 -40 z" fill="#c0504d"/>'
                '<path d="M190 130 q40 -20 90 0" stroke="#f3d9c9" stroke-width="8" fill="none"/>'
                '<rect x="300" y="100" width="70" height="14" rx="7" fill="#f1e6d8" transform="rotate(-20 335 107)"/>')
    if brand == 3:  # wood-ear fungus: dark ruffled shapes
        return ''.join(f'<path transform="translate({x} {y})" d="M-50 0 q-10 -45 40 -50 q50 -5 60 35 q10 40 -40 45 q-50 10 -60 -30 z" '
                       f'fill="#3a2f2f" stroke="#5a4a48" stroke-width="4"/>' for x, y in [(170, 120), (300, 110), (240, 170)])
    if brand == 4:  # dried persimmons: orange discs with a frost
        return ''.join(f'<g transform="translate({x} {y})"><circle r="48" fill="#d9792b"/><circle r="40" fill="#e8a15a" opacity=".6"/>'
                       '<path d="M-8 -48 l8 -14 l8 14 z" fill="#5d7a32"/></g>' for x, y in [(150, 130), (245, 110), (340, 135)])
    if brand == 5:  # millet: a bowl heaped with grain
        return ('<path d="M140 120 h200 a100 70 0 0 1 -200 0 z" fill="#8c5a3c"/>'
                '<path d="M150 120 q90 -80 180 0 z" fill="#f2c230"/>'
                + ''.join(f'<circle cx="{x}" cy="{y}" r="4" fill="#e0a80f"/>' for x, y in
                          [(190, 100), (215, 88), (240, 84), (265, 88), (290, 100), (230, 104), (255, 102), (205, 110), (280, 110)]))
    return ('<rect x="150" y="80" width="180" height="110" rx="12" fill="#ffffff" stroke="#8b6b9e" stroke-width="4"/>'  # herbs
            + ''.join(f'<ellipse cx="{x}" cy="{y}" rx="22" ry="12" fill="#b1603c" stroke="#7a3e25" stroke-width="3"/>'
                      for x, y in [(195, 115), (245, 125), (290, 112), (215, 155), (270, 158)]))


def svg(brand, name, specification):
    return f'''<svg xmlns="http://www.w3.org/2000/svg" width="480" height="360" viewBox="0 0 480 360">
<rect width="480" height="360" fill="{BACKGROUNDS[brand]}"/>
{art(brand)}
<text x="240" y="268" text-anchor="middle" font-family="Droid Sans Fallback, Noto Sans CJK SC, sans-serif" font-size="34" fill="#1d2630">{name}</text>
<text x="240" y="306" text-anchor="middle" font-family="Droid Sans Fallback, Noto Sans CJK SC, sans-serif" font-size="20" fill="#5b6672">{specification}</text>
<rect x="328" y="12" width="140" height="34" rx="17" fill="#1d2630" opacity=".78"/>
<text x="398" y="36" text-anchor="middle" font-family="Droid Sans Fallback, Noto Sans CJK SC, sans-serif" font-size="18" fill="#ffffff">示意图 · 演示</text>
</svg>'''


def main():
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        for brand, offset, name, specification in PRODUCTS:
            source = os.path.join(work, f"{brand}-{offset}.svg")
            with open(source, "w") as f:
                f.write(svg(brand, name, specification))
            subprocess.run(["rsvg-convert", "-w", "480", "-h", "360", "-o", os.path.join(OUT, f"{brand}-{offset}.png"), source], check=True)


if __name__ == "__main__":
    main()
