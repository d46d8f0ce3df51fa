"""Render the app icon from its SVG source into every size the app and the installers need.

    python scripts/make_icons.py           # rewrite the files below
    python scripts/make_icons.py --check   # exit 1 if any of them is missing or out of date
    python scripts/make_icons.py --iconset DIR.iconset   # for Apple's iconutil (see below)

Source:  resources/icons/salesdesk.svg
Writes:  resources/icons/salesdesk-<N>.png   window icon and Linux hicolor theme (16 … 512 px)
         packaging/windows/salesdesk.ico     the .exe and the Inno Setup installer
         packaging/macos/salesdesk.icns      the .app bundle

Rendering uses QtSvg offscreen, so it needs nothing beyond SalesDesk's own dependencies.
The .ico and .icns containers are written here too (both are simple formats), so Windows
and macOS builds need no extra tool. Run it whenever the SVG changes and commit the result.
On a Mac, Apple's own tool makes the same .icns from an iconset folder:
    python scripts/make_icons.py --iconset build/salesdesk.iconset
    iconutil -c icns build/salesdesk.iconset -o packaging/macos/salesdesk.icns
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

REPO = Path(__file__).resolve().parent.parent
SVG = REPO / "resources" / "icons" / "salesdesk.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# Windows shows the small sizes in lists and the taskbar; old shell code only reads them
# as uncompressed bitmaps, so those are stored as DIBs and the large ones as PNG.
ICO_PNG_FROM = 64
# ICNS entry types holding PNG data, with their pixel size (the @2x ones are Retina).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
    (b"ic14", 512),
)
# --check tolerates tiny anti-aliasing differences between Qt versions (0-255 per channel).
CHECK_TOLERANCE = 24


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def dib_bytes(image: QImage) -> bytes:
    """An ICO bitmap entry: BITMAPINFOHEADER, 32-bit BGRA rows bottom-up, then the 1-bit AND mask."""
    size = image.width()
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = []
    for y in reversed(range(size)):
        # Format_ARGB32 is stored as native-endian 0xAARRGGBB words: B, G, R, A in memory on x86/ARM.
        line = image.constScanLine(y)
        rows.append(bytes(line)[: size * 4])
    mask_row = bytes(((size + 31) // 32) * 4)  # all zero: the alpha channel decides
    return header + b"".join(rows) + mask_row * size


def ico_bytes(images: dict[int, QImage]) -> bytes:
    entries = []
    for size in ICO_SIZES:
        image = images[size]
        entries.append((size, png_bytes(image) if size >= ICO_PNG_FROM else dib_bytes(image)))
    offset = 6 + 16 * len(entries)
    directory, blobs = [], []
    for size, blob in entries:
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        directory.append(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset))
        blobs.append(blob)
        offset += len(blob)
    return struct.pack("<HHH", 0, 1, len(entries)) + b"".join(directory) + b"".join(blobs)


def icns_bytes(images: dict[int, QImage]) -> bytes:
    chunks = [kind + struct.pack(">I", 8 + len(blob)) + blob for kind, blob in _icns_payloads(images)]
    body = b"".join(chunks)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def _icns_payloads(images: dict[int, QImage]):
    for kind, size in ICNS_TYPES:
        yield kind, png_bytes(images[size])


def outputs() -> dict[Path, str]:
    """Every file this script writes, with what it holds."""
    files = {REPO / "resources" / "icons" / f"salesdesk-{size}.png": f"png:{size}" for size in PNG_SIZES}
    files[REPO / "packaging" / "windows" / "salesdesk.ico"] = "ico"
    files[REPO / "packaging" / "macos" / "salesdesk.icns"] = "icns"
    return files


def build(svg: Path = SVG) -> dict[Path, bytes]:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    sizes = {*PNG_SIZES, *ICO_SIZES, *(size for _, size in ICNS_TYPES)}
    images = {size: render(renderer, size) for size in sorted(sizes)}
    result = {}
    for path, kind in outputs().items():
        if kind.startswith("png:"):
            result[path] = png_bytes(images[int(kind[4:])])
        elif kind == "ico":
            result[path] = ico_bytes(images)
        else:
            result[path] = icns_bytes(images)
    return result


def read_ico(data: bytes) -> list[tuple[int, bytes]]:
    """(pixel size, payload) of every image in an .ico file."""
    reserved, kind, count = struct.unpack_from("<HHH", data)
    if (reserved, kind) != (0, 1):
        raise ValueError("not an ICO file")
    images = []
    for index in range(count):
        width, _height, _colours, _reserved, _planes, _bits, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * index
        )
        images.append((width or 256, data[offset : offset + length]))
    return images


def read_icns(data: bytes) -> list[tuple[bytes, bytes]]:
    """(type, payload) of every entry in an .icns file."""
    if data[:4] != b"icns" or struct.unpack_from(">I", data, 4)[0] != len(data):
        raise ValueError("not an ICNS file")
    entries, offset = [], 8
    while offset < len(data):
        kind, length = data[offset : offset + 4], struct.unpack_from(">I", data, offset + 4)[0]
        entries.append((kind, data[offset + 8 : offset + length]))
        offset += length
    return entries


def _close(a: bytes, b: bytes) -> bool:
    """Same image, give or take anti-aliasing: PNG payloads are decoded, DIBs compared byte by byte."""
    if a == b:
        return True
    if a.startswith(b"\x89PNG") and b.startswith(b"\x89PNG"):
        image_a, image_b = QImage.fromData(a), QImage.fromData(b)
        if image_a.size() != image_b.size():
            return False
        a = bytes(image_a.convertToFormat(QImage.Format.Format_ARGB32).constBits())
        b = bytes(image_b.convertToFormat(QImage.Format.Format_ARGB32).constBits())
    return len(a) == len(b) and all(abs(x - y) <= CHECK_TOLERANCE for x, y in zip(a, b, strict=True))


def write_iconset(folder: Path) -> None:
    """icon_16x16.png … icon_512x512@2x.png, the names iconutil expects."""
    renderer = QSvgRenderer(str(SVG))
    folder.mkdir(parents=True, exist_ok=True)
    for size in (16, 32, 128, 256, 512):
        render(renderer, size).save(str(folder / f"icon_{size}x{size}.png"))
        render(renderer, size * 2).save(str(folder / f"icon_{size}x{size}@2x.png"))
    print(f"wrote {folder}")


def differs(old: bytes, new: bytes) -> bool:
    """True unless the two files hold the same images, give or take anti-aliasing."""
    if old == new:
        return False
    try:
        if new.startswith(b"icns"):
            pairs = list(zip(read_icns(old), read_icns(new), strict=True))
        elif new.startswith(b"\x00\x00\x01\x00"):
            pairs = list(zip(read_ico(old), read_ico(new), strict=True))
        else:
            return not _close(old, new)
    except (ValueError, struct.error):
        return True
    return not all(x[0] == y[0] and _close(x[1], y[1]) for x, y in pairs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only report files that are missing or out of date")
    parser.add_argument("--iconset", type=Path, metavar="DIR", help="write a macOS .iconset folder for iconutil")
    options = parser.parse_args()
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    if options.iconset:
        write_iconset(options.iconset)
        return 0
    files = build()
    if options.check:
        stale = [path for path, data in files.items() if not path.is_file() or differs(path.read_bytes(), data)]
        for path in stale:
            print(f"{path.relative_to(REPO)}: out of date; run python scripts/make_icons.py", file=sys.stderr)
        return 1 if stale else 0
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write through a temporary file so an interrupted run leaves no half-written icon.
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as tmp:
            tmp.write(data)
        Path(tmp.name).chmod(0o644)
        Path(tmp.name).replace(path)
        print(f"wrote {path.relative_to(REPO)} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
