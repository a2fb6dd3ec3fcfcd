"""The booking's QR code as an SVG, drawn from reportlab's QR encoder (already a dependency
for the certificate PDFs), so no extra package is needed. Pure: no ORM."""

from __future__ import annotations

from reportlab.graphics.barcode import qrencoder

QUIET_ZONE = 4  # modules of white border the QR standard asks for


def qr_modules(text: str, *, level: str = "M") -> list[list[bool]]:
    """The QR symbol's dark (True) and light modules, row by row."""
    code = qrencoder.QRCode(None, getattr(qrencoder.QRErrorCorrectLevel, level))
    code.addData(text)
    code.make()
    size = code.getModuleCount()
    return [[bool(code.isDark(row, col)) for col in range(size)] for row in range(size)]


def qr_svg(text: str, *, title: str = "QR", pixels: int = 240) -> str:
    """An SVG of the QR code for `text`: one path, a white background, no inline style
    (the site's Content-Security-Policy forbids it)."""
    modules = qr_modules(text)
    size = len(modules) + 2 * QUIET_ZONE
    runs = []
    for row, line in enumerate(modules):
        col = 0
        while col < len(line):
            if line[col]:
                start = col
                while col < len(line) and line[col]:
                    col += 1
                runs.append(
                    f"M{start + QUIET_ZONE} {row + QUIET_ZONE}h{col - start}v1h-{col - start}z"
                )
            else:
                col += 1
    escaped = title.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        f'width="{pixels}" height="{pixels}" role="img" aria-label="{escaped}" '
        f'shape-rendering="crispEdges" class="qr"><title>{escaped}</title>'
        f'<rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path fill="#000" d="{"".join(runs)}"/></svg>'
    )
