"""The structure tree of a tagged PDF (PDF/UA-1, docs/documents.md), built on fpdf2's
structure objects (``fpdf.structure_tree``): fpdf2 itself only tags images and outline
headings, as flat ``/Figure`` elements. Used by ``core.pdf.TaggedPdf``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, cast
from xml.sax.saxutils import escape

from fpdf.output import PDFPage
from fpdf.structure_tree import StructElem, StructureTreeBuilder
from fpdf.syntax import PDFArray, PDFObject


class _ContentRef:
    """A marked-content reference on another page than its element's (PDF 14.7.4.2)."""

    def __init__(self, page: PDFPage, mcid: int) -> None:
        self.page = page
        self.mcid = mcid

    def serialize(self, _security_handler: Any = None, _obj_id: Any = None) -> str:
        return f"<</Type /MCR /Pg {self.page.ref} /MCID {self.mcid}>>"


class _Kids(PDFArray):
    """The /K of an element: a lone marked-content id is written as a number, as
    most tagged PDFs do (some checkers only look for that form)."""

    def serialize(self, _security_handler: Any = None, _obj_id: Any = None) -> str:
        if len(self) == 1 and isinstance(self[0], int):
            return str(self[0])
        return super().serialize(_security_handler, _obj_id)


class _Element(StructElem):
    __slots__ = ("a",)

    def __init__(
        self,
        struct_type: str,
        parent: PDFObject,
        page_number: int,
        page: PDFPage,
        *,
        alt: str | None = None,
        attributes: str | None = None,
    ) -> None:
        super().__init__(struct_type, parent, [], page_number=page_number, alt=alt)
        self.k = _Kids()
        self.pg = cast(Any, page)
        self.a = attributes  # e.g. "<</O /Table /Scope /Row>>"


class _Tree(StructureTreeBuilder):
    """fpdf2's structure tree with nested elements and content on several pages."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[_Element] = []
        self.next_mcid: dict[int, int] = {}

    def add(self, element: _Element, parent: StructElem) -> None:
        parent.k.append(element)
        self.elements.append(element)

    def content(self, element: _Element, page_number: int, page: PDFPage) -> int:
        """A new marked-content id on ``page`` for ``element``; registered in the
        parent tree so that a reader finds the element from the content."""
        mcid = self.next_mcid.get(page_number, 0)
        self.next_mcid[page_number] = mcid + 1
        spid = self.spid_per_page_number.setdefault(
            page_number, len(self.spid_per_page_number)
        )
        page.struct_parents = spid
        self.struct_tree_root.parent_tree.nums[spid].append(element)
        element.k.append(mcid if element.pg is page else _ContentRef(page, mcid))
        return mcid

    def empty(self) -> bool:
        return not self.elements

    def __iter__(self) -> Iterator[PDFObject]:
        yield self.struct_tree_root
        yield self.doc_struct_elem
        yield self.struct_tree_root.parent_tree
        yield from self.elements


def _xmp(title: str, language: str, author: str) -> str:
    """XMP metadata with the title, language and the PDF/UA-1 identification."""
    return (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about=""'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li>'
        "</rdf:Alt></dc:title>"
        f"<dc:creator><rdf:Seq><rdf:li>{escape(author)}</rdf:li></rdf:Seq></dc:creator>"
        f"<dc:language><rdf:Bag><rdf:li>{escape(language)}</rdf:li></rdf:Bag>"
        "</dc:language>"
        "<pdfuaid:part>1</pdfuaid:part>"
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
    )
