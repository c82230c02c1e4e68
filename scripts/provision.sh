#!/usr/bin/env bash
# Makes sure everything the real-MediaWiki tests and the demo wiki need is present:
#   - Debian packages: PHP 8.2 CLI with SQLite/intl/mbstring/xml, Chromium;
#   - MediaWiki 1.39 (bookworm) and 1.43 (trixie) code trees under .cache/mediawiki/<version>/.
# Idempotent: with everything present it only looks, and takes about a second.
# The MediaWiki trees come from `apt-get download` + `dpkg-deb -x` with a private apt
# configuration, so the system's apt setup is never changed and no apache2 is installed.
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="$ROOT/.cache/mediawiki"
PACKAGES=(php-cli php-sqlite3 php-intl php-mbstring php-xml chromium)
# Per MediaWiki version: which Debian suite (codename) carries it.
declare -A SUITE_OF=([1.39]=bookworm [1.43]=trixie)
# Network steps get a hard limit so a dead mirror fails instead of hanging.
NET_TIMEOUT=900
APT_NET_OPTS=(-o Acquire::http::Timeout=30 -o Acquire::https::Timeout=30 -o Acquire::Retries=2)

say() { printf 'provision: %s\n' "$*" >&2; }
die() { printf 'provision: ERROR: %s\n' "$*" >&2; exit 1; }
# Any other failing command still ends the run with a message saying which.
trap 'die "command failed (line $LINENO): $BASH_COMMAND"' ERR

missing_packages() {
  local pkg status
  for pkg in "${PACKAGES[@]}"; do
    status="$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)"
    [[ "$status" == installed ]] || printf '%s\n' "$pkg"
  done
}

