#!/usr/bin/env bash
# Installs the Debian packages tc0 needs, only those missing (so a ready machine is not touched).
set -euo pipefail
packages=(cmake ninja-build g++ git pkg-config
          libboost-graph-dev libcli11-dev nlohmann-json3-dev doctest-dev libgmp-dev libmpfr-dev
          berkeley-abc yosys iverilog python3 python3-numpy python3-matplotlib)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "tc0: installing ${missing[*]}" >&2
sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q >&2
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
