"""Run the vendored axe-core (tests/browser/vendor/axe-core) in a page and describe
what it finds in words a developer can act on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page

AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2, levels A and AA (docs/quality.md#accessibility).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# At most this many offending elements are shown per rule.
NODES_SHOWN = 5

_RUN_AXE = """async (tags) => {
  const result = await window.axe.run(document, {
    runOnly: { type: "tag", values: tags },
    resultTypes: ["violations"],
  });
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({
      target: n.target.map(String),
      html: n.html,
      summary: n.failureSummary || "",
    })),
  }));
}"""


def context_with_axe(browser: Browser, *, width: int) -> BrowserContext:
    """A fresh context (own cookies) whose pages all carry axe. An init script is not
    subject to the page's Content-Security-Policy, so the real CSP stays on."""
    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="nl-NL"
    )
    context.add_init_script(path=str(AXE_JS))
    return context


def axe_violations(page: Page) -> list[dict[str, Any]]:
    violations: list[dict[str, Any]] = page.evaluate(_RUN_AXE, AXE_TAGS)
    return violations


def describe_violations(violations: list[dict[str, Any]], *, where: str) -> str:
    lines = [f"{len(violations)} axe violation(s) on {where}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}"
            f"  <{violation['helpUrl']}>"
        )
        for node in violation["nodes"][:NODES_SHOWN]:
            lines.append(f"    at {' '.join(node['target'])}: {node['html'][:300]}")
            for line in node["summary"].splitlines():
                lines.append(f"      {line}")
        hidden = len(violation["nodes"]) - NODES_SHOWN
        if hidden > 0:
            lines.append(f"    … and {hidden} more element(s)")
    return "\n".join(lines)
