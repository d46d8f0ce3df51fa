#!/bin/sh
# Wrap the Linux bundle (make dist) into dist/SalesDesk-VERSION-ARCH.AppImage.
#
#     make dist
#     packaging/linux/build-appimage.sh               # needs appimagetool on PATH
#     packaging/linux/build-appimage.sh --appdir-only # just lay out build/SalesDesk.AppDir
#
# appimagetool comes from https://github.com/AppImage/appimagetool (a single AppImage file).
# Build on the oldest distribution you want to support: the bundle uses that system's glibc.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
bundle=${BUNDLE:-$repo/dist/salesdesk}
appdir=${APPDIR:-$repo/build/SalesDesk.AppDir}
id=io.github.salesdesk.SalesDesk
arch=$(uname -m)

rm -rf "$appdir"
# (PATH: inside the AppImage, AppRun starts the program, so install-tree's PATH note does not apply.)
PATH="$appdir/usr/bin:$PATH" "$here/install-tree.sh" "$bundle" "$appdir/usr" >/dev/null
# What the AppImage runtime looks for at the top of the AppDir.
cat > "$appdir/AppRun" <<'APPRUN'
#!/bin/sh
here=$(dirname "$(readlink -f "$0")")
exec "$here/usr/lib/salesdesk/salesdesk" "$@"
APPRUN
chmod 755 "$appdir/AppRun"
ln -s "usr/share/applications/$id.desktop" "$appdir/$id.desktop"
ln -s "usr/share/icons/hicolor/256x256/apps/$id.png" "$appdir/$id.png"
ln -s "$id.png" "$appdir/.DirIcon"

if [ "${1:-}" = "--appdir-only" ]; then
    echo "$appdir"
    exit 0
fi
version=$("$appdir/AppRun" --version | cut -d' ' -f2)
output="$repo/dist/SalesDesk-$version-$arch.AppImage"
ARCH=$arch appimagetool "$appdir" "$output"
echo "$output"
