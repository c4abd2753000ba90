"""Pictures for the demo's ballots, drawn here (no photos of real people or places):
simple scenes in flat colours, saved as PNG."""

from __future__ import annotations

import io
from collections.abc import Callable

from PIL import Image, ImageDraw

SIZE = (640, 400)
SKY = (190, 222, 245)
GRASS = (110, 170, 90)
BRICK = (170, 90, 70)

Painter = Callable[[ImageDraw.ImageDraw], None]


def _flower_boxes(draw: ImageDraw.ImageDraw) -> None:
    draw.rectangle((0, 260, 640, 400), fill=(205, 200, 190))
    for left in range(40, 600, 200):
        draw.rectangle((left, 220, left + 150, 300), fill=(120, 80, 50))
        for n in range(6):
            x = left + 15 + n * 24
            draw.line((x, 220, x, 170), fill=(60, 130, 60), width=5)
            colour = ((230, 80, 120), (250, 200, 60), (150, 90, 200))[n % 3]
            draw.ellipse((x - 14, 150, x + 14, 178), fill=colour)


def _book_cabinet(draw: ImageDraw.ImageDraw) -> None:
    draw.rectangle((0, 300, 640, 400), fill=GRASS)
    draw.rectangle((220, 80, 420, 330), fill=(40, 110, 160))
    draw.polygon([(205, 85), (320, 30), (435, 85)], fill=(30, 80, 120))
    draw.rectangle((235, 100, 405, 315), fill=(235, 235, 225))
    colours = ((200, 60, 60), (60, 140, 80), (240, 180, 40), (90, 90, 200))
    for row, top in enumerate((110, 180, 250)):
        draw.line((235, top + 58, 405, top + 58), fill=(120, 90, 60), width=4)
        for n in range(7):
            left = 242 + n * 23
            draw.rectangle(
                (left, top + (n % 2) * 6, left + 18, top + 56),
                fill=colours[(n + row) % len(colours)],
            )


def _clean_up(draw: ImageDraw.ImageDraw) -> None:
    draw.rectangle((0, 250, 640, 400), fill=(150, 150, 150))
    draw.rectangle((0, 120, 640, 250), fill=BRICK)
    for left in range(20, 640, 90):
        draw.rectangle((left, 150, left + 50, 210), fill=(230, 240, 250))
    draw.rectangle((470, 260, 560, 370), fill=(40, 120, 70))
    draw.rectangle((460, 250, 570, 268), fill=(30, 90, 50))
    for x, y in ((120, 330), (200, 350), (300, 320), (380, 345)):
        draw.ellipse((x, y, x + 22, y + 14), fill=(240, 240, 240))
    draw.line((90, 380, 150, 260), fill=(120, 90, 60), width=7)


PICTURES: dict[str, Painter] = {
    "flower-boxes": _flower_boxes,
    "book-cabinet": _book_cabinet,
    "clean-up": _clean_up,
}


def picture_png(name: str) -> bytes:
    """The picture ``name`` (a key of ``PICTURES``) as PNG bytes."""
    image = Image.new("RGB", SIZE, SKY)
    PICTURES[name](ImageDraw.Draw(image))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
