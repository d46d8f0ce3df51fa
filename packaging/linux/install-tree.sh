#!/bin/sh
# Install a built Linux bundle (make dist) with its desktop integration under a prefix:
#
#     packaging/linux/install-tree.sh dist/salesdesk ~/.local      # for one user
#     sudo packaging/linux/install-tree.sh dist/salesdesk /usr/local
#
#   PREFIX/lib/salesdesk/                       the bundle
#   PREFIX/bin/salesdesk                        link to its executable
#   PREFIX/share/applications/ID.desktop        menu entry
#   PREFIX/share/metainfo/ID.metainfo.xml       software-centre description
#   PREFIX/share/icons/hicolor/*/apps/ID.png    icons (and scalable/apps/ID.svg)
#
# with ID = io.github.salesdesk.SalesDesk. build-appimage.sh uses it to lay out the AppDir.
set -eu

if [ $# -ne 2 ]; then
    echo "usage: $0 BUNDLE_DIR PREFIX" >&2
    exit 2
fi
bundle=$1
prefix=$2
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
id=io.github.salesdesk.SalesDesk

if [ ! -x "$bundle/salesdesk" ]; then
    echo "$0: $bundle/salesdesk: not a SalesDesk bundle (build it with: make dist)" >&2
    exit 1
fi

mkdir -p "$prefix/lib" "$prefix/bin" "$prefix/share/applications" "$prefix/share/metainfo"
rm -rf "$prefix/lib/salesdesk"
cp -a "$bundle" "$prefix/lib/salesdesk"
ln -sf ../lib/salesdesk/salesdesk "$prefix/bin/salesdesk"
install -m 644 "$here/$id.desktop" "$prefix/share/applications/$id.desktop"
install -m 644 "$here/$id.metainfo.xml" "$prefix/share/metainfo/$id.metainfo.xml"
for size in 16 24 32 48 64 128 256 512; do
    mkdir -p "$prefix/share/icons/hicolor/${size}x${size}/apps"
    install -m 644 "$repo/resources/icons/salesdesk-$size.png" "$prefix/share/icons/hicolor/${size}x${size}/apps/$id.png"
done
mkdir -p "$prefix/share/icons/hicolor/scalable/apps"
install -m 644 "$repo/resources/icons/salesdesk.svg" "$prefix/share/icons/hicolor/scalable/apps/$id.svg"

# Let the desktop notice the new entry and icons (both tools are optional).
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$prefix/share/applications" || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$prefix/share/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q "$prefix/share/icons/hicolor" || true
fi
echo "installed SalesDesk in $prefix (run: $prefix/bin/salesdesk)"
# The menu entry runs "salesdesk" from PATH.
case ":$PATH:" in
    *":$prefix/bin:"*) ;;
    *) echo "note: $prefix/bin is not on PATH; add it so the menu entry can start SalesDesk" >&2 ;;
esac
