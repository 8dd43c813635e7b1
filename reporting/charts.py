"""Bar charts drawn on the server as inline SVG: no script, no external asset, sharp when printed."""

from dataclasses import dataclass

#: Distinguishable in colour and still in greyscale print (dark → light).
PALETTE = ["#1f4e79", "#5b9bd5", "#a9c8e8", "#d9d9d9"]
LABEL_WIDTH = 96
PLOT_WIDTH = 250
VALUE_WIDTH = 34
BAR_HEIGHT = 14
GROUP_GAP = 8
TOP = 6


@dataclass
class Bar:
    x: int
    y: int
    width: float
    value: object
    colour: str


@dataclass
class Group:
    label: str
    label_y: int
    bars: list[Bar]


@dataclass
class Chart:
    title: str
    width: int
    height: int
    groups: list[Group]
    legend: list[tuple[str, str, int]]  # (name, colour, x)
    legend_y: int
    label_x: int = LABEL_WIDTH - 6


def bar_chart(title: str, items: list[tuple[str, list]], series: list[str]) -> Chart:
    """Horizontal bars, one group per item and one bar per series (e.g. this month, last month)."""
    largest = max([value for _label, values in items for value in values if isinstance(value, int | float)] or [0])
    scale = PLOT_WIDTH / largest if largest else 0
    groups, y = [], TOP
    for label, values in items:
        bars = []
        for index, value in enumerate(values):
            length = (value or 0) * scale
            bars.append(Bar(LABEL_WIDTH, y, round(length, 1), value, PALETTE[index % len(PALETTE)]))
            y += BAR_HEIGHT
        groups.append(Group(label, y - (len(values) * BAR_HEIGHT) // 2 + 4, bars))
        y += GROUP_GAP
    legend = [(name, PALETTE[index % len(PALETTE)], LABEL_WIDTH + index * 80) for index, name in enumerate(series)]
    legend_y = y + 6
    return Chart(
        title, LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH, legend_y + 16 if len(series) > 1 else y, groups, legend, legend_y
    )
