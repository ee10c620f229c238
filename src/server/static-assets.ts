/**
 * The web UI's static files, loaded into memory at start-up from `src/web/` (and cytoscape's
 * browser build from node_modules). Only files listed here are ever served: request paths never
 * reach the file system, so there is no traversal to guard against.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One file ready to send. */
export interface StaticAsset {
  body: Buffer;
  type: string;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/** Folder holding `index.html` and `assets/`. */
export const WEB_ROOT = fileURLToPath(new URL('../web/', import.meta.url));

/** URL path → asset, for `/`, `/assets/*` and `/assets/vendor/cytoscape.min.js`. */
export function loadStaticAssets(webRoot: string = WEB_ROOT): Map<string, StaticAsset> {
  const assets = new Map<string, StaticAsset>();
  const index = { body: readFileSync(join(webRoot, 'index.html')), type: TYPES['.html']! };
  assets.set('/', index);
  assets.set('/index.html', index);
  const dir = join(webRoot, 'assets');
  for (const name of readdirSync(dir)) {
    const type = TYPES[extname(name)];
    if (type) assets.set(`/assets/${name}`, { body: readFileSync(join(dir, name)), type });
  }
  // cytoscape's UMD build is served from the installed package: no CDN, no copy to keep in sync.
  // Without it (an install that omitted dev dependencies) the page lists path steps as text.
  try {
    const require = createRequire(import.meta.url);
    assets.set('/assets/vendor/cytoscape.min.js', { body: readFileSync(require.resolve('cytoscape/dist/cytoscape.min.js')), type: TYPES['.js']! });
  } catch {
    // leave it out: /assets/vendor/cytoscape.min.js answers 404 and graph.js falls back
  }
  return assets;
}
