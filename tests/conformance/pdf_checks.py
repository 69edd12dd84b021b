#!/usr/bin/env python3
"""PDF conformance checks with outside tools: poppler (pdftotext, pdffonts,
pdfinfo), qpdf and pikepdf.

veraPDF cannot be installed here, so PDF/A-2a (and, for `--archive`,
PDF/A-3a with the plan attached) and PDF/UA-1 are checked by their structure: XMP identification, output intent, language, tagging, the
structure tree, alternative text on figures, embedded fonts with Unicode maps,
extractable text in reading order, and qpdf's structural check.

Usage: pdf_checks.py ACTIONPLAN_BINARY OUT_DIR
"""

import re
import subprocess
import sys
from pathlib import Path

import pikepdf

BIN, OUT = sys.argv[1], Path(sys.argv[2])
ROOT = Path(__file__).resolve().parents[2]
FAILURES = []
PASSED = 0


def check(ok, what):
    global PASSED
    if ok:
        PASSED += 1
    else:
        FAILURES.append(what)
        print(f"FAIL: {what}", flush=True)


def run(*args, **kw):
    return subprocess.run(args, capture_output=True, text=True, **kw)


def build(plan, today):
    r = run(BIN, "build", "--pdf", "--today", today, "--out", str(OUT), str(ROOT / plan))
    check(r.returncode == 0, f"build {plan}: {r.stderr}")
    return OUT / (Path(plan).stem + ".pdf")


def text_of(pdf):
    return run("pdftotext", "-enc", "UTF-8", str(pdf), "-").stdout


def squash(s):
    # Lines may break anywhere and hyphenation may split words: join them.
    s = re.sub(r"-\n", "", s)
    return re.sub(r"\s+", " ", s)


def structure(pdf, lang, title, min_pages, max_pages, part="2"):
    name = pdf.name
    with pikepdf.open(pdf) as p:
        root = p.Root
        check(str(root.get("/Lang")) == lang, f"{name}: /Lang is {root.get('/Lang')}, expected {lang}")
        check(bool(root.MarkInfo.Marked), f"{name}: /MarkInfo /Marked is not true")
        check("/StructTreeRoot" in root, f"{name}: no structure tree")
        check(bool(root.ViewerPreferences.DisplayDocTitle), f"{name}: DisplayDocTitle is not true")
        check(len(root.OutputIntents) >= 1, f"{name}: no output intent")
        meta = p.open_metadata()
        check(meta.get("pdfaid:part") == part and meta.get("pdfaid:conformance") == "A", f"{name}: XMP does not declare PDF/A-{part}a")
        if part == "2":
            check("/AF" not in root and "/Names" not in root, f"{name}: a PDF/A-2a carries attachments")
        check(meta.get("pdfuaid:part") == "1", f"{name}: XMP does not declare PDF/UA-1")
        check(meta.get("dc:title") == title, f"{name}: dc:title is {meta.get('dc:title')!r}")
        check(min_pages <= len(p.pages) <= max_pages, f"{name}: {len(p.pages)} pages, expected {min_pages}-{max_pages}")
        # Every Figure in the structure tree carries alternative text.
        figures, with_alt = 0, 0
        stack = [root.StructTreeRoot]
        seen = set()
        while stack:
            node = stack.pop()
            if not isinstance(node, pikepdf.Dictionary):
                if isinstance(node, pikepdf.Array):
                    stack.extend(node)
                continue
            key = node.objgen if node.is_indirect else None
            if key and key in seen:
                continue
            if key:
                seen.add(key)
            if node.get("/S") == "/Figure":
                figures += 1
                with_alt += 1 if "/Alt" in node else 0
            kids = node.get("/K")
            if kids is not None:
                stack.append(kids)
        check(figures >= 1 and figures == with_alt, f"{name}: {with_alt} of {figures} figures have /Alt")
    fonts = run("pdffonts", str(pdf)).stdout.splitlines()[2:]
    check(len(fonts) > 0, f"{name}: pdffonts lists no fonts")
    for line in fonts:
        cols = line.split()
        # name type... emb sub uni object id: emb/sub/uni are the 5th-3rd from last.
        emb, uni = cols[-5], cols[-3]
        check(emb == "yes" and uni == "yes", f"{name}: font not embedded with Unicode map: {line}")
    q = run("qpdf", "--check", str(pdf))
    check(q.returncode == 0 and "No syntax or stream encoding errors" in q.stdout, f"{name}: qpdf --check: {q.stdout} {q.stderr}")


