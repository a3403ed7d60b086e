"""The HTML views in a real headless Chromium: offline, error-free, searchable, filterable, escaped."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from claimgraph.audit import run_audit
from claimgraph.namespaces import CLAIM
from claimgraph.network import View, build_network, select_view
from claimgraph.network.pages import (
    EDGE_LABELS_AROUND,
    LABELS_AT_LOAD_MAX,
    LABELS_ON_SCREEN_MAX,
    VERDICT_STYLES,
    ClaimVerdict,
    render_view,
)
from claimgraph.network.verdicts import audit_verdicts
from claimgraph.store import load
from helpers import CLAIM_HIV_PAIN, CLAIM_OPIOIDS, FIXTURES, GRAPHS, STUDY_NULL_RCT, TINY, synthetic_graph

BIG_NODES = 2000
LAZY_NODES = LABELS_AT_LOAD_MAX + 10

pytestmark = pytest.mark.browser

HOSTILE_CLAIM = str(CLAIM["hostile"])



@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The exported views under test, written once."""
    folder = tmp_path_factory.mktemp("views")
    tiny = build_network(load([TINY]))
    hostile = build_network(load([FIXTURES / "xss.ttl"]))
    verdicts = {str(CLAIM_HIV_PAIN): ClaimVerdict("weak", "contradicted", 2, ("error contradicted: null RCT",)),
                str(CLAIM_OPIOIDS): ClaimVerdict("unsupported", "animal only", 6, ())}
    curated = load([GRAPHS])
    hostile_big = nx.compose(hostile, synthetic_graph(LAZY_NODES))
    views = {
        "full": render_view(select_view(tiny, "full")),
        "curated-audit": render_view(select_view(build_network(curated), "audit"), audit_verdicts(run_audit(curated)),
                                     colour_by_verdict=True),
        "hostile-big": render_view(select_view(hostile_big, "full")),
        "audit": render_view(select_view(tiny, "audit"), verdicts, colour_by_verdict=True),
        "hostile": render_view(select_view(hostile, f"claim:{HOSTILE_CLAIM}")),
        "hostile-full": render_view(select_view(hostile, "full")),
        "big": render_view(View("full", "big", synthetic_graph(BIG_NODES))),
    }
    paths = {}
    for name, html in views.items():
        paths[name] = folder / f"{name}.html"
        paths[name].write_text(html, encoding="utf-8")
    return paths


@dataclass
class LoadedPage:
    page: Any
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)


@pytest.fixture
def open_view(browser: Any) -> Iterator[Any]:
    """Open a view file, record errors and requests, wait until the page says it is ready."""
    contexts = []

    def opener(path: Path) -> LoadedPage:
        context = browser.new_context(viewport={"width": 1280, "height": 800}, offline=True)
        contexts.append(context)
        loaded = LoadedPage(context.new_page())
        loaded.page.on("pageerror", lambda error: loaded.errors.append(f"pageerror: {error}"))
        loaded.page.on("console", lambda message: loaded.errors.append(f"console {message.type}: {message.text}")
                       if message.type in ("error", "warning") else None)
        loaded.page.on("request", lambda request: loaded.requests.append(request.url))
        loaded.page.goto(path.as_uri())
        loaded.page.wait_for_function("() => document.documentElement.dataset.ready === 'true'", timeout=20_000)
        return loaded

    yield opener
    for context in contexts:
        context.close()


def _node_dom_position(loaded: LoadedPage, node: str) -> tuple[float, float]:
    """Where a node is drawn, in page coordinates."""
    return tuple(loaded.js("""(id) => {
        const net = window.claimgraph.network;
        const dom = net.canvasToDOM(net.getPosition(id));
        const box = document.getElementById('graph').getBoundingClientRect();
        return [box.left + dom.x, box.top + dom.y];
    }""", node))


def test_full_view_loads_offline_with_every_node_and_edge(open_view, pages, tmp_path: Path) -> None:
    loaded = open_view(pages["full"])
    graph = build_network(load([TINY]))
    assert loaded.js("window.claimgraph.network.body.data.nodes.length") == graph.number_of_nodes()
    assert loaded.js("window.claimgraph.network.body.data.edges.length") == graph.number_of_edges()
    assert loaded.errors == []
    assert loaded.requests and all(url.startswith("file://") for url in loaded.requests), loaded.requests
    shot = tmp_path / "full.png"
    loaded.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000


