"""Synthetic, schema-valid corpora for the scale benchmark: N condition pages and the site around them.

The pages look like the real ones (see docs/conditions/sciatica.md): front matter with
techniques, body areas, benefits, sources, red flags and review dates, and a body of a
few sections with cross-links. Conditions are grouped into one navigation section per
body area, each with its own index page, as the real navigation groups them.
"""

from __future__ import annotations

import random
import shutil
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from medmassage.project.config import build_date  # noqa: E402  (review dates follow the checker's today)

SECTIONS = 20
TECHNIQUES = [
    "neuromuscular-therapy",
    "myofascial-release",
    "trigger-point-therapy",
    "lymphatic-drainage",
    "deep-tissue-techniques",
    "cross-fibre-friction",
    "muscle-energy-technique",
    "positional-release",
]
BENEFITS = [
    "pain-relief",
    "circulation-and-healing",
    "flexibility-and-range",
    "scar-tissue-and-adhesions",
    "recovery-after-injury-or-surgery",
    "less-swelling",
    "easier-breathing",
    "better-sleep",
]
AREAS = [
    "head",
    "jaw",
    "neck",
    "shoulders",
    "upper-back",
    "mid-back",
    "lower-back",
    "chest",
    "abdomen",
    "pelvis",
    "hips",
    "thighs",
    "knees",
    "calves",
    "ankles",
    "feet",
    "upper-arms",
    "elbows",
    "wrists",
    "hands",
]
ADJECTIVES = [
    "chronic",
    "acute",
    "recurring",
    "postural",
    "overuse",
    "post-operative",
    "tension",
    "referred",
    "nerve-related",
    "stiff",
    "inflamed",
    "strained",
    "sprained",
    "compressed",
    "irritated",
    "weak",
]
NOUNS = [
    "pain",
    "stiffness",
    "tightness",
    "swelling",
    "cramp",
    "spasm",
    "ache",
    "soreness",
    "numbness",
    "tingling",
    "adhesions",
    "scarring",
    "fatigue",
    "restriction",
    "instability",
    "tenderness",
]
WORDS = (
    "the therapist may ease tight muscle around the joint so that everyday movement feels easier and less "
    "sore while gentle pressure and slow strokes help the tissue relax and blood flow through the area "
    "many people notice a small change after a few sessions alongside exercise advice from a doctor or "
    "physiotherapist who knows their history and can say when hands on treatment is safe"
).split()
SECTION_HEADINGS = ["What it is", "How medical massage may help", "What a session may involve", "Other care"]
RED_FLAGS = [
    "Pain on both sides, or numbness or weakness in both legs",
    "Loss of bladder or bowel control",
    "Weight loss that you cannot explain",
    "Pain that keeps getting worse or is too severe to manage",
    "Pain together with a fever",
    "A recent fall, accident or injury",
]
FIXED_PAGES = {
    "index.md": (
        "Medical massage therapy",
        "Start with the [conditions](conditions/index.md), the "
        "[techniques](techniques/index.md) or the [benefits](benefits.md).\n",
    ),
    "conditions/index.md": ("Conditions", "<!-- insert: conditions-list -->\n"),
    "techniques/index.md": ("Techniques", "<!-- insert: techniques-list -->\n"),
    "benefits.md": ("Benefits", "<!-- insert: benefits-list -->\n"),
    "comparison.md": ("Medical or relaxation massage", "<!-- insert: comparison-table -->\n"),
    "matrix.md": ("Conditions and techniques at a glance", "<!-- insert: condition-technique-matrix -->\n"),
    "body-areas.md": ("Browse by body area", "<!-- insert: body-areas-list -->\n"),
    "is-it-right-for-you.md": ("Is it right for you", "Talk to your doctor first if you have a health condition.\n"),
}


@dataclass(frozen=True)
class Condition:
    id: str
    title: str
    area: str
    index: int


def build_corpus(root: Path, size: int, per_page: int | None = None) -> Path:
    """Write a corpus of `size` condition pages to `root`; return its mkdocs.yml.

    `per_page` sets `extra.lists.per_page`, how long a generated list may be before it is split.
    """
    if size < 3:
        raise ValueError("a corpus needs at least 3 conditions so that every technique is used")
    today = build_date()
    rng = random.Random(size)
    conditions = [_condition(i) for i in range(size)]
    docs = root / "docs"
    _write_data(root / "data", conditions)
    for condition in conditions:
        _write(docs / "conditions" / f"{condition.id}.md", _condition_page(condition, conditions, today, rng))
    sections = _sections(conditions)
    for area, members in sections.items():
        _write(docs / "conditions" / area / "index.md", _section_page(area, members, today))
    for index, technique in enumerate(TECHNIQUES):
        _write(docs / "techniques" / f"{technique}.md", _technique_page(technique, index, today, rng))
    for path, (title, body) in FIXED_PAGES.items():
        _write(
            docs / path, _page(title, f"{title} on this synthetic benchmark site, for scale tests only.", today, body)
        )
    link_project(root)
    config = root / "mkdocs.yml"
    config.write_text(site_config(REPO / "mkdocs.yml", _nav(sections), per_page), encoding="utf-8")
    return config


