"""Checks for the tagged PDFs (docs/documents.md), shared by the tests of the
beschikking and the voucher.

``pdfua`` (PyPI, on pikepdf) runs the machine-checkable part of PDF/UA-1 it
implements; the checks written here with pikepdf cover what it leaves out and
matters for these documents: no painting operator (text, image or path) outside
marked content, every marked-content id found back through the parent tree, every
font embedded, and the shape of the structure tree."""

from __future__ import annotations

import io
import tempfile
from dataclasses import dataclass

import pikepdf
import pypdf
from pdfua import validate
from pdfua.model import Finding

# Operators that put something on the page.
PAINTING = {
    "Tj", "TJ", "'", '"', "Do", "sh", "BI",
    "S", "s", "f", "F", "f*", "B", "B*", "b", "b*",
}  # fmt: skip


def pdf_text(data: bytes) -> str:
    """The text of every page, as a reader would extract it."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def pdfua_findings(data: bytes) -> list[Finding]:
    """What ``pdfua`` finds (every severity) and the rules it could not run."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(data)
        file.flush()
        report = validate(file.name)
    skipped = [o.rule_id for o in report.skipped]
    assert not skipped, f"pdfua could not run {skipped}"
    return list(report.findings)


@dataclass(frozen=True)
class Element:
    role: str
    depth: int
    alt: str
    scope: str


def structure(data: bytes) -> list[Element]:
    """The structure tree, depth first, as (role, depth, alt, scope)."""
    pdf = pikepdf.open(io.BytesIO(data))
    found: list[Element] = []

    def walk(node: pikepdf.Object, depth: int) -> None:
        if isinstance(node, pikepdf.Array):
            for kid in node:
                walk(kid, depth)
            return
        if not isinstance(node, pikepdf.Dictionary) or node.get("/Type") not in (
            pikepdf.Name.StructElem,
            None,
        ):
            return
        if "/S" not in node:
            return
        attributes = node.get("/A")
        scope = ""
        if isinstance(attributes, pikepdf.Dictionary) and "/Scope" in attributes:
            scope = str(attributes.Scope)
        found.append(Element(str(node.S), depth, str(node.get("/Alt", "")), scope))
        kids = node.get("/K")
        if kids is not None:
            walk(kids, depth + 1)

    walk(pdf.Root.StructTreeRoot.K, 0)
    return found


@dataclass
class PageContent:
    unmarked_painting: int
    mcids: list[int]


def page_contents(data: bytes) -> list[PageContent]:
    """Per page: painting operators outside any marked content, and the
    marked-content ids in the order they appear."""
    pdf = pikepdf.open(io.BytesIO(data))
    pages: list[PageContent] = []
    for page in pdf.pages:
        depth, unmarked, mcids = 0, 0, []
        for instruction in pikepdf.parse_content_stream(page):
            if not isinstance(instruction, pikepdf.ContentStreamInstruction):
                continue  # an inline image
            operands, name = instruction.operands, str(instruction.operator)
            if name in ("BDC", "BMC"):
                depth += 1
                marks = operands[1] if name == "BDC" else None
                if isinstance(marks, pikepdf.Dictionary) and "/MCID" in marks:
                    mcids.append(int(marks.MCID))
            elif name == "EMC":
                depth -= 1
            elif name in PAINTING and depth == 0:
                unmarked += 1
        pages.append(PageContent(unmarked, mcids))
    return pages


def _kid_mcids(kids: object, page: pikepdf.Object) -> set[int]:
    if isinstance(kids, int):
        return {kids}
    if isinstance(kids, pikepdf.Array):
        return set().union(*(_kid_mcids(k, page) for k in kids)) if len(kids) else set()
    if isinstance(kids, pikepdf.Dictionary) and kids.get("/Type") == pikepdf.Name.MCR:
        return {int(kids.MCID)} if kids.Pg.objgen == page.objgen else set()
    return set()


def parent_tree_problems(data: bytes) -> list[str]:
    """Marked-content ids that the parent tree does not lead back to an element
    claiming them on that page."""
    pdf = pikepdf.open(io.BytesIO(data))
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    problems = []
    for number, (page, content) in enumerate(
        zip(pdf.pages, page_contents(data), strict=True), start=1
    ):
        if not content.mcids:
            continue
        elements = tree.get(int(page.obj.StructParents))
        for mcid in content.mcids:
            if elements is None or mcid >= len(elements):
                problems.append(f"page {number}: MCID {mcid} not in the parent tree")
                continue
            element = elements[mcid]
            own_page = element.get("/Pg")
            claimed = _kid_mcids(element.K, page.obj)
            if own_page is not None and own_page.objgen != page.obj.objgen:
                claimed = {
                    int(k.MCID)
                    for k in (element.K if isinstance(element.K, pikepdf.Array) else [])
                    if isinstance(k, pikepdf.Dictionary)
                    and k.Pg.objgen == page.obj.objgen
                }
            if mcid not in claimed:
                problems.append(f"page {number}: MCID {mcid} not claimed")
    return problems


def fonts_not_embedded(data: bytes) -> list[str]:
    pdf = pikepdf.open(io.BytesIO(data))
    missing = []
    for page in pdf.pages:
        fonts = page.obj.Resources.get("/Font", pikepdf.Dictionary())
        for key, font in fonts.items():
            descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            descriptor = descendant.get("/FontDescriptor")
            if descriptor is None or not any(
                f in descriptor for f in ("/FontFile", "/FontFile2", "/FontFile3")
            ):
                missing.append(f"{key} {font.get('/BaseFont')}")
    return missing


def catalog(data: bytes) -> dict[str, str]:
    """Language, marked flag, title shown, title and the XMP metadata."""
    pdf = pikepdf.open(io.BytesIO(data))
    root = pdf.Root
    return {
        "lang": str(root.get("/Lang", "")),
        "marked": str(root.MarkInfo.get("/Marked", False))
        if "/MarkInfo" in root
        else "",
        "display_doc_title": str(root.ViewerPreferences.get("/DisplayDocTitle", False))
        if "/ViewerPreferences" in root
        else "",
        "title": str(pdf.docinfo.get("/Title", "")),
        "xmp": bytes(root.Metadata.read_bytes()).decode()
        if "/Metadata" in root
        else "",
    }


def assert_tagged(data: bytes) -> list[Element]:
    """Everything a tagged document of this project must meet; returns its tree."""
    assert pdfua_findings(data) == []
    pages = page_contents(data)
    assert [p.unmarked_painting for p in pages] == [0] * len(pages)
    assert parent_tree_problems(data) == []
    assert fonts_not_embedded(data) == []
    info = catalog(data)
    assert info["lang"] == "nl-NL"
    assert info["marked"] == "True"
    assert info["display_doc_title"] == "True"
    assert "<pdfuaid:part>1</pdfuaid:part>" in info["xmp"]
    tree = structure(data)
    assert tree[0].role == "/Document"
    return tree