umea = build("plans/umea-handlingsplan-mot-vald.yaml", "2018-09-01")
structure(umea, "sv-SE", "Handlingsplan mot våld", 12, 40)
text = squash(text_of(umea))
for needle in [
    "Handlingsplan mot våld",
    "Umeå kommun",
    "KS-2018/00412",
    "Inrätta en KAST-mottagning",
    "Individ- och familjenämnden",
    "Ansvarsmatris",
    "Tidslinje",
    "Revisionshistorik",
    "Sida 1 av",
    "25 juni 2018, § 123",
]:
    check(needle in text, f"umea: text lacks {needle!r}")
check(text.index("Innehåll") < text.index("Sammanfattning") < text.index("Mål och åtgärder") < text.index("Revisionshistorik"),
      "umea: text is not in reading order")
check("UTKAST" not in text, "umea: an adopted plan carries a draft mark")

en = build("plans/example-en.yaml", "2025-03-01")
structure(en, "en", "Action Plan against Violence", 5, 30)
en_text = squash(text_of(en))
check("DRAFT" in en_text and "Page 1 of" in en_text, "example-en: no DRAFT mark or page footer")
pages = run("pdfinfo", str(en)).stdout
n = int(re.search(r"Pages:\s+(\d+)", pages).group(1))
per_page = [squash(run("pdftotext", "-f", str(i), "-l", str(i), "-enc", "UTF-8", str(en), "-").stdout) for i in range(1, n + 1)]
check(all("DRAFT" in t for t in per_page), "example-en: the DRAFT mark is missing on some page")

odd = build("tests/fixtures/hostile/odd-content.yaml", "2024-03-01")
structure(odd, "sv-SE", (ROOT / "tests/fixtures/hostile/odd-content.yaml").read_text().split('title: "')[1].split('"')[0], 8, 80)
odd_text = squash(text_of(odd))
for needle in ["#set page(width: 1pt)", "$x$", "@ref", "<label>", "#{panic()}", "] \\ //", "🎉", "مريم"]:
    check(needle in odd_text, f"odd-content: markup not literal in the text: {needle!r}")
check(odd_text.count("Åtgärd ") >= 60, "odd-content: not all 60 measures are in the text")
with pikepdf.open(odd) as p:
    for i, page in enumerate(p.pages):
        box = [float(x) for x in page.MediaBox]
        check(abs(box[2] - 595.28) < 1 and abs(box[3] - 841.89) < 1, f"odd-content: page {i + 1} is not A4: {box}")

inj = build("tests/fixtures/hostile/injection.yaml", "2018-09-01")
inj_text = squash(text_of(inj))
for needle in ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "{{ 7*7 }}", "{% raw %}", "#set page(width: 1pt)", "</style>", "FÖRSLAG"]:
    check(needle in inj_text, f"injection: not literal in the PDF text: {needle!r}")
with pikepdf.open(inj) as p:
    check(all(abs(float(pg.MediaBox[2]) - 595.28) < 1 for pg in p.pages), "injection: a page is not A4 wide (markup ran?)")

# The change-marked draft (`build --compare`): the same standards, the
# margin marks and the appendix of changes, and never the clean document's name.
r = run(BIN, "build", "--pdf", "--today", "2018-09-01", "--out", str(OUT), "--compare",
        str(ROOT / "tests/fixtures/diff/umea-0.9.yaml"), str(ROOT / "plans/umea-handlingsplan-mot-vald.yaml"))