def test_big_view_with_plain_edges_loads_and_shows_tooltips(open_view, pages) -> None:
    loaded = open_view(pages["big"])
    assert loaded.js("window.claimgraph.network.body.data.nodes.length") == BIG_NODES
    assert loaded.js("window.claimgraph.network.body.data.edges.length") == BIG_NODES - 1
    node = f"urn:n{BIG_NODES // 2}"
    loaded.js("(id) => window.claimgraph.network.focus(id, { scale: 1.5, animation: false })", node)
    x, y = _node_dom_position(loaded, node)
    loaded.page.mouse.move(x, y)
    tooltip = loaded.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert f"node {BIG_NODES // 2}" in tooltip.inner_text()
    loaded.page.mouse.click(x, y)
    assert loaded.js("window.claimgraph.network.getSelectedNodes()") == [node]
    assert loaded.errors == []


def test_big_view_labels_the_nodes_on_screen_once_zoomed_in(open_view, pages) -> None:
    loaded = open_view(pages["big"])
    label = "(id) => window.claimgraph.network.body.nodes[id].options.label"
    assert not loaded.js(label, "urn:n1500"), "no labels at load, zoomed out"
    loaded.page.fill("#search", "node 1500")
    loaded.page.press("#search", "Enter")
    assert loaded.js("window.claimgraph.network.getSelectedNodes()") == ["urn:n1500"]
    assert loaded.js(label, "urn:n1500") == "node 1500"
    assert not loaded.js(label, "urn:n14"), "nodes far off screen (conditions, four bands down) stay unlabelled"
    assert loaded.errors == []


def test_hovering_a_claim_shows_its_tooltip_and_clicking_keeps_it(open_view, pages) -> None:
    loaded = open_view(pages["full"])
    x, y = _node_dom_position(loaded, str(CLAIM_HIV_PAIN))
    loaded.page.mouse.move(x, y)
    tooltip = loaded.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert "not more effective than placebo" in tooltip.inner_text()
    loaded.page.mouse.click(x, y)
    assert loaded.js("window.claimgraph.network.getSelectedNodes()") == [str(CLAIM_HIV_PAIN)]
    details = loaded.page.locator("#details-body").inner_text()
    assert "acupuncture is proven to relieve HIV neuropathy pain" in details
    assert loaded.errors == []


def test_search_box_selects_and_centres_a_node(open_view, pages) -> None:
    loaded = open_view(pages["full"])
    loaded.page.wait_for_function("""() => new Promise(done => {
        const network = window.claimgraph.network, before = network.getViewPosition();
        setTimeout(() => { const after = network.getViewPosition();
                           done(before.x === after.x && before.y === after.y); }, 250);
    })""", timeout=10_000)  # a loaded machine may still be fitting the first drawing: search once it is still
    loaded.page.fill("#search", "trial 1998")
    loaded.page.press("#search", "Enter")
    assert loaded.js("window.claimgraph.network.getSelectedNodes()") == [str(STUDY_NULL_RCT)]
    centred = """(id) => { const network = window.claimgraph.network, centre = network.getViewPosition(),
                            node = network.getPosition(id);
                            return Math.abs(centre.x - node.x) < 1 && Math.abs(centre.y - node.y) < 1; }"""
    loaded.page.wait_for_function(centred, arg=str(STUDY_NULL_RCT), timeout=5_000)  # a busy machine animates late
    assert "Trial 1998" in loaded.page.locator("#details-title").inner_text()
    assert loaded.page.locator("#search-status").inner_text().startswith("1 of 1")


def test_search_for_nothing_says_so(open_view, pages) -> None:
    loaded = open_view(pages["full"])
    loaded.page.fill("#search", "no node is called this")
    loaded.page.press("#search", "Enter")
    assert loaded.page.locator("#search-status").inner_text() == "no match"
    assert loaded.js("window.claimgraph.network.getSelectedNodes()") == []


def test_filter_hides_a_node_type_and_shows_it_again(open_view, pages) -> None:
    loaded = open_view(pages["full"])
    visible_studies = """() => Object.values(window.claimgraph.network.body.nodes)
        .filter(n => n.options.group === 'study' && !n.options.hidden).length"""
    assert loaded.js(visible_studies) == 3
    loaded.page.uncheck('#filters input[data-kind="study"]')
    assert loaded.js(visible_studies) == 0
    assert loaded.js("""() => Object.values(window.claimgraph.network.body.nodes)
        .filter(n => n.options.group === 'claim' && !n.options.hidden).length""") == 3
    loaded.page.check('#filters input[data-kind="study"]')
    assert loaded.js(visible_studies) == 3


