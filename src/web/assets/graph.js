// Escalation path as a graph: nodes are principals, edges are steps labelled with the method.
// cytoscape (served from node_modules, loaded as a global) draws it; the node and edge counts
// are also written to the container's data attributes so tests and assistive tech can read them.

/** Short label for an ARN: the part after the last `/` or `:`. */
export function shortName(arn) {
  const s = String(arn);
  const cut = Math.max(s.lastIndexOf('/'), s.lastIndexOf(':'));
  return cut >= 0 && cut < s.length - 1 ? s.slice(cut + 1) : s;
}

/** cytoscape elements for an ordered path of steps. */
export function pathElements(path) {
  const nodes = new Map();
  const edges = [];
  path.forEach((step, i) => {
    for (const id of [step.from, step.to]) if (!nodes.has(id)) nodes.set(id, { data: { id, label: shortName(id) } });
    edges.push({ data: { id: `step${i}`, source: step.from, target: step.to, label: `${i + 1}. ${step.method}` } });
  });
  const first = path[0]?.from;
  const last = path[path.length - 1]?.to;
  // A path is acyclic and ordered: lay principals out left to right in step order.
  [...nodes.values()].forEach((node, i) => {
    node.position = { x: i * 240, y: i % 2 === 0 ? 0 : 40 };
    if (node.data.id === first) node.classes = 'start';
    else if (node.data.id === last) node.classes = 'goal';
  });
  return { nodes: [...nodes.values()], edges };
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
    layout: { name: 'preset', fit: true, padding: 40 },
    maxZoom: 1.6,
    userZoomingEnabled: true,
    wheelSensitivity: 0.3,
    style: [
      { selector: 'node', style: { label: 'data(label)', 'background-color': '#3b6ea5', color: '#1b1f24', 'font-size': 12, 'text-valign': 'bottom', 'text-margin-y': 6, width: 28, height: 28 } },
      { selector: 'node.start', style: { 'background-color': '#c77c02' } },
      { selector: 'node.goal', style: { 'background-color': '#b3261e', shape: 'diamond' } },
      { selector: 'edge', style: { label: 'data(label)', width: 2, 'line-color': '#8a94a6', 'target-arrow-color': '#8a94a6', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier', 'font-size': 11, 'text-background-color': '#ffffff', 'text-background-opacity': 0.9, 'text-background-padding': 2, 'text-margin-y': -10 } },
    ],
  });
  window.cy = cy;
  return cy;
}
