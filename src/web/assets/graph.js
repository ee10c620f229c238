// Escalation path as a graph: every step is its own edge between its own two nodes, laid out
// left to right in step order. Node ids are positions (n0, n1, ...), not ARNs: a path that
// passes a principal twice, or whose step acts on a resource other than the next actor, still
// shows every hop (keying nodes by ARN merged them and skipped a hop). cytoscape (served from
// node_modules, loaded as a global) draws it; node and edge counts are also written to the
// container's data attributes so tests and assistive tech can read them.

/** Short label for an ARN: the part after the last `/` or `:`. */
export function shortName(arn) {
  const s = String(arn);
  const cut = Math.max(s.lastIndexOf('/'), s.lastIndexOf(':'));
  return cut >= 0 && cut < s.length - 1 ? s.slice(cut + 1) : s;
}

// Horizontal distance between nodes: wider than an edge label's wrap width so labels never meet.
const GAP = 260;
const LABEL_WIDTH = 200;

/** The principal a step lands on: its `to`, or its `target` when the step acts on itself. */
function landing(step) {
  return step.to === step.from && step.target ? step.target : step.to;
}

/** cytoscape elements for an ordered path of steps: one edge per step, one node per hop end. */
export function pathElements(path) {
  const nodes = [];
  const edges = [];
  const node = (arn) => {
    const id = `n${nodes.length}`;
    nodes.push({ data: { id, arn, label: shortName(arn) }, position: { x: nodes.length * GAP, y: 0 } });
    return id;
  };
  let prev; // { id, arn } of the last node placed
  path.forEach((step, i) => {
    // Consecutive steps share a node only when the next actor is the previous landing.
    const source = prev && prev.arn === step.from ? prev.id : node(step.from);
    const to = landing(step);
    const target = node(to);
    edges.push({ data: { id: `step${i}`, source, target, label: `${i + 1}. ${step.method}`, via: step.target ?? '' } });
    prev = { id: target, arn: to };
  });
  if (nodes.length) {
    nodes[0].classes = 'start';
    nodes[nodes.length - 1].classes = 'goal';
  }
  return { nodes, edges };
}

/** Draws `path` into `container`; returns the cytoscape instance (also kept on window.cy). */
export function drawPath(container, path) {
  const { nodes, edges } = pathElements(path);
  container.dataset.nodeCount = String(nodes.length);
  container.dataset.edgeCount = String(edges.length);
  if (typeof window.cytoscape !== 'function') {
    container.textContent = 'The graph library did not load; the steps are listed below.';
    return undefined;
  }
  const cy = window.cytoscape({
    container,
    elements: [...nodes, ...edges],
    layout: { name: 'preset', fit: true, padding: 50 },
    maxZoom: 1.4,
    userZoomingEnabled: true,
    wheelSensitivity: 0.3,
    style: [
      { selector: 'node', style: { label: 'data(label)', 'background-color': '#3b6ea5', color: '#1b1f24', 'font-size': 12, 'text-valign': 'bottom', 'text-margin-y': 6, 'text-wrap': 'wrap', 'text-max-width': LABEL_WIDTH, width: 28, height: 28 } },
      { selector: 'node.start', style: { 'background-color': '#c77c02' } },
      { selector: 'node.goal', style: { 'background-color': '#b3261e', shape: 'diamond' } },
      { selector: 'edge', style: { label: 'data(label)', width: 2, 'line-color': '#8a94a6', 'target-arrow-color': '#8a94a6', 'target-arrow-shape': 'triangle', 'curve-style': 'straight', 'font-size': 11, 'text-wrap': 'wrap', 'text-max-width': LABEL_WIDTH, 'text-valign': 'top', 'text-background-color': '#ffffff', 'text-background-opacity': 0.9, 'text-background-padding': 2, 'text-margin-y': -14 } },
    ],
  });
  window.cy = cy;
  return cy;
}