check(r.returncode == 0, f"build --compare: {r.stderr}")
marked = OUT / "umea-handlingsplan-mot-vald.changes.pdf"
structure(marked, "sv-SE", "Handlingsplan mot våld", 12, 40)
marked_text = squash(text_of(marked))
for needle in ["Ändringar sedan version 0.9", "17 ändringar från version 0.9 till version 1.0",
               "Ändrad", "Ny", "Borttagen", "Informationskampanj om barns rätt att leva utan våld",
               "och med sex mot ersättning", "30 juni 2019 (+6 mån)"]:
    check(needle in marked_text, f"compared: text lacks {needle!r}")
check(marked_text.rindex("Ändringar sedan version 0.9") > marked_text.index("Revisionshistorik"),
      "compared: the appendix of changes is not at the end")
check("Ändringar sedan" not in text, "umea: the clean document has change marks")
again_marked = OUT / "again-marked"
again_marked.mkdir(exist_ok=True)
run(BIN, "build", "--pdf", "--today", "2018-09-01", "--out", str(again_marked), "--compare",
    str(ROOT / "tests/fixtures/diff/umea-0.9.yaml"), str(ROOT / "plans/umea-handlingsplan-mot-vald.yaml"))
check((again_marked / marked.name).read_bytes() == marked.read_bytes(), "two change-marked builds differ")

# Same input, same bytes.
again = OUT / "again"
again.mkdir(exist_ok=True)
r = run(BIN, "build", "--pdf", "--today", "2018-09-01", "--out", str(again), str(ROOT / "plans/umea-handlingsplan-mot-vald.yaml"))
check((again / umea.name).read_bytes() == umea.read_bytes(), "two builds of the Umeå plan differ")

# The follow-up report (actionplan report): the same standards, its phrases, charts with /Alt, same bytes.
def report(plan, date, where):
    r = run(BIN, "report", "--pdf", "--date", date, "--today", "2018-09-01", "--out", str(where), str(ROOT / plan))
    check(r.returncode == 0, f"report {plan}: {r.stderr}")
    return where / f"{Path(plan).stem}-followup-{date}.pdf"

followup = report("plans/umea-handlingsplan-mot-vald.yaml", "2020-02-25", OUT)
structure(followup, "sv-SE", "Uppföljningsrapport 25 februari 2020 – Handlingsplan mot våld", 6, 40)
f_text = squash(text_of(followup))
for needle in [
    "Uppföljningsrapport 25 februari 2020",
    "KS-2018/00412",
    "Individ- och familjenämnden",
    "26 februari 2019 – 25 februari 2020",
    "Åtgärdernas status",
    "Att uppmärksamma",
    "Förändringar sedan föregående rapport",
    "Bedömning: Risk för avvikelse",
    "Värden för indikator",
    "Sida 1 av",
]:
    check(needle in f_text, f"followup: text lacks {needle!r}")
check(f_text.index("Sammanfattning") < f_text.index("Att uppmärksamma") < f_text.index("Förändringar sedan") < f_text.index("Mål och indikatorer"),
      "followup: text is not in reading order")
with pikepdf.open(followup) as p:
    alts = []
    for obj in p.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/S") == "/Figure" and "/Alt" in obj:
            alts.append(str(obj.Alt))
    check(sum("Linjediagram för indikator" in a for a in alts) == 9, f"followup: {len(alts)} figures with /Alt, expected 9 indicator charts: {alts[:3]}")
again_report = report("plans/umea-handlingsplan-mot-vald.yaml", "2020-02-25", again)
check(again_report.read_bytes() == followup.read_bytes(), "two follow-up reports of the Umeå plan differ")
first = report("plans/example-en.yaml", "2025-08-29", OUT)
structure(first, "en", "Follow-up report 29 August 2025 – Action Plan against Violence", 3, 20)
check("This is the first follow-up" in squash(text_of(first)), "followup-en: no first-report note")

