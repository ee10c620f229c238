// Data helpers shared by the overview and the findings page: complete listings (all pages),
// a finding's cloud, and counting. No DOM here.
import { api, qs } from './api.js';

/** Pages through `/findings` (500 a page) and returns every item matching `filters`. */
export async function allFindings(filters) {
  const items = [];
  let cursor;
  do {
    const page = await api(`/findings${qs({ ...filters, limit: 500, cursor })}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** The cloud a finding belongs to: its own `cloud` field, else read from the resource id. */
export function cloudOf(f) {
  if (f.cloud) return String(f.cloud).toLowerCase();
  const r = String(f.resource ?? '');
  if (r.startsWith('arn:')) return 'aws';
  if (r.startsWith('/subscriptions/') || r.startsWith('/providers/') || r.startsWith('/tenants/')) return 'azure';
  if (r.startsWith('//') || r.startsWith('projects/') || r.startsWith('organizations/') || r.startsWith('folders/')) return 'gcp';
  return 'other';
}

/** Counts of `items` by `key(item)`, biggest first (ties by name), in a fixed `order` when given. */
export function countBy(items, key, order) {
  const counts = new Map();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  const rows = [...counts.entries()];
  if (order) rows.sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]));
  else rows.sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])));
  return rows;
}
