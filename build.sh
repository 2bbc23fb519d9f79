#!/usr/bin/env bash
# Rubrica's one entry point. `./build.sh` builds a loadable extension into dist/rubrica (and
# installs what is missing first); `./build.sh test` runs every check. `./build.sh help` lists all.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

WASM_TARGET=wasm32-unknown-unknown
CRATE=rubrica_core
PKG_DIR="$ROOT/target/pkg"
DIST="$ROOT/dist"
RELEASE_DIR="$DIST/rubrica"
TEST_DIR="$DIST/rubrica-test"
ARTIFACTS="$ROOT/tests/artifacts"
BIN="$ROOT/node_modules/.bin"
export PATH="$HOME/.cargo/bin:$PATH"

# The wasm-bindgen CLI must match the crate's exact pin.
WB_VERSION="$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' crate/Cargo.toml)"

say() { printf '\033[1m==>\033[0m %s\n' "$*"; }
quiet() { # run a command, show its output only if it fails
  local log
  log="$(mktemp)"
  if ! "$@" >"$log" 2>&1; then
    cat "$log"
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
}

# --- installs (idempotent, quiet when present) ----------------------------------------------
ensure_rust_target() {
  rustup target list --installed 2>/dev/null | grep -qx "$WASM_TARGET" ||
    { say "adding Rust target $WASM_TARGET"; quiet rustup target add "$WASM_TARGET"; }
}

ensure_wasm_bindgen() {
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WB_VERSION" ]; then
    say "installing wasm-bindgen-cli $WB_VERSION (about 3 minutes, once)"
    # No --locked: the CLI's lock file wants a crate version the registry here lacks.
    quiet cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
  fi
}

ensure_npm() {
  local stamp="node_modules/.rubrica-lock"
  local want
  want="$(sha256sum package-lock.json | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    say "installing npm packages from package-lock.json"
    quiet npm ci --no-audit --no-fund
    echo "$want" >"$stamp"
  fi
}

ensure_chromium() {
  if ! command -v chromium >/dev/null 2>&1; then
    say "installing Debian Chromium for the browser tests"
    quiet apt-get update
    quiet env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
  fi
}

ensure_firefox() {
  if ! command -v firefox-esr >/dev/null 2>&1; then
    say "installing Debian Firefox ESR for the Firefox tests"
    quiet apt-get update
    quiet env DEBIAN_FRONTEND=noninteractive apt-get install -y firefox-esr
  fi
  if [ "$(geckodriver --version 2>/dev/null | awk 'NR==1 {print $2}')" != "0.37.1" ]; then
    say "installing geckodriver 0.37.1 (about 2 minutes, once)"
    quiet cargo install geckodriver --version 0.37.1 --locked
  fi
}

ensure_tools() {
  ensure_rust_target
  ensure_wasm_bindgen
  ensure_npm
}

# --- build -------------------------------------------------------------------------------------
# build_module OUT_NAME CARGO_FLAGS... — one WebAssembly build of the core, bindgen'd and optimised.
# Each module has its own target dir so switching features never rebuilds the other.
build_module() {
  local name="$1"
  shift
  local target_dir="$ROOT/target/wasm-$name"
  quiet cargo build --release --target "$WASM_TARGET" -p rubrica-core --target-dir "$target_dir" "$@"
  quiet wasm-bindgen --target web --out-dir "$PKG_DIR" --out-name "$name" --remove-name-section \
    --remove-producers-section "$target_dir/$WASM_TARGET/release/$CRATE.wasm"
  # npm binaryen: Debian's wasm-opt 108 miscompiles wasm-bindgen output (see docs/testing.md).
  quiet "$BIN/wasm-opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-reference-types --enable-multivalue --enable-mutable-globals \
    "$PKG_DIR/${name}_bg.wasm" -o "$PKG_DIR/${name}_bg.opt.wasm"
  mv "$PKG_DIR/${name}_bg.opt.wasm" "$PKG_DIR/${name}_bg.wasm"
}

build_core() {
  rm -rf "$PKG_DIR" && mkdir -p "$PKG_DIR"
  say "building the core for $WASM_TARGET (release): background module"
  build_module rubrica_core --no-default-features --features engine
  say "building the core for $WASM_TARGET (release): full module (dashboard, regex triggers)"
  # opt-level 3 rather than the profile's "z", for the library's search index (issue 11): measured
  # side by side (BENCHMARKS.md, module size), "z" is 27 % smaller gzipped (768 vs 1,037 KB) but
  # builds the index 1.3-1.8x slower and doubles the query p95 in CPU time. This module has no size
  # budget (loaded on demand); the background's start-up module keeps the profile's "z".
  CARGO_PROFILE_RELEASE_OPT_LEVEL=3 build_module rubrica_full
  say "building the core for $WASM_TARGET (release): ledger book module (Ledger & reports, Data export)"
  # The LedgerBook handle alone (no engine): the section's first render fetches and instantiates
  # 0.75 MB instead of 3.2 MB. Opt-level 3 like the full module: the book's load is its hot path.
  CARGO_PROFILE_RELEASE_OPT_LEVEL=3 build_module rubrica_book --no-default-features --features pages,importers
}