# `build --emit-typst DIR` writes what Typst is fed, so the Typst compiler
# outside actionplan (the `typst` package, Typst 0.15.1, as the CLI) makes the
# same document from DIR/<plan>: every file plan.typ imports must be there.
import typst  # noqa: E402

emitted = OUT / "emitted"
r = run(BIN, "build", "--pdf", "--today", "2018-09-01", "--out", str(OUT / "emit-out"),
        "--emit-typst", str(emitted), str(ROOT / "plans/umea-handlingsplan-mot-vald.yaml"))
check(r.returncode == 0, f"build --emit-typst: {r.stderr}")
folder = emitted / "umea-handlingsplan-mot-vald"
try:
    pdf = typst.compile(str(folder / "plan.typ"), root=str(folder),
                        font_paths=[str(ROOT / "fonts")], ignore_system_fonts=True)
    outside = OUT / "emitted-by-typst.pdf"
    outside.write_bytes(pdf)
    check(pdf[:5] == b"%PDF-", "typst compile of the emitted folder made no PDF")
    ours = squash(text_of(OUT / "emit-out" / "umea-handlingsplan-mot-vald.pdf"))
    theirs = squash(text_of(outside))
    check("Handlingsplan mot våld" in theirs and "Sida 1 av" in theirs,
          "typst compile of the emitted folder: the text lacks the title or the footer")
    check(theirs == ours, "typst compile of the emitted folder: its text differs from the built PDF's")
except Exception as e:  # a missing file is typst's error: "file not found"
    check(False, f"typst compile of the emitted folder failed: {e}")

# The archival copy (`--archive`): PDF/A-3a with PDF/UA-1, carrying the plan.
def attached(pdf, files):
    """`files`: (name, source path, relationship, description), in any order."""
    name = pdf.name
    with pikepdf.open(pdf) as p:
        af = p.Root.get("/AF")
        check(af is not None and len(af) == len(files), f"{name}: catalogue /AF is {af!r}, expected {len(files)} files")
        specs = {str(spec.get("/UF")): spec for spec in af or []}
        for file, source, relationship, desc in files:
            spec = specs.get(file)
            check(spec is not None and str(spec.get("/F")) == file, f"{name}: /AF lists no {file} (it lists {sorted(specs)})")
            if spec is None:
                continue
            check(spec.get("/AFRelationship") == pikepdf.Name("/" + relationship), f"{name}: {file} /AFRelationship is {spec.get('/AFRelationship')}")
            check(str(spec.get("/Desc")) == desc, f"{name}: {file} /Desc is {spec.get('/Desc')!r}")
            stream = spec.EF.F
            check(stream.get("/Subtype") == pikepdf.Name("/application/yaml"), f"{name}: {file} /Subtype is {stream.get('/Subtype')}")
            check(stream.read_bytes() == source.read_bytes(), f"{name}: {file}: the embedded bytes are not the source's")
            check(int(stream.Params.Size) == source.stat().st_size and "/ModDate" in stream.Params, f"{name}: {file}: /Params lack the size or date")
        # pikepdf's own reading of the embedded-files name tree agrees.
        for file, source, _, _ in files:
            got = p.attachments.get(file)
            check(got is not None and got.get_file().read_bytes() == source.read_bytes(), f"{name}: pikepdf does not find {file} with the source's bytes")
    for file, source, _, _ in files:
        shown = subprocess.run(["qpdf", f"--show-attachment={file}", str(pdf)], capture_output=True)
        check(shown.returncode == 0 and shown.stdout == source.read_bytes(), f"{name}: qpdf --show-attachment={file} differs from the source")


