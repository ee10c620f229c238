// The floor of the detect benchmark: gunzip + JSON.parse of every trail file, sorted walk, no
// matching. Plain JavaScript (no tsx) so its start-up is as light as Node's; prints the count.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

function* walk(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.name.endsWith('.json.gz')) yield p;
  }
}
let events = 0;
for (const file of walk(process.argv[2])) events += JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')).Records.length;
console.log(events);
