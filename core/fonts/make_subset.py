"""Make the CJK font that every PDF embeds, from WenQuanYi Micro Hei (Apache-2.0).

The full font is 5 MB; documents need the common Chinese set (GB 2312), Latin text and the
punctuation and symbols that names, amounts and dates use. Keeping only those glyphs gives a
file small enough to ship with the project, so a fresh machine needs no system font.

    pip install fonttools
    python core/fonts/make_subset.py /usr/share/fonts/truetype/wqy/wqy-microhei.ttc

(Debian's ``fonts-wqy-microhei`` package holds the source file.)
"""

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

TARGET = Path(__file__).with_name("wqy-microhei-gb2312.ttf")
#: Latin-1, general punctuation, letter-like symbols, arrows, circled numbers, CJK punctuation,
#: full-width forms: what Chinese letters use beside the ideographs.
RANGES = [
    (0x20, 0xFF),
    (0x2000, 0x206F),
    (0x2100, 0x215F),
    (0x2190, 0x21FF),
    (0x2460, 0x24FF),
    (0x3000, 0x303F),
    (0xFF00, 0xFFEF),
]


def gb2312_characters() -> set[int]:
    found = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                found.add(ord(bytes([high, low]).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return found


def main(source: str) -> None:
    font = TTFont(source, fontNumber=0)
    wanted = gb2312_characters() | {code for start, end in RANGES for code in range(start, end + 1)}
    available = set(font.getBestCmap())
    options = subset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(wanted & available))
    subsetter.subset(font)
    font.save(TARGET)
    print(f"{TARGET.name}: {len(wanted & available)} characters, {TARGET.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main(sys.argv[1])