# assemble OUT_DIR VARIANT — VARIANT is "release" or "test"
assemble() {
  local out="$1" variant="$2" bg_entry="extension/background/main.js"
  [ "$variant" = test ] && bg_entry="extension/background/main.test.js"
  rm -rf "$out" && mkdir -p "$out/core"
  cp -r extension/popup extension/dashboard extension/overlay extension/worksheet extension/shared extension/icons "$out/"
  cp "$PKG_DIR"/rubrica_core.js "$PKG_DIR"/rubrica_core_bg.wasm \
    "$PKG_DIR"/rubrica_full.js "$PKG_DIR"/rubrica_full_bg.wasm \
    "$PKG_DIR"/rubrica_book.js "$PKG_DIR"/rubrica_book_bg.wasm "$out/core/"
  local common=(--bundle --log-level=warning --charset=utf8 --target=chrome120,firefox128
    "--alias:@rubrica/core=$PKG_DIR/rubrica_core.js" "--alias:@rubrica/full=$PKG_DIR/rubrica_full.js")
  "$BIN/esbuild" "$bg_entry" "${common[@]}" --format=esm --outfile="$out/background.js"
  "$BIN/esbuild" extension/content/main.js "${common[@]}" --format=iife --outfile="$out/content.js"
  # The dashboard's modules in one file (a chunk per dynamic import): as ~90 separate ES modules the
  # page took ~250 ms to load under load before any section could start (BENCHMARKS.md, ledger).
  # The pages' core stays a file of its own (same depth: dashboard/ and shared/ both reach ../core/).
  # Minified: the page parses 0.2 MB instead of 0.36 MB before any section can start.
  "$BIN/esbuild" extension/dashboard/dashboard.js "${common[@]}" --format=esm --splitting --minify \
    --external:../core/rubrica_full.js --external:../core/rubrica_book.js --outdir="$out/dashboard" --chunk-names='[name]-[hash]'
  # The dashboard's first script (early.js: the ledger's module and reads, started before the
  # bundle arrives), a classic script of its own.
  "$BIN/esbuild" extension/dashboard/early.js "${common[@]}" --format=iife --minify --allow-overwrite \
    --external:../core/rubrica_book.js --outfile="$out/dashboard/early.js"
  # The dashboard's stylesheets (uPlot's among them) as one file: the page's script waits for
  # every stylesheet, and each is an extension request of its own.
  "$BIN/esbuild" extension/dashboard/styles.css --bundle --log-level=warning --minify --outfile="$out/dashboard/styles.css"
  (cd "$out/dashboard" && rm dashboard.css library.css vendor.css ledger.css checker.css justifications.css)
  # The source modules the dashboard's bundle holds (its sections, uPlot's vendor.js) are not
  # shipped a second time; the import planner, a module worker loaded by URL, keeps its own.
  local kept=" dashboard.js early.js plan-worker.js conflict-text.js "
  while IFS= read -r f; do
    [[ "$kept" == *" $f "* ]] || rm "$out/dashboard/$f"
  done < <(cd extension/dashboard && find . -name '*.js' -printf '%P\n')
  find "$out/dashboard" -type d -empty -delete
  # The passphrase strength meter's library (zxcvbn-ts), bundled over the copied source file.
  "$BIN/esbuild" extension/shared/strength.js "${common[@]}" --minify --format=esm --allow-overwrite \
    --outfile="$out/shared/strength.js"
  if [ "$variant" = test ]; then
    node -e '
      const fs = require("fs"); const [src, dst] = process.argv.slice(1);
      const m = JSON.parse(fs.readFileSync(src, "utf8"));
      m.name = "Rubrica (test build)";
      // Site control (docs/sites.md): automation cannot answer the permission prompt, so the test
      // build holds the permission for one test-only host that no content-script pattern matches.
      // rubrica-http.localhost stands for a site granted over one scheme only (a browser menu).
      m.host_permissions = [...(m.host_permissions ?? []), "*://rubrica-enable.localhost/*",
        "http://rubrica-http.localhost/*"];
      // "tabs" stands in for activeTab, which only a click on the toolbar button grants: the popup,
      // opened as a page by the tests, then sees the URL of the tab it is pointed at.
      m.permissions = [...new Set([...(m.permissions ?? []), "tabs"])];
      fs.writeFileSync(dst, JSON.stringify(m, null, 2) + "\n");' manifest.json "$out/manifest.json"
    # The test build's popup can be pointed at a tab (popup.html?tab=ID): the popup opened as a
    # page has no "current tab" of its own. The release build keeps the plain active-tab lookup.
    mv "$out/popup/current-tab.test-build.js" "$out/popup/current-tab.js"
  else
    rm "$out/popup/current-tab.test-build.js"
    cp manifest.json "$out/manifest.json"
  fi
}