def test_audit_view_draws_claims_in_verdict_colours(open_view, pages) -> None:
    loaded = open_view(pages["audit"])
    colour = "(id) => window.claimgraph.network.body.nodes[id].options.color.background"
    assert loaded.js(colour, str(CLAIM_HIV_PAIN)) == VERDICT_STYLES["weak"]["color"]
    assert loaded.js(colour, str(CLAIM_OPIOIDS)) == VERDICT_STYLES["unsupported"]["color"]
    assert loaded.page.locator("#legend-verdicts li").count() == len(VERDICT_STYLES)
    assert loaded.errors == []


@pytest.mark.parametrize("name", ["hostile", "hostile-full", "hostile-big"])
def test_hostile_labels_show_as_text_and_nothing_runs(open_view, pages, name: str) -> None:
    loaded = open_view(pages[name])
    label = build_network(load([FIXTURES / "xss.ttl"])).nodes[HOSTILE_CLAIM]["label"]
    x, y = _node_dom_position(loaded, HOSTILE_CLAIM)
    loaded.page.mouse.move(x, y)
    loaded.page.locator("div.vis-tooltip").wait_for(state="visible", timeout=5_000)
    loaded.page.mouse.click(x, y)
    assert loaded.js("(id) => window.claimgraph.network.body.nodes[id].options.label", HOSTILE_CLAIM) == label[:47] + (
        "…" if len(label) > 48 else ""), "labelled at load, or once selected, as text"
    loaded.page.fill("#search", "<svg onload")
    loaded.page.press("#search", "Enter")
    loaded.page.wait_for_timeout(200)
    assert loaded.js("window.__xss") is None
    assert loaded.js("document.querySelectorAll('img, svg[onload], iframe, b[onmouseover]').length") == 0
    assert "<iframe src=" in loaded.page.locator("#details-body").inner_text(), "the finding shows as text"
    tooltip = loaded.js("document.querySelector('div.vis-tooltip').textContent")
    assert "<script>window.__xss='claim'</script>" in tooltip
    if name == "hostile":
        assert loaded.js("document.getElementById('view-title').textContent") == f"Claim: {label}"
    assert loaded.errors == []
    assert all(url.startswith("file://") for url in loaded.requests)


def _hover_until_tooltip(loaded: LoadedPage, node: str) -> Any:
    x, y = _node_dom_position(loaded, node)
    loaded.page.mouse.move(x, y)
    tooltip = loaded.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    return tooltip


def test_tooltip_disappears_when_the_mouse_leaves_the_canvas(open_view, pages) -> None:
    loaded = open_view(pages["full"])
    tooltip = _hover_until_tooltip(loaded, str(CLAIM_HIV_PAIN))
    box = loaded.page.locator("aside").bounding_box()
    loaded.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] - 20)
    tooltip.wait_for(state="hidden", timeout=2_000)
    assert loaded.errors == []


def test_tooltip_disappears_when_its_node_type_is_hidden(open_view, pages) -> None:
    loaded = open_view(pages["full"])
    tooltip = _hover_until_tooltip(loaded, str(STUDY_NULL_RCT))
    loaded.page.focus('#filters input[data-kind="study"]')
    loaded.page.keyboard.press("Space")
    assert not loaded.page.is_checked('#filters input[data-kind="study"]'), "the mouse stayed on the canvas"
    tooltip.wait_for(state="hidden", timeout=2_000)
    assert loaded.errors == []


LABELLED_NODES = """() => Object.values(window.claimgraph.network.body.nodes)
    .filter(n => n.options.label).map(n => n.id).sort()"""
LABELLED_EDGES = """() => Object.values(window.claimgraph.network.body.edges)
    .filter(e => e.options.label).map(e => e.id).sort()"""
NODES_ON_SCREEN = """() => {
    const net = window.claimgraph.network, box = document.getElementById('graph');
    const low = net.DOMtoCanvas({x: 0, y: 0}), high = net.DOMtoCanvas({x: box.clientWidth, y: box.clientHeight});
    return Object.entries(net.getPositions())
        .filter(([id, at]) => at.x >= low.x && at.x <= high.x && at.y >= low.y && at.y <= high.y)
        .map(([id]) => id).sort();
}"""
CIPN_PAIN = "https://w3id.org/claimgraph/id/claim/relieves-cipn-pain"


def _move_to(loaded: LoadedPage, node: str, scale: float) -> None:
    """Zoom as a user would (an animated move), then wait for the page's label update."""
    loaded.js("""([id, scale]) => new Promise(done => {
        const net = window.claimgraph.network;
        net.once('animationFinished', () => setTimeout(done, 400));
        net.moveTo({position: net.getPosition(id), scale: scale, animation: {duration: 50}});
    })""", [node, scale])


