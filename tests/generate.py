"""Synthetic committee papers for benchmarks, at any size: minutes and agenda packs as text or PDF.

Made from templates in the genre's shapes (numbered minutes, "Present:" lists, "RESOLVED –",
questions and answers) and the shared vocabulary (honorifics, resolution markers, verbs of asking
and answering), varied by a seeded random generator: the same seed gives the same corpus, byte
for byte. Not test fixtures: their job is volume with realistic cost per page, not ground truth.
"""

from __future__ import annotations

import calendar
import random
from pathlib import Path

from extract.base.vocabulary import vocabulary

BODIES = ["Planning Committee", "Cabinet", "Audit and Governance Committee", "Overview and Scrutiny Committee",
          "Licensing Committee", "Health and Wellbeing Board", "Children and Young People Scrutiny Panel",
          "Environment and Transport Committee", "Full Council", "Standards Committee"]
COUNCILS = ["Northvale", "Southmoor", "Eastbridge", "Westerfield", "Kingsmere", "Ashby Vale", "Highcross", "Lowfold"]
KINDS = ["County Council", "Borough Council", "District Council", "City Council"]
SURNAMES = ["Smith", "Jones", "Patel", "Khan", "O'Brien", "Taylor", "Brown", "Wilson", "Evans", "Thomas", "Roberts",
            "Walker", "Wright", "Robinson", "Thompson", "Hughes", "Edwards", "Green", "Hall", "Wood", "Clarke", "Begum",
            "Lewis", "Jackson", "de Souza", "Harrison", "Morgan", "Cooper", "Ward", "Turner", "Murphy", "Kaur"]
TOPICS = ["Budget Monitoring Quarter {n}", "Local Plan Review", "Housing Delivery Update", "Waste and Recycling Strategy",
          "Highways Maintenance Programme", "Children's Services Performance", "Air Quality Action Plan",
          "Treasury Management Report", "Community Safety Partnership Plan", "Leisure Centres Contract",
          "Council Tax Support Scheme", "Climate Emergency Action Plan", "Adult Social Care Charging Policy",
          "Corporate Risk Register", "Libraries Service Review", "Flood Risk Management Strategy"]
OFFICER_ROLES = ["Head of Finance", "Director of Place", "Head of Planning", "Monitoring Officer",
                 "Strategic Manager, Housing", "Corporate Director of Resources", "Democratic Services Officer"]
CONCERNS = ["the timescale for delivery", "the cost to residents", "the impact on rural wards", "staffing levels",
            "the consultation response rate", "the risk of further slippage", "the funding gap in future years",
            "the performance against target", "how members would be kept informed", "the level of reserves"]
MONTHS = list(calendar.month_name)[1:]


class Generator:
    def __init__(self, seed: int):
        self.random = random.Random(seed)
        wh = {"if", "how", "what", "whether", "why", "when", "where", "who"}
        self.questions = [q if q.endswith("about") else f"{q} about" for q in vocabulary().speech_verbs.question
                          if q.split()[-1] not in wh]
        self.answers = ["responded", "replied", "explained", "confirmed", "advised"]

    def person(self, title: str = "Councillor") -> str:
        return f"{title} {self.random.choice('ABCDEFGHJKLMNPRSTW')} {self.random.choice(SURNAMES)}"

    def date(self) -> tuple[int, str, int]:
        return self.random.randint(1, 28), self.random.choice(MONTHS), self.random.randint(2010, 2026)

    def minutes(self, items: int) -> str:
        """One meeting's minutes: header, attendance, numbered items with debate and decisions."""
        r = self.random
        council = f"{r.choice(COUNCILS)} {r.choice(KINDS)}"
        body = r.choice(BODIES)
        day, month, year = self.date()
        title = r.choice(["Councillor", "Cllr"])
        members = sorted({self.person(title) for _ in range(r.randint(6, 12))})
        chair = members[0]
        officers = [f"{self.person(r.choice(['Mr', 'Mrs', 'Ms', 'Dr']))} ({role})"
                    for role in r.sample(OFFICER_ROLES, 3)]
        number = r.randint(1, 90)
        lines = [council.upper(), "",
                 f"Minutes of the meeting of the {body} held on {day} {month} {year} at {r.randint(9, 19)}.00 in the "
                 f"Council Chamber, {council.split()[0]} Town Hall.", "",
                 f"Present: {chair} (Chair), " + ", ".join(members[1:-1]) + f" and {members[-1]}.", "",
                 "Officers in attendance: " + ", ".join(officers) + ".", ""]
        marker = r.choice(["RESOLVED –", "RESOLVED:", "Resolved:", "AGREED –"])
        for offset in range(items):
            topic = r.choice(TOPICS).format(n=r.randint(1, 4))
            officer = r.choice(officers).split(" (")[0]
            asker, other = r.sample(members, 2)
            lines += [f"{number + offset}/{year % 100} {topic}", "",
                      f"The {r.choice(OFFICER_ROLES)} presented the report on the {topic.lower()}.", "",
                      f"{asker} {r.choice(self.questions)} {r.choice(CONCERNS)}. {officer} {r.choice(self.answers)} "
                      f"that the position would be reported to the next meeting.", "",
                      f"{other} {r.choice(['commented on', 'welcomed', 'raised'])} {r.choice(CONCERNS)}.", "",
                      f"{marker} that the report be {r.choice(['noted', 'approved', 'agreed'])}"
                      + (f" and that a further update be brought to the committee in {r.choice(MONTHS)}."
                         if r.random() < 0.5 else "."), ""]
        lines.append(f"The meeting closed at {r.randint(1, 9)}.{r.choice(['00', '15', '30', '45'])} pm.")
        return "\n".join(lines) + "\n"


def write_text_corpus(out: Path, documents: int, seed: int = 0, items: tuple[int, int] = (4, 10)) -> list[Path]:
    """`documents` minutes as .txt files in out/, in folders of 1,000 (file systems like that better)."""
    generator = Generator(seed)
    paths = []
    for index in range(documents):
        folder = out / f"{index // 1000:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"minutes-{index:07d}.txt"
        path.write_text(generator.minutes(generator.random.randint(*items)), encoding="utf-8")
        paths.append(path)
    return paths


def write_pdf_corpus(out: Path, pages: int, seed: int = 0, pages_per_pack: int = 30) -> list[Path]:
    """Packs of about `pages_per_pack` pages, `pages` in all, printed with running header and page footer.

    Needs fpdf2 (the test extra).
    """
    import fpdf

    generator = Generator(seed)
    out.mkdir(parents=True, exist_ok=True)
    paths, made = [], 0
    while made < pages:
        pdf = fpdf.FPDF(format="A4")
        pdf.set_auto_page_break(True, margin=18)
        pdf.set_font("Helvetica", size=10)
        want = min(pages_per_pack, pages - made)
        while pdf.page_no() < want:
            pdf.add_page()  # each meeting's minutes start a page, as they do in a pack
            for line in generator.minutes(generator.random.randint(4, 10)).split("\n"):
                if pdf.page_no() >= want and pdf.get_y() > 250:
                    break
                if line.strip():
                    pdf.multi_cell(0, 5, line.replace("–", "-"), new_x="LMARGIN", new_y="NEXT")
                else:
                    pdf.ln(4)
        path = out / f"pack-{len(paths):05d}.pdf"
        path.write_bytes(bytes(pdf.output()))
        paths.append(path)
        made += pdf.page_no()
    return paths
