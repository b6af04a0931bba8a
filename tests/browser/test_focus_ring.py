"""The focus ring can be seen on every kind of control: its rendered colour against what is
behind it, and against the gap that holds it off the control, is at least 3:1 (WCAG 1.4.11), and
Bootstrap's pale glow does not replace it."""

import re

import pytest

from joborders.models import Requirement
from tests.factories import JobOrderFactory, RequirementFactory, UserFactory

pytestmark = pytest.mark.browser

# What Chromium renders around the focused element: the outline, the box-shadow "gap" ring and
# the first opaque background behind it (the page, a card, the dark navigation bar).
RENDERED = """element => {
  const style = getComputedStyle(element);
  const opaque = node => {
    for (; node; node = node.parentElement) {
      const colour = getComputedStyle(node).backgroundColor;
      if (!/rgba\\(.*,\\s*0\\)$/.test(colour) && colour !== "transparent") return colour;
    }
    return "rgb(255, 255, 255)";
  };
  return {
    focusVisible: element.matches(":focus-visible"),
    outlineColor: style.outlineColor,
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth),
    outlineOffset: parseFloat(style.outlineOffset),
    boxShadow: style.boxShadow,
    behind: opaque(element.parentElement),
    fill: opaque(element),
  };
}"""


def rgb(css: str) -> tuple[float, float, float]:
    """An opaque colour from a computed `rgb()`/`rgba()` value (translucent ones over white)."""
    parts = [float(n) for n in re.findall(r"[\d.]+", css)[:4]]
    r, g, b = parts[:3]
    alpha = parts[3] if len(parts) == 4 else 1.0
    return tuple(c * alpha + 255 * (1 - alpha) for c in (r, g, b))


def luminance(colour: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(rgb(a)), luminance(rgb(b))), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def first_colour(box_shadow: str) -> str:
    match = re.match(r"(rgba?\([^)]*\))", box_shadow)
    assert match, f"no box-shadow ring: {box_shadow!r}"
    return match.group(1)


def test_the_focus_ring_has_3_to_1_contrast_on_every_kind_of_control(
    browser_page, live_server, log_in_as
):
    owner = UserFactory()
    job = JobOrderFactory(owner=owner)
    RequirementFactory(job_order=job, kind=Requirement.Kind.CHALLENGE, description="Slow releases")
    page = log_in_as(owner)
    page.goto(f"{live_server.url}/joborders/{job.pk}/edit/")
    controls = {
        "nav link on the dark bar": page.locator("nav .nav-link").first,
        "primary button": page.get_by_role("button", name="Save details"),
        "outline button": page.get_by_role("button", name="Save Challenge 1"),
        "text input": page.get_by_label("Job title"),
        "checkbox": page.locator("#new-skill-must_have"),
    }
    page.keyboard.press("Tab")  # from here on the focus is the keyboard's: rings show
    measured = {}
    for name, control in controls.items():
        control.focus()
        ring = control.evaluate(RENDERED)
        assert ring["focusVisible"], name
        assert ring["outlineStyle"] == "solid" and ring["outlineWidth"] >= 3, (name, ring)
        assert ring["outlineOffset"] >= 2, (name, ring)
        gap = first_colour(ring["boxShadow"])
        assert "0.25)" not in ring["boxShadow"], f"{name}: Bootstrap's glow is back: {ring}"
        measured[name] = {
            "behind": round(contrast(ring["outlineColor"], ring["behind"]), 1),
            "gap": round(contrast(ring["outlineColor"], gap), 1),
            "fill": round(contrast(ring["outlineColor"], ring["fill"]), 1),
        }
    print("\nfocus ring contrast (outline vs behind / vs gap / vs control fill):")
    for name, ratios in measured.items():
        print(f"  {name}: {ratios['behind']} / {ratios['gap']} / {ratios['fill']}")
    for name, ratios in measured.items():
        assert ratios["behind"] >= 3, (name, ratios)
        assert ratios["gap"] >= 3, (name, ratios)
    # The ring is held off the control by the gap, and it contrasts with the control as well.
    assert measured["primary button"]["fill"] >= 3, measured
