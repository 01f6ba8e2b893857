"""A real headless Chromium (the system's, driven by Playwright) for the views, with the network cut."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("Chromium not installed (apt-get install chromium fonts-noto-cjk): browser checks skipped")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed: browser checks skipped")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


class Opened:
    """A page opened offline: every request that is not the file itself is refused and recorded."""

    def __init__(self, browser, path: Path, width: int = 1500, height: int = 950, ready: str = "body[data-drawn='1'][data-stable='1']"):
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.asked: list[str] = []
        self.errors: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", self._route)
        self.page.goto(path.as_uri())
        self.page.wait_for_selector(ready, timeout=20000)

    def _route(self, route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.asked.append(route.request.url)
            route.abort()

    def attr(self, name: str) -> str | None:
        return self.page.get_attribute("body", name)

    def search(self, text: str) -> str | None:
        self.page.fill("#pkg-search", text)
        self.page.press("#pkg-search", "Enter")
        return self.attr("data-focused")

    def click_node(self, node_id: str) -> None:
        """A real mouse click where the node is drawn."""
        self.page.evaluate("id => pkg.network.focus(id, {scale: 1.0, animation: false})", node_id)
        at = self.page.evaluate("id => pkg.network.canvasToDOM(pkg.network.getPositions([id])[id])", node_id)
        box = self.page.locator("#pkg-network").bounding_box()
        self.page.mouse.click(box["x"] + at["x"], box["y"] + at["y"])

    def click_edge(self, index: int = 0) -> None:
        at = self.page.evaluate("""i => { var n = pkg.network, e = pkg.edges.get()[i], p = n.getPositions([e.from, e.to]);
            var mid = {x: (p[e.from].x + p[e.to].x) / 2, y: (p[e.from].y + p[e.to].y) / 2};
            n.moveTo({position: mid, scale: 1.0, animation: false}); return n.canvasToDOM(mid); }""", index)
        box = self.page.locator("#pkg-network").bounding_box()
        self.page.mouse.click(box["x"] + at["x"], box["y"] + at["y"])

    def panel(self) -> str:
        return self.page.inner_text("#pkg-panel")

    def shot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"view-{name}.png"
        self.page.screenshot(path=str(path))
        return path

    def close(self) -> None:
        assert not self.asked, f"the page asked the network for {self.asked}"
        assert not self.errors, self.errors
        self.page.close()
