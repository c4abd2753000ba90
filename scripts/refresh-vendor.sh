#!/usr/bin/env bash
# Refresh the vendored front-end files from the versions pinned in package.json.
#
# The copied files are committed, so a fresh machine needs neither npm nor this
# script. Run it only to upgrade: edit the versions in package.json, run
# `npm install --ignore-scripts` once to update package-lock.json, then run this
# script and update the versions in static/vendor/README.md.
#
#   static/vendor/utrecht/component-library-css/   NL Design System CSS (EUPL-1.2)
#   tests/browser/vendor/axe-core/                  axe-core for browser tests (MPL-2.0)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

command -v npm >/dev/null || { echo "refresh-vendor: npm is needed" >&2; exit 1; }

# Exact versions from package-lock.json; no install scripts run.
npm ci --ignore-scripts --no-audit --no-fund

copy() {
    # copy SOURCE DESTINATION_DIR: copy one file, creating the directory.
    local source="$1" destination="$2"
    [[ -f "$source" ]] || { echo "refresh-vendor: missing $source" >&2; exit 1; }
    mkdir -p "$destination"
    cp "$source" "$destination/"
}

version() {
    node -p "require('./node_modules/$1/package.json').version"
}

# --- NL Design System: Utrecht component library (CSS only, no fonts, no JS) -------
utrecht_src="node_modules/@utrecht/component-library-css"
utrecht_dst="static/vendor/utrecht/component-library-css"
rm -rf "$utrecht_dst"
copy "$utrecht_src/dist/index.css" "$utrecht_dst/dist"  # components (.utrecht-*)
copy "$utrecht_src/dist/html.css" "$utrecht_dst/dist"   # plain HTML inside .utrecht-html
copy "$utrecht_src/LICENSE.md" "$utrecht_dst"

# --- axe-core, injected into pages by the browser tests ------------------------------
axe_src="node_modules/axe-core"
axe_dst="tests/browser/vendor/axe-core"
rm -rf "$axe_dst"
copy "$axe_src/axe.min.js" "$axe_dst"
copy "$axe_src/LICENSE" "$axe_dst"
copy "$axe_src/LICENSE-3RD-PARTY.txt" "$axe_dst"

echo "refresh-vendor: @utrecht/component-library-css $(version @utrecht/component-library-css)," \
    "axe-core $(version axe-core)"
echo "refresh-vendor: now update the versions in static/vendor/README.md if they changed."