build() {
  ensure_tools
  build_core
  say "assembling $RELEASE_DIR and the test build $TEST_DIR"
  assemble "$RELEASE_DIR" release
  assemble "$TEST_DIR" test
  say "bundling the editor test pages (tests/pages/editors/dist)"
  node tests/pages/editors/build.mjs
  local version
  version="$(node -p 'require("./manifest.json").version')"
  rm -f "$DIST"/rubrica-*.zip
  quiet "$BIN/web-ext" build --source-dir "$RELEASE_DIR" --artifacts-dir "$DIST" \
    --filename "rubrica-$version.zip" --overwrite-dest
  cat <<EOF

Built Rubrica $version:
  unpacked extension  $RELEASE_DIR
  zip                 $DIST/rubrica-$version.zip
Load it:
  Chrome/Chromium  chrome://extensions → Developer mode → Load unpacked → choose dist/rubrica
  Firefox          about:debugging#/runtime/this-firefox → Load Temporary Add-on → dist/rubrica/manifest.json
EOF
}

# --- test --------------------------------------------------------------------------------------
PASSED=0
FAILED=0
FAILURES=()

count_cargo() { # sum "test result: ... N passed; M failed" lines of a log
  local p f
  p="$(grep -Eo 'test result: .* ([0-9]+) passed' "$1" | grep -Eo '[0-9]+ passed' | awk '{s+=$1} END {print s+0}')"
  f="$(grep -Eo '[0-9]+ failed' "$1" | awk '{s+=$1} END {print s+0}')"
  echo "$p $f"
}

count_node() { # node --test spec/tap summary: "ℹ pass N" / "# pass N"
  local p f
  p="$(grep -E '^(ℹ|#) pass [0-9]+' "$1" | tail -n1 | awk '{print $3}')"
  f="$(grep -E '^(ℹ|#) fail [0-9]+' "$1" | tail -n1 | awk '{print $3}')"
  echo "${p:-0} ${f:-0}"
}

# step NAME COUNTER CMD... — runs a check; COUNTER is cargo, node or one (a single pass/fail)
step() {
  local name="$1" counter="$2"
  shift 2
  local log rc=0 p f
  log="$(mktemp)"
  printf '\033[1m--> %s\033[0m\n' "$name"
  "$@" >"$log" 2>&1 || rc=$?
  case "$counter" in
    cargo) read -r p f < <(count_cargo "$log") ;;
    node) read -r p f < <(count_node "$log") ;;
    *) if [ $rc -eq 0 ]; then p=1 f=0; else p=0 f=1; fi ;;
  esac
  if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi # a crash that counted no failure still fails
  PASSED=$((PASSED + p))
  FAILED=$((FAILED + f))
  if [ $rc -ne 0 ]; then
    FAILURES+=("$name")
    tail -n 80 "$log"
    printf '    \033[31mFAILED\033[0m %s (%s passed, %s failed)\n' "$name" "$p" "$f"
  else
    printf '    ok (%s passed)\n' "$p"
  fi
  rm -f "$log"
}

check_release_has_no_hooks() {
  if grep -rl -e '__rubricaTest' -e 'test-hooks' "$RELEASE_DIR"; then
    echo "the release build contains test hooks"
    return 1
  fi
  grep -q '__rubricaTest' "$TEST_DIR/background.js" || { echo "the test build lacks its hooks"; return 1; }
}

check_wasm_budget() {
  # The background module's size sets the service worker's cold start (docs/architecture.md).
  local bytes budget=$((200 * 1024))
  bytes="$(gzip -9 -c "$RELEASE_DIR/core/rubrica_core_bg.wasm" | wc -c)"
  echo "background module: $bytes bytes gzipped (budget $budget)"
  [ "$bytes" -le "$budget" ] || { echo "over budget: move the new code to the full module or make it smaller"; return 1; }
}