SOURCE_EN = "YAML source this document was built from"
SOURCE_SV = "Källfil i YAML som dokumentet är byggt från"
archival = OUT / "archive"
archival.mkdir(exist_ok=True)
umea_plan = ROOT / "plans/umea-handlingsplan-mot-vald.yaml"
r = run(BIN, "build", "--archive", "--pdf", "--today", "2018-09-01", "--out", str(archival), str(umea_plan))
check(r.returncode == 0, f"build --archive: {r.stderr}")
umea_a = archival / umea.name
structure(umea_a, "sv-SE", "Handlingsplan mot våld", 12, 40, part="3")
attached(umea_a, [(umea_plan.name, umea_plan, "Source", SOURCE_SV)])
check(squash(text_of(umea_a)) == text, "umea --archive: the text differs from the plain PDF's")
# It looks the same as the plain PDF: every page renders to the same pixels.
for pdf in [umea, umea_a]:
    run("pdftoppm", "-r", "50", "-png", str(pdf), str(archival / ("look-" + pdf.parent.name)))
plain_pages = sorted(archival.glob(f"look-{umea.parent.name}-*.png"))
archive_pages = sorted(archival.glob("look-archive-*.png"))
check(len(plain_pages) == len(archive_pages) > 0 and all(a.read_bytes() == b.read_bytes() for a, b in zip(plain_pages, archive_pages)),
      f"umea --archive: pages render differently from the plain PDF ({len(archive_pages)} against {len(plain_pages)})")
# `actionplan source` takes the plan out; a rebuild from it is the same PDF.
rebuilt = archival / "rebuilt"
rebuilt.mkdir(exist_ok=True)
r = run(BIN, "source", "--force", str(umea_a), cwd=rebuilt)
check(r.returncode == 0 and (rebuilt / umea_plan.name).read_bytes() == umea_plan.read_bytes(), f"source: {r.stderr}")
r = run(BIN, "build", "--archive", "--pdf", "--today", "2018-09-01", "--out", str(rebuilt), umea_plan.name, cwd=rebuilt)
check(r.returncode == 0 and (rebuilt / umea.name).read_bytes() == umea_a.read_bytes(), f"a rebuild from the extracted source differs: {r.stderr}")

r = run(BIN, "report", "--archive", "--pdf", "--date", "2020-02-25", "--today", "2018-09-01", "--out", str(archival), str(umea_plan))
check(r.returncode == 0, f"report --archive: {r.stderr}")
followup_a = archival / followup.name
structure(followup_a, "sv-SE", "Uppföljningsrapport 25 februari 2020 – Handlingsplan mot våld", 6, 40, part="3")
attached(followup_a, [(umea_plan.name, umea_plan, "Source", SOURCE_SV)])

old_plan = ROOT / "tests/fixtures/diff/umea-0.9.yaml"
r = run(BIN, "build", "--archive", "--pdf", "--today", "2018-09-01", "--out", str(archival), "--compare", str(old_plan), str(umea_plan))
check(r.returncode == 0, f"build --archive --compare: {r.stderr}")
marked_a = archival / marked.name
structure(marked_a, "sv-SE", "Handlingsplan mot våld", 12, 40, part="3")
attached(marked_a, [(umea_plan.name, umea_plan, "Source", SOURCE_SV),
                    (old_plan.name, old_plan, "Supplement", "Tidigare version i YAML som ändringarna är markerade mot")])

en_plan = ROOT / "plans/example-en.yaml"
r = run(BIN, "build", "--archive", "--pdf", "--today", "2025-03-01", "--out", str(archival), str(en_plan))
check(r.returncode == 0, f"build --archive example-en: {r.stderr}")
structure(archival / en.name, "en", "Action Plan against Violence", 5, 30, part="3")
attached(archival / en.name, [(en_plan.name, en_plan, "Source", SOURCE_EN)])

failed = len(FAILURES)
print(f"pdf: {PASSED} passed, {failed} failed")
sys.exit(1 if failed else 0)
