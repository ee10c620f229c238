/** Child of the engine part of `npm run bench -- scale`: one measurement (`cold` or `warm`) on a fresh process, printed as JSON. */
import { measureOnce } from './engine-hetero.js';

const [kind, count, minS] = process.argv.slice(2);
console.log(JSON.stringify(measureOnce(kind === 'warm' ? 'warm' : 'cold', Number(count), Number(minS))));
