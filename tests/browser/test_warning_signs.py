"""Warning signs as a reader meets them: emergencies first, under a heading that names the number.

Every condition page of the real site is opened in Chromium, in both palettes. The number and
the emergency department come from `extra.emergency` in mkdocs.yml, as the page must show them.
"""

from __future__ import annotations

import pytest
import yaml

from .site_build import ROOT

CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
EMERGENCY = CONFIG["extra"]["emergency"]
HEADING = f"Emergency: call {EMERGENCY['number']} or go to {EMERGENCY['department']} now"
ORDER = ["emergency", "urgent", "before-massage"]

CALLOUTS = """() => [...document.querySelectorAll('article .warning-signs')].map(box => {
  const style = getComputedStyle(box);
  const heading = box.querySelector('h3');
  return {level: [...box.classList].find(c => c !== 'admonition' && c !== 'warning-signs'),
          heading: heading.textContent.replace('¶', '').trim(), top: box.getBoundingClientRect().top,
          border: style.borderLeftColor, background: style.backgroundColor,
          headingColour: getComputedStyle(heading).color, visible: box.offsetHeight > 0,
          signs: box.querySelectorAll('li').length};
})"""


def condition_pages(site) -> list[str]:
    return [path for path in site.pages() if path.startswith("conditions/") and path != "conditions/"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_condition_page_shows_emergencies_first_under_a_heading_that_names_the_number(
    reader_for, site, scheme: str
) -> None:
    reader = reader_for(scheme)
    with_emergency = 0
    for path in condition_pages(site):
        page = reader.open(path)
        callouts = page.evaluate(CALLOUTS)
        assert callouts, path
        assert all(box["visible"] and box["signs"] for box in callouts), path
        levels = [box["level"] for box in callouts]
        assert levels == sorted(levels, key=ORDER.index), path
        assert [box["top"] for box in callouts] == sorted(box["top"] for box in callouts), path
        if "emergency" in levels:
            with_emergency += 1
            assert callouts[0]["heading"] == HEADING, path
            heading = page.get_by_role("heading", name=HEADING, level=3)
            assert heading.is_visible(), path
        colours = {(box["border"], box["background"]) for box in callouts}
        assert len(colours) == len(callouts), f"{path}: two levels look the same"
        reader.close(page)
    assert with_emergency >= 5
    assert not reader.trouble, reader.trouble