def _condition(index: int) -> Condition:
    adjective, noun = ADJECTIVES[index % len(ADJECTIVES)], NOUNS[(index // len(ADJECTIVES)) % len(NOUNS)]
    area = AREAS[index % SECTIONS]
    id_ = f"{adjective}-{area}-{noun}-{index + 1}"
    return Condition(id_, f"{adjective.capitalize()} {area.replace('-', ' ')} {noun} {index + 1}", area, index)


def _sections(conditions: list[Condition]) -> dict[str, list[Condition]]:
    sections: dict[str, list[Condition]] = {}
    for condition in conditions:
        sections.setdefault(condition.area, []).append(condition)
    return sections


def _front_matter(fields: dict) -> str:
    return "---\n" + yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, width=1000) + "---\n"


def _review(index: int, today: date) -> dict:
    return {"last_reviewed": today - timedelta(days=index % 300), "review_every_months": 24}


def _sources(slug: str) -> list[dict]:
    return [
        {
            "id": "nhs-guide",
            "title": f"Guide to {slug.replace('-', ' ')}",
            "publisher": "NHS",
            "year": 2024,
            "url": f"https://www.nhs.uk/conditions/{slug}/",
        },
        {
            "id": "trial-2021",
            "title": "A randomised trial of massage for soft tissue pain",
            "publisher": "Journal of Bodywork and Movement Therapies",
            "year": 2021,
            "doi": f"10.1016/j.jbmt.2021.{slug}",
        },
        {
            "id": "nccih-massage",
            "title": "Massage Therapy: What You Need To Know",
            "publisher": "National Center for Complementary and Integrative Health",
            "year": 2019,
            "url": "https://www.nccih.nih.gov/health/massage-therapy-what-you-need-to-know",
        },
    ]


def _prose(rng: random.Random, sentences: int) -> str:
    return " ".join(" ".join(rng.choices(WORDS, k=rng.randint(12, 20))).capitalize() + "." for _ in range(sentences))


def _condition_page(condition: Condition, conditions: list[Condition], today: date, rng: random.Random) -> str:
    i, n = condition.index, len(conditions)
    second_area = AREAS[(i + 7) % SECTIONS]
    fields = {
        "title": condition.title,
        "summary": f"How careful massage may ease {condition.title.lower()}, and the warning signs that need "
        "a doctor first.",
        **_review(i, today),
        "id": condition.id,
        "body_areas": [condition.area] + ([second_area] if i % 2 else []),
        "benefits": [BENEFITS[i % len(BENEFITS)], BENEFITS[(i + 3) % len(BENEFITS)]],
        "keywords": [
            condition.title.lower(),
            f"sore {condition.area}",
            f"{condition.area} pain relief",
            f"massage for {condition.area}",
            f"tight {condition.area}",
            f"stiff {condition.area}",
        ],
        "techniques": [TECHNIQUES[(3 * i + k) % len(TECHNIQUES)] for k in range(3)],
        "evidence": {
            "strength": "little-research",
            "summary": "There are few good studies of massage for this, so this page does not say that it helps.",
        },
        "sources": _sources(condition.id),
        "warning_signs": {"emergency": {"items": RED_FLAGS, "sources": ["nhs-guide", "nccih-massage"]}},
    }
    related = [conditions[(i + step) % n] for step in (1, 7, 31) if (i + step) % n != i]
    links = ", ".join(f"[{other.title}]({other.id}.md)" for other in dict.fromkeys(related))
    body = [f"## {heading}\n\n{_prose(rng, 5)}" for heading in SECTION_HEADINGS]
    body.insert(
        2,
        f"Related conditions: {links}. More in [{_area_label(condition.area)}]"
        f"({condition.area}/index.md) and [how techniques compare](../matrix.md).",
    )
    return _front_matter(fields) + "\n" + "\n\n".join(body) + "\n"


def _technique_page(technique: str, index: int, today: date, rng: random.Random) -> str:
    title = technique.replace("-", " ").capitalize()
    fields = {
        "title": title,
        "summary": f"What {title.lower()} is, how a therapist uses it, and when it must be avoided or adapted.",
        **_review(index, today),
        "id": technique,
        "body_areas": [AREAS[index], AREAS[index + 10]],
        "benefits": [BENEFITS[index], BENEFITS[(index + 1) % len(BENEFITS)]],
        "keywords": [title.lower(), f"{title.lower()} massage"],
        "sources": _sources(technique),
        "precautions": {
            "items": [
                "An open wound or a recent burn",
                "A bleeding disorder, or taking blood thinners",
                "A blood clot, or a leg that is hot, red and swollen",
            ],
            "sources": ["nccih-massage"],
        },
    }
    body = "\n\n".join(f"## {heading}\n\n{_prose(rng, 5)}" for heading in SECTION_HEADINGS[:3])
    return _front_matter(fields) + "\n" + body + "\n"


def _section_page(area: str, members: list[Condition], today: date) -> str:
    label = _area_label(area)
    items = "\n".join(f"- [{condition.title}](../{condition.id}.md)" for condition in members)
    body = f"Conditions of the {label.lower()} that medical massage may help with.\n\n{items}\n"
    return _page(
        f"Conditions of the {label.lower()}",
        f"Conditions that affect the {label.lower()}, and how medical massage may help with each.",
        today,
        body,
    )


def _page(title: str, summary: str, today: date, body: str) -> str:
    return _front_matter({"title": title, "summary": summary, **_review(0, today)}) + "\n" + body


def _area_label(area: str) -> str:
    return area.replace("-", " ").capitalize()


def _write_data(folder: Path, conditions: list[Condition]) -> None:
    areas = [{"id": area, "label": _area_label(area)} for area in AREAS]
    benefits = [
        {
            "id": b,
            "name": b.replace("-", " ").capitalize(),
            "description": f"Massage may support {b.replace('-', ' ')} for some people.",
        }
        for b in BENEFITS
    ]
    comparison = {
        "caption": "Medical and relaxation massage compared",
        "columns": {"medical": "Medical massage", "relaxation": "Relaxation massage"},
        "rows": [
            {
                "aspect": "Techniques",
                "medical": " and ".join(f"[[{t}]]" for t in TECHNIQUES[:4]),
                "relaxation": "Swedish massage",
            },
            {
                "aspect": "Conditions",
                "medical": ", ".join(f"[[{c.id}]]" for c in conditions[:3]),
                "relaxation": "Everyday stress",
            },
        ],
    }
    for name, value in {"body_areas.yml": areas, "benefits.yml": benefits, "comparison.yml": comparison}.items():
        _write(folder / name, yaml.safe_dump(value, sort_keys=False, width=1000))


def _nav(sections: dict[str, list[Condition]]) -> list:
    conditions = ["conditions/index.md"] + [
        {_area_label(area): [f"conditions/{area}/index.md"] + [f"conditions/{c.id}.md" for c in members]}
        for area, members in sections.items()
    ]
    return [
        {"Home": "index.md"},
        {"Conditions": conditions},
        {"Techniques": ["techniques/index.md"] + [f"techniques/{t}.md" for t in TECHNIQUES]},
        {"Benefits": "benefits.md"},
        {"Medical or relaxation massage?": "comparison.md"},
        {"Conditions and techniques at a glance": "matrix.md"},
        {"Browse by body area": "body-areas.md"},
        {"Is it right for you?": "is-it-right-for-you.md"},
    ]


def site_config(real_config: Path, nav: list, per_page: int | None = None) -> str:
    """The real mkdocs.yml with its navigation replaced (and `extra.lists`, given `per_page`); tags such as
    `!ENV` are kept as written."""
    root = yaml.compose(real_config.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    assert isinstance(root, yaml.MappingNode), f"{real_config} is not a mapping"
    _set(root, "nav", nav)
    if per_page is not None:
        extra = next(value for key, value in root.value if key.value == "extra")
        _set(extra, "lists", {"per_page": per_page})
    return yaml.serialize(root, Dumper=yaml.SafeDumper, width=1000)


def _set(mapping: yaml.MappingNode, name: str, value: object) -> None:
    node = yaml.compose(yaml.safe_dump(value, sort_keys=False), Loader=yaml.SafeLoader)
    pairs = [(key, old) for key, old in mapping.value if key.value != name]
    mapping.value = pairs + [(yaml.ScalarNode("tag:yaml.org,2002:str", name), node)]


def link_project(root: Path) -> None:
    """Symlink this repository's hooks and content package into `root`; copy its theme overrides.

    MkDocs puts the folder of hooks.py on sys.path while it imports it, so the `medmassage`
    link lets a kept corpus build with a plain `mkdocs build`, with no PYTHONPATH.
    """
    (root / "hooks.py").symlink_to(REPO / "hooks.py")
    (root / "medmassage").symlink_to(REPO / "medmassage", target_is_directory=True)
    shutil.copytree(REPO / "overrides", root / "overrides")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
