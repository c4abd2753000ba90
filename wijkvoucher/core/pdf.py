"""Tagged (accessible) A4 documents with fpdf2: the beschikking and the voucher.

fpdf2 draws the page; this module adds what a screen reader needs (PDF/UA-1,
docs/documents.md): every piece of text or image sits in a marked-content sequence
that belongs to an element of a structure tree (Document > H1, H2, P, Table > TR >
TH/TD, L > LI > Lbl/LBody, Figure with alternative text), and page furniture (page
numbers, the running head, rules) is marked as an artifact. fpdf2 itself only tags
images and outline headings, all as flat ``/Figure`` elements, so the tree is built
here on fpdf2's structure objects (``fpdf.structure_tree``).

The fonts are embedded (Liberation Sans and Mono, SIL OFL, ``core/fonts/``): they
cover the euro sign and Dutch diacritics, and PDF/UA requires embedded fonts.
Page breaks are made here, line by line, so that a paragraph can continue on the
next page (its marked content then continues with a reference to that page) and so
that a caller can keep blocks together (``ensure_space``)."""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos
from fpdf.prefs import ViewerPreferences
from fpdf.structure_tree import StructElem

from wijkvoucher.core.pdf_structure import _Element, _Tree, _xmp

FONTS = Path(__file__).resolve().parent / "fonts"
SANS = "LiberationSans"
MONO = "LiberationMono"

# Millimetres on an A4 page. The addressee block sits where a window envelope shows
# it (NEN 1026: about 50 mm from the top, 20-25 mm from the left).
LEFT, RIGHT, TOP, BOTTOM = 25.0, 20.0, 15.0, 22.0
ADDRESS_TOP = 50.0
BODY_SIZE = 10.5
LINE = 5.2  # line height of body text
GREY = (85, 85, 85)


@dataclass(frozen=True)
class Letterhead:
    """The sender at the top of the first page: name, logo and contact lines."""

    name: str
    lines: tuple[str, ...] = ()
    logo: bytes | None = None
    logo_alt: str = ""