ensure_packages() {
  local missing
  mapfile -t missing < <(missing_packages)
  if ((${#missing[@]})); then
    local cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"
    if [[ "$(id -u)" != 0 ]]; then
      die "missing Debian packages: ${missing[*]}
  install them as root with:
    sudo sh -c '$cmd'"
    fi
    say "installing Debian packages: ${missing[*]} (takes a minute or two)"
    timeout "$NET_TIMEOUT" apt-get "${APT_NET_OPTS[@]}" update -qq \
      || die "apt-get update failed (see above)"
    DEBIAN_FRONTEND=noninteractive timeout "$NET_TIMEOUT" apt-get "${APT_NET_OPTS[@]}" install -y -qq \
      --no-install-recommends "${missing[@]}" >/dev/null \
      || die "apt-get install ${missing[*]} failed (see above)"
  fi
  [[ -x /usr/bin/php ]] || die "/usr/bin/php is missing although php-cli is installed (check: update-alternatives --display php)"
  [[ -x /usr/bin/chromium ]] || die "/usr/bin/chromium is missing although chromium is installed"
  php -r 'exit(extension_loaded("pdo_sqlite") && extension_loaded("intl") && extension_loaded("mbstring") && extension_loaded("xml") ? 0 : 1);' \
    || die "PHP lacks one of pdo_sqlite, intl, mbstring, xml (packages: php-sqlite3 php-intl php-mbstring php-xml)"
}

# Prints the system's apt sources as "URI SUITE SIGNED-BY" lines (one per suite), read from
# deb822 files (/etc/apt/sources.list.d/*.sources) and one-line lists (sources.list, *.list).
# Only Debian's own kind of entry matters here: Types deb, component main.
system_sources() {
  local f
  shopt -s nullglob
  for f in /etc/apt/sources.list.d/*.sources; do
    awk '
      function flush() {
        if (types ~ /(^| )deb( |$)/ && comps ~ /(^| )main( |$)/ && enabled != "no") {
          n = split(uris, u, " "); m = split(suites, s, " ")
          for (i = 1; i <= n; i++) for (j = 1; j <= m; j++) print u[i], s[j], (signed == "" ? "-" : signed)
        }
        types = uris = suites = comps = signed = enabled = ""
      }
      /^[ \t]*#/ { next }
      /^[ \t]*$/ { flush(); next }
      {
        key = tolower($1); sub(/:$/, "", key); $1 = ""; sub(/^[ \t]+/, "")
        if (key == "types") types = $0; else if (key == "uris") uris = $0
        else if (key == "suites") suites = $0; else if (key == "components") comps = $0
        else if (key == "signed-by") signed = $0; else if (key == "enabled") enabled = tolower($0)
      }
      END { flush() }' "$f"
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f "$f" ]] || continue
    awk '
      /^[ \t]*deb[ \t]/ {
        signed = "-"; line = $0; sub(/^[ \t]*deb[ \t]+/, "", line)
        if (line ~ /^\[/) {
          opts = substr(line, 2, index(line, "]") - 2); line = substr(line, index(line, "]") + 1)
          if (match(opts, /signed-by=[^ ]+/)) signed = substr(opts, RSTART + 10, RLENGTH - 10)
        }
        n = split(line, w, " ")
        for (i = 3; i <= n; i++) if (w[i] == "main") { print w[1], w[2], signed; break }
      }' "$f"
  done
}

# Writes a one-line-format source list for SUITE: every system entry for the system's own
# codename (plain, -updates, -security) with the codename replaced by SUITE.
write_source_list() {
  local suite="$1" out="$2" codename uri sys_suite signed n=0
  codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
  [[ -n "$codename" ]] || die "cannot tell the system's Debian codename from /etc/os-release"
  : >"$out"
  while read -r uri sys_suite signed; do
    case "$sys_suite" in
      "$codename" | "$codename"-updates | "$codename"-security) ;;
      *) continue ;;
    esac
    local opts=""
    [[ "$signed" != - && "$signed" != *$'\n'* ]] && opts="[signed-by=$signed] "
    echo "deb ${opts}${uri} ${sys_suite/#$codename/$suite} main" >>"$out"
    n=$((n + 1))
  done < <(system_sources | sort -u)
  ((n)) || die "found no Debian 'main' entry for suite $codename in /etc/apt/sources.list{,.d/} to derive a $suite mirror from"
}

tree_ok() {
  local code="$1/usr/share/mediawiki"
  [[ -f "$1/VERSION" && -d "$code/includes" && -f "$code/maintenance/install.php" \
    && -f "$code/extensions/Gadgets/extension.json" ]]
}

ensure_mediawiki() {
  local version="$1" suite="${SUITE_OF[$1]}" dest="$CACHE/$1"
  if tree_ok "$dest"; then return 0; fi

  say "fetching MediaWiki $version from Debian $suite (private apt configuration)"
  local work
  work="$(mktemp -d "$CACHE/.fetch-$version.XXXXXX")"
  # Removed on any exit from here on (the trap is replaced by the next call's).
  trap 'rm -rf "$work"' EXIT
  mkdir -p "$work/state/lists/partial" "$work/cache/archives/partial" "$work/parts" "$work/debs" "$work/tree"
  write_source_list "$suite" "$work/sources.list"
  local apt_opts=(
    "${APT_NET_OPTS[@]}"
    -o Dir::Etc::SourceList="$work/sources.list" -o Dir::Etc::SourceParts="$work/parts"
    -o Dir::State="$work/state" -o Dir::Cache="$work/cache" -o Dir::State::status=/var/lib/dpkg/status
    -o Acquire::Languages=none -o APT::Sandbox::User=root
  )
  timeout "$NET_TIMEOUT" apt-get "${apt_opts[@]}" update -qq \
    || die "apt-get update for Debian $suite failed (sources: $(tr '\n' ';' <"$work/sources.list"))"
  (cd "$work/debs" && timeout "$NET_TIMEOUT" apt-get "${apt_opts[@]}" download -qq mediawiki mediawiki-classes) \
    || die "apt-get download mediawiki mediawiki-classes from Debian $suite failed"

  local deb
  for deb in "$work"/debs/*.deb; do
    dpkg-deb -x "$deb" "$work/tree" || die "cannot unpack $(basename "$deb")"
  done
  # In the package this is an absolute link into /var/lib/mediawiki; point it at the shipped extensions.
  ln -sfn extensions-core "$work/tree/usr/share/mediawiki/extensions"
  dpkg-deb -f "$(ls "$work"/debs/mediawiki_*.deb)" Version >"$work/tree/VERSION"
  tree_ok "$work/tree" || die "the extracted MediaWiki $version tree lacks includes/, maintenance/install.php or extensions/Gadgets"

  rm -rf "$dest"
  mv "$work/tree" "$dest"
  rm -rf "$work"
  trap - EXIT
  say "MediaWiki $version ready: Debian package $(cat "$dest/VERSION") in ${dest#"$ROOT"/}"
}

ensure_packages
mkdir -p "$CACHE"
for version in 1.39 1.43; do ensure_mediawiki "$version"; done