def _overlapping_labels(loaded: LoadedPage) -> list[tuple[str, str]]:
    """Pairs of labelled nodes whose drawn labels overlap (boxes as vis-network measured them)."""
    loaded.page.wait_for_timeout(100)
    boxes = loaded.js("""() => Object.values(window.claimgraph.network.body.nodes).filter(n => n.options.label)
        .map(n => [n.id, n.labelModule.size.left, n.labelModule.size.top, n.labelModule.size.width,
                   n.labelModule.size.height])""")
    assert all(width > 0 for _, _, _, width, _ in boxes), "every label was drawn and measured"
    return [(a[0], b[0]) for index, a in enumerate(boxes) for b in boxes[index + 1:]
            if a[1] < b[1] + b[3] and b[1] < a[1] + a[3] and a[2] < b[2] + b[4] and b[2] < a[2] + a[4]]


def _neighbourhood(loaded: LoadedPage, node: str) -> list[str]:
    return sorted([node, *loaded.js("(id) => window.claimgraph.network.getConnectedNodes(id)", node)])


def test_big_view_has_no_labels_at_load_and_labels_the_focus_and_the_nodes_on_screen(open_view, pages) -> None:
    loaded = open_view(pages["curated-audit"])
    assert loaded.js("window.claimgraph.data.nodes.length") > LABELS_AT_LOAD_MAX
    assert loaded.js(LABELLED_NODES) == [] and loaded.js(LABELLED_EDGES) == [], "nothing to pile up at load"
    _move_to(loaded, CIPN_PAIN, 2.0)
    on_screen = loaded.js(NODES_ON_SCREEN)
    assert 0 < len(on_screen) <= LABELS_ON_SCREEN_MAX
    shown = loaded.js(LABELLED_NODES)
    assert set(shown) <= set(on_screen) and len(shown) >= min(5, len(on_screen)), "zoomed in: nodes on screen"
    assert _overlapping_labels(loaded) == [], "as vis-network measured the labels it drew"
    colours = loaded.js("""(ids) => ids.map(id => [window.claimgraph.network.body.nodes[id].options.color.background,
        (window.claimgraph.data.nodes.find(n => n.id === id).color || {}).background])""", shown)
    assert all(drawn == given for drawn, given in colours if given), "a label does not cost a claim its verdict colour"
    _move_to(loaded, CIPN_PAIN, 0.3)
    assert len(loaded.js(NODES_ON_SCREEN)) > LABELS_ON_SCREEN_MAX
    assert loaded.js(LABELLED_NODES) == [], "zoomed out again: the labels go"
    name = loaded.js("(id) => window.claimgraph.data.nodes.find(n => n.id === id).name", CIPN_PAIN)
    loaded.page.fill("#search", name)
    loaded.page.press("#search", "Enter")
    shown = loaded.js(LABELLED_NODES)
    neighbourhood = _neighbourhood(loaded, CIPN_PAIN)
    assert CIPN_PAIN in shown and len(set(neighbourhood) & set(shown)) > len(neighbourhood) / 2, "its neighbours"
    assert set(shown) - set(neighbourhood) <= set(loaded.js(NODES_ON_SCREEN))
    assert _overlapping_labels(loaded) == []
    edges = loaded.js("(id) => window.claimgraph.network.getConnectedEdges(id)", CIPN_PAIN)
    assert loaded.js(LABELLED_EDGES) == (sorted(edges) if len(edges) <= EDGE_LABELS_AROUND else [])
    assert loaded.errors == []


def test_hovering_a_node_of_a_big_view_labels_its_neighbourhood_until_the_mouse_leaves(open_view, pages) -> None:
    loaded = open_view(pages["curated-audit"])
    _move_to(loaded, CIPN_PAIN, 0.3)
    assert loaded.js(LABELLED_NODES) == []
    _hover_until_tooltip(loaded, CIPN_PAIN)
    shown = loaded.js(LABELLED_NODES)
    assert CIPN_PAIN in shown and len(shown) > 1 and set(shown) <= set(_neighbourhood(loaded, CIPN_PAIN))
    box = loaded.page.locator("aside").bounding_box()
    loaded.page.mouse.move(box["x"] + 10, box["y"] + 10)
    loaded.page.wait_for_timeout(300)
    assert loaded.js(LABELLED_NODES) == []
    assert loaded.errors == []
