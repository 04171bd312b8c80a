"""Copy the pinned npm packages' browser files into the plugin's assets.

Run through `make vendor` (which runs `npm ci` first). The copies are
committed, so building the site never needs Node.js or the network.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = ROOT / "node_modules"
VENDOR = ROOT / "plugins" / "academy" / "templates" / "assets" / "vendor"
# Used by the tests only, never shipped with the site.
TEST_VENDOR = ROOT / "tests" / "vendor"

# package name -> {file inside the package: file inside VENDOR/<package>/}
FILES = {
    "iframe-worker": {"shim/index.js": "shim.js", "LICENSE": "LICENSE"},
    "mermaid": {"dist/mermaid.min.js": "mermaid.min.js", "LICENSE": "LICENSE"},
}


def main() -> None:
    versions = {}
    for package, files in FILES.items():
        source = MODULES / package
        manifest = json.loads((source / "package.json").read_text(encoding="utf-8"))
        versions[package] = manifest["version"]
        target = VENDOR / package
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        for inside, name in files.items():
            shutil.copyfile(source / inside, target / name)
    (VENDOR / "versions.json").write_text(
        json.dumps(versions, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    axe = MODULES / "axe-core"
    versions["axe-core"] = json.loads((axe / "package.json").read_text(encoding="utf-8"))["version"]
    TEST_VENDOR.mkdir(exist_ok=True)
    shutil.copyfile(axe / "axe.min.js", TEST_VENDOR / "axe.min.js")
    shutil.copyfile(axe / "LICENSE", TEST_VENDOR / "axe-core.LICENSE")
    (TEST_VENDOR / "versions.json").write_text(
        json.dumps({"axe-core": versions["axe-core"]}, indent=2) + "\n", encoding="utf-8"
    )
    print("vendored:", ", ".join(f"{name}@{version}" for name, version in versions.items()))


if __name__ == "__main__":
    main()
