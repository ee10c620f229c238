// A node:test reporter that writes one JSON line per skipped or todo test (file, name, reason), so
// scripts/run-tests.mjs can fail the run on any not on its allow-list. The spec reporter still
// prints the run as before; this one only listens.
export default async function* skipsReporter(source) {
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { skip, todo, name, file } = event.data;
    if (skip === undefined && todo === undefined) continue;
    const kind = skip !== undefined ? 'skip' : 'todo';
    const reason = (skip ?? todo) === true ? '' : String(skip ?? todo);
    yield `${JSON.stringify({ kind, file: file ?? '', name, reason })}\n`;
  }
}