class TaggedPdf(FPDF):
    """An A4 document whose content is tagged as it is drawn.

    ``page_label`` is the translated footer, with ``%(page)s`` and ``%(pages)s``
    ("Pagina %(page)s van %(pages)s"); ``running_head`` is printed above the text
    from the second page on."""

    def __init__(
        self,
        *,
        title: str,
        language: str,
        author: str,
        page_label: str,
        running_head: str = "",
        compress: bool = True,
    ) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.tree = _Tree()
        self.struct_builder = self.tree
        self._open: list[StructElem] = [self.tree.doc_struct_elem]
        self._page_label = page_label
        self._running_head = running_head
        self.set_compression(compress)
        self.add_font(SANS, "", FONTS / "LiberationSans-Regular.ttf")
        self.add_font(SANS, "B", FONTS / "LiberationSans-Bold.ttf")
        self.add_font(MONO, "B", FONTS / "LiberationMono-Bold.ttf")
        self.set_title(title)
        self.set_lang(language)
        self.set_author(author)
        self.set_creator("wijkvoucher")
        self.set_xmp_metadata(_xmp(title, language, author))
        self.viewer_preferences = ViewerPreferences(display_doc_title=True)
        self.set_margins(LEFT, TOP, RIGHT)
        self.set_auto_page_break(False, margin=BOTTOM)
        self.set_font(SANS, size=BODY_SIZE)

    # --- Page furniture (artifacts) ----------------------------------------------

    @contextmanager
    def artifact(self, kind: str = "Layout") -> Iterator[None]:
        self._out(f"/Artifact <</Type /{kind}>> BDC")
        yield
        self._out("EMC")

    def header(self) -> None:
        if self.page > 1 and self._running_head:
            with self.artifact("Pagination"):
                self.set_font(SANS, size=8)
                self.set_text_color(*GREY)
                self.set_xy(self.l_margin, 10)
                self.cell(self.epw, 4, self._running_head)
                self.set_text_color(0)
            self.set_y(self.t_margin + 4)

    def footer(self) -> None:
        with self.artifact("Pagination"):
            self.set_font(SANS, size=8)
            self.set_text_color(*GREY)
            self.set_xy(self.l_margin, self.h - 14)
            label = self._page_label % {"page": self.page, "pages": "{nb}"}
            self.cell(self.epw, 4, label, align="R")
            self.set_text_color(0)

    def rule(self, y: float) -> None:
        with self.artifact():
            self.set_draw_color(190)
            self.set_line_width(0.3)
            self.line(self.l_margin, y, self.w - self.r_margin, y)

    # --- Structure ---------------------------------------------------------------

    @contextmanager
    def element(
        self, struct_type: str, *, alt: str | None = None, scope: str | None = None
    ) -> Iterator[_Element]:
        """Open a structure element inside the current one."""
        if not self.page:
            self.add_page()
        parent = self._open[-1]
        attributes = f"<</O /Table /Scope /{scope}>>" if scope else None
        element = _Element(
            f"/{struct_type}",
            parent,
            self.page,
            self.pages[self.page],
            alt=alt,
            attributes=attributes,
        )
        self.tree.add(element, parent)
        self._open.append(element)
        try:
            yield element
        finally:
            self._open.pop()

    @contextmanager
    def content(self) -> Iterator[None]:
        """Mark what is drawn in the block as content of the current element; it
        must stay on one page."""
        element = self._open[-1]
        if not isinstance(element, _Element):
            raise TypeError("content belongs inside an element")
        page = self.pages[self.page]
        mcid = self.tree.content(element, self.page, page)
        self._out(f"{element.s} <</MCID {mcid}>> BDC")
        yield
        self._out("EMC")

    # --- Measuring and breaking -------------------------------------------------

    @property
    def bottom(self) -> float:
        return self.h - self.b_margin

    def ensure_space(self, height: float) -> None:
        """Start a new page unless ``height`` mm still fits on this one."""
        if self.get_y() + height > self.bottom:
            self.add_page()

    def use(
        self, size: float = BODY_SIZE, *, bold: bool = False, mono: bool = False
    ) -> None:
        self.set_font(MONO if mono else SANS, "B" if bold or mono else "", size)

    def lines(self, text: str, width: float) -> list[str]:
        """``text`` broken into lines of at most ``width`` mm in the current font."""
        result = cast(
            list[str],
            self.multi_cell(
                width, LINE, text, dry_run=True, output=MethodReturnValue.LINES
            ),
        )
        return [str(line) for line in result] or [""]

    def text_height(
        self,
        text: str,
        *,
        width: float | None = None,
        size: float = BODY_SIZE,
        bold: bool = False,
        line: float = LINE,
    ) -> float:
        self.use(size, bold=bold)
        return len(self.lines(text, width or self.epw)) * line

    # --- Drawing tagged blocks ---------------------------------------------------

    def _draw_lines(
        self,
        lines: Sequence[str],
        *,
        x: float,
        width: float,
        line: float,
        align: str = "L",
    ) -> None:
        """Draw ``lines`` in the current element, breaking pages between lines: never
        one line alone at the bottom or at the top of a page."""
        done = 0
        while done < len(lines):
            room = int((self.bottom - self.get_y()) // line)
            left = len(lines) - done
            if room < min(2, left) or room <= 0:
                self.add_page()
                continue
            take = min(room, left)
            if left - take == 1 and take > 2:
                take -= 1  # no widow: carry two lines over
            with self.content():
                for text in lines[done : done + take]:
                    self.set_x(x)
                    self.cell(
                        width,
                        line,
                        text,
                        align=align,
                        new_x=XPos.LMARGIN,
                        new_y=YPos.NEXT,
                    )
            done += take

    def paragraph(
        self,
        text: str,
        *,
        size: float = BODY_SIZE,
        bold: bool = False,
        mono: bool = False,
        line: float = LINE,
        after: float = 2.6,
        x: float | None = None,
        width: float | None = None,
        struct_type: str = "P",
    ) -> None:
        x = self.l_margin if x is None else x
        width = width or (self.w - self.r_margin - x)
        self.use(size, bold=bold, mono=mono)
        lines = self.lines(text, width)
        with self.element(struct_type):
            self._draw_lines(lines, x=x, width=width, line=line)
        self.set_y(self.get_y() + after)

    def heading(self, text: str, *, level: int, keep: float = 2 * LINE) -> None:
        """A heading that never ends a page: ``keep`` mm of what follows fit too."""
        size, line, before = {1: (16.0, 8.0, 2.0), 2: (12.0, 6.2, 3.2)}[level]
        self.use(size, bold=True)
        height = len(self.lines(text, self.epw)) * line
        self.ensure_space(before + height + keep)
        if self.get_y() > self.t_margin + 5:
            self.set_y(self.get_y() + before)
        self.paragraph(
            text, size=size, bold=True, line=line, after=1.2, struct_type=f"H{level}"
        )

    def rows(
        self,
        rows: Sequence[tuple[str, str]],
        *,
        label_width: float = 48,
        size: float = BODY_SIZE,
        after: float = 4,
    ) -> None:
        """Label-value rows as a table with row headers."""
        value_x = self.l_margin + label_width
        value_width = self.w - self.r_margin - value_x
        with self.element("Table"):
            for label, value in rows:
                self.use(size)
                value_lines = self.lines(value, value_width)
                self.use(size, bold=True)
                label_lines = self.lines(label, label_width - 2)
                self.ensure_space(max(len(value_lines), len(label_lines)) * LINE)
                top = self.get_y()
                with self.element("TR"):
                    with self.element("TH", scope="Row"):
                        self._draw_lines(
                            label_lines,
                            x=self.l_margin,
                            width=label_width - 2,
                            line=LINE,
                        )
                    label_bottom = self.get_y()
                    self.set_y(top)
                    self.use(size)
                    with self.element("TD"):
                        self._draw_lines(
                            value_lines, x=value_x, width=value_width, line=LINE
                        )
                self.set_y(max(self.get_y(), label_bottom) + 0.8)
        self.set_y(self.get_y() + after)

    def bullets(self, items: Sequence[str], *, after: float = 2.6) -> None:
        """A list whose items start with a bullet."""
        indent = 6.0
        width = self.epw - indent
        with self.element("L"):
            for item in items:
                self.use()
                lines = self.lines(item, width)
                self.ensure_space(min(len(lines), 2) * LINE)
                top = self.get_y()
                with self.element("LI"):
                    with self.element("Lbl"):
                        self._draw_lines(["•"], x=self.l_margin + 1, width=4, line=LINE)
                    self.set_y(top)
                    with self.element("LBody"):
                        self._draw_lines(
                            lines, x=self.l_margin + indent, width=width, line=LINE
                        )
                self.set_y(self.get_y() + 1.4)
        self.set_y(self.get_y() + after)

    def figure(
        self,
        image: bytes,
        *,
        alt: str,
        x: float,
        y: float,
        width: float,
        height: float,
    ) -> None:
        with self.element("Figure", alt=alt), self.content():
            self.image(io.BytesIO(image), x=x, y=y, w=width, h=height)

    def letterhead(self, head: Letterhead) -> float:
        """The sender at the top of the first page; returns the y below it."""
        self.set_y(self.t_margin)
        left_bottom = self.t_margin
        if head.logo:
            width, height = _fit(head.logo, max_width=60, max_height=20)
            self.figure(
                head.logo,
                alt=head.logo_alt,
                x=self.l_margin,
                y=self.t_margin,
                width=width,
                height=height,
            )
            left_bottom += height + 3
        self.set_y(left_bottom)
        self.paragraph(head.name, size=14, bold=True, line=6.5, after=0, width=95)
        left_bottom = self.get_y()
        column = 132.0
        self.set_y(self.t_margin)
        if head.lines:
            self.paragraph(
                "\n".join(head.lines),
                size=8.5,
                line=4.2,
                after=0,
                x=column,
            )
        bottom = max(left_bottom, self.get_y()) + 3
        self.rule(bottom)
        return bottom + 3

    def output_bytes(self) -> bytes:
        return bytes(self.output())


def _fit(image: bytes, *, max_width: float, max_height: float) -> tuple[float, float]:
    """The size in mm of ``image`` scaled to fit the box, keeping its proportions."""
    from PIL import Image

    with Image.open(io.BytesIO(image)) as probe:
        pixels_wide, pixels_high = probe.size
    scale = min(max_width / pixels_wide, max_height / pixels_high)
    return pixels_wide * scale, pixels_high * scale
