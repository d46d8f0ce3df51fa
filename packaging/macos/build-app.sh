#!/bin/sh
# Build dist/SalesDesk.app and the disk image dist/SalesDesk-VERSION-macOS.dmg, on a Mac.
#
#     packaging/macos/build-app.sh
#
# Needs Python 3.11+ from python.org (or Homebrew) and the Xcode command line tools. The
# app is built for the Mac's own architecture (arm64 or x86_64).
# Optional, for a signed and notarised app that opens without Gatekeeper warnings:
#   SALESDESK_CODESIGN_IDENTITY="Developer ID Application: NAME (TEAMID)"
#   SALESDESK_NOTARY_PROFILE=NAME   (saved before with: xcrun notarytool store-credentials NAME)
set -eu

cd "$(dirname "$0")/../.."
make dist  # PyInstaller, macOS branch of packaging/salesdesk.spec (signs if the identity is set)
app=dist/SalesDesk.app
version=$("$app/Contents/MacOS/SalesDesk" --version | cut -d' ' -f2)
dmg="dist/SalesDesk-$version-macOS.dmg"

# Check the app before shipping it: it starts, paints and finds its resources.
check_dir=$(mktemp -d)
QT_QPA_PLATFORM=offscreen "$app/Contents/MacOS/SalesDesk" --data-dir "$check_dir" self-check
rm -rf "$check_dir"

# The disk image: the app, a link to /Applications to drag it onto, and the licence.
staging=build/dmg
rm -rf "$staging"
mkdir -p "$staging"
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"
cp LICENSE "$staging/LICENSE.txt"
rm -f "$dmg"
hdiutil create -volname "SalesDesk $version" -srcfolder "$staging" -format UDZO "$dmg"

if [ -n "${SALESDESK_CODESIGN_IDENTITY:-}" ]; then
    codesign --sign "$SALESDESK_CODESIGN_IDENTITY" --timestamp "$dmg"
    if [ -n "${SALESDESK_NOTARY_PROFILE:-}" ]; then
        xcrun notarytool submit "$dmg" --keychain-profile "$SALESDESK_NOTARY_PROFILE" --wait
        xcrun stapler staple "$dmg"
    fi
fi
echo "$dmg"
