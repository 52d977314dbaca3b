"""The 17 goals: number, short name (translated), and the UN's colour for each."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Goal:
    number: int
    name: str
    colour: str

    @property
    def label(self) -> str:
        return f"SDG {self.number}: {self.name}"

    @property
    def text_colour(self) -> str:
        """Black or white, whichever reads better on the goal's colour (WCAG contrast)."""
        lum = _luminance(self.colour)
        return "#000000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#ffffff"


def _luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


GOALS: dict[int, Goal] = {
    g.number: g
    for g in [
        Goal(1, _("No poverty"), "#E5243B"),
        Goal(2, _("Zero hunger"), "#DDA63A"),
        Goal(3, _("Good health and well-being"), "#4C9F38"),
        Goal(4, _("Quality education"), "#C5192D"),
        Goal(5, _("Gender equality"), "#FF3A21"),
        Goal(6, _("Clean water and sanitation"), "#26BDE2"),
        Goal(7, _("Affordable and clean energy"), "#FCC30B"),
        Goal(8, _("Decent work and economic growth"), "#A21942"),
        Goal(9, _("Industry, innovation and infrastructure"), "#FD6925"),
        Goal(10, _("Reduced inequalities"), "#DD1367"),
        Goal(11, _("Sustainable cities and communities"), "#FD9D24"),
        Goal(12, _("Responsible consumption and production"), "#BF8B2E"),
        Goal(13, _("Climate action"), "#3F7E44"),
        Goal(14, _("Life below water"), "#0A97D9"),
        Goal(15, _("Life on land"), "#56C02B"),
        Goal(16, _("Peace, justice and strong institutions"), "#00689D"),
        Goal(17, _("Partnerships for the goals"), "#19486A"),
    ]
}

GOAL_CHOICES = [(n, f"{n}. {g.name}") for n, g in GOALS.items()]