check_no_network_code() {
  # The product's promise: no network code in the extension. (The wasm-bindgen glue in dist/ fetches
  # the extension's own .wasm file by its chrome-extension:// URL; the privacy browser test records
  # every request at run time.)
  local hits
  hits="$(grep -rnE '\b(XMLHttpRequest|WebSocket|EventSource|sendBeacon|RTCPeerConnection)\b|\bfetch\(' extension \
    --include='*.js' --include='*.html' || true)"
  if [ -n "$hits" ]; then
    echo "network APIs in extension code:"
    echo "$hits"
    return 1
  fi
}

lint_extension() {
  local out
  out="$("$BIN/web-ext" lint --source-dir "$RELEASE_DIR" --output json --no-config-discovery 2>/dev/null || true)"
  node -e '
    const r = JSON.parse(process.argv[1]);
    for (const w of r.warnings) console.log(`warning ${w.code}: ${w.message}`);
    for (const e of r.errors) console.log(`ERROR ${e.code}: ${e.message} ${e.file ?? ""}`);
    console.log(`${r.errors.length} errors, ${r.warnings.length} warnings`);
    process.exit(r.errors.length === 0 ? 0 : 1);' "$out"
}

run_tests() {
  ensure_tools
  ensure_chromium
  ensure_firefox
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
  step "cargo fmt --check" one cargo fmt --all -- --check
  step "cargo clippy (native)" one cargo clippy --all-targets -- -D warnings
  step "cargo clippy (native, background features)" one cargo clippy --no-default-features --all-targets -- -D warnings
  step "cargo clippy (wasm32)" one cargo clippy --target "$WASM_TARGET" --all-targets -- -D warnings
  step "cargo clippy (wasm32, background features)" one \
    cargo clippy --target "$WASM_TARGET" --no-default-features --features engine --lib -- -D warnings
  step "cargo clippy (wasm32, ledger book features)" one \
    cargo clippy --target "$WASM_TARGET" --no-default-features --features pages,importers --lib -- -D warnings
  # The pages' features alone (no importers, no library search): a build the features allow,
  # kept compiling (it broke once unnoticed).
  step "cargo clippy (wasm32, pages features alone)" one \
    cargo clippy --target "$WASM_TARGET" --no-default-features --features engine,pages --lib -- -D warnings
  step "native tests" cargo cargo test --workspace
  step "native tests (background features)" cargo cargo test --workspace --no-default-features --lib
  step "WASM facade tests (wasm-bindgen-test, Node)" cargo \
    cargo test --target "$WASM_TARGET" -p rubrica-core --test wasm
  step "build (release + test variant)" one build
  step "release build has no test hooks" one check_release_has_no_hooks
  step "no network code in extension/" one check_no_network_code
  step "background WASM module within 200 KB gzipped" one check_wasm_budget
  step "web-ext lint (0 errors)" one lint_extension
  step "dependencies point one way (dependency-cruiser)" one "$BIN/depcruise" extension --config .dependency-cruiser.cjs
  step "JS unit tests (node --test)" node node --test --test-reporter=spec tests/unit/
  mkdir -p "$ARTIFACTS"
  # A test that hangs (a browser that stops answering) fails after 5 minutes instead of eating CI's 90.
  step "browser tests (Chromium)" node node --test --test-reporter=spec --test-concurrency=1 --test-timeout=300000 tests/e2e/
  step "browser tests (Firefox ESR)" node node --test --test-reporter=spec --test-concurrency=1 --test-timeout=300000 tests/firefox/
  echo
  if [ ${#FAILURES[@]} -gt 0 ]; then
    echo "Failed: ${FAILURES[*]}"
  fi
  echo "$PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
}

# --- demo, bench -------------------------------------------------------------------------------
demo() {
  build
  ensure_chromium
  mkdir -p "$ARTIFACTS"
  node tests/demo.mjs
}

bench() {
  build
  ensure_chromium
  node tests/bench/run.mjs
}

usage() {
  cat <<'EOF'
Usage: ./build.sh [command]

  (none)   install what is missing, then build dist/rubrica (the extension users load),
           dist/rubrica-test (the same plus test hooks) and dist/rubrica-<version>.zip
  test     run every check: fmt, clippy, native and WASM tests, JS unit tests, web-ext lint,
           the release-has-no-hooks check and the browser suite; last line "N passed, N failed"
  demo     open Chromium with Rubrica and a sample task page (headless: saves a screenshot)
  bench    run the benchmarks and print each figure beside what it is compared with
  clean    remove dist/, target/pkg and test artifacts
  help     show this list
EOF
}

case "${1:-build}" in
  build) build ;;
  test) run_tests ;;
  demo) demo ;;
  bench) bench ;;
  clean) rm -rf "$DIST" "$PKG_DIR" "$ARTIFACTS" ;;
  help | -h | --help) usage ;;
  *) usage; exit 2 ;;
esac
