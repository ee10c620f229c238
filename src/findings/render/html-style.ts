/** Inline CSS of the HTML report (kept apart so the markup stays readable). */
export const REPORT_CSS = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{background:#14213d;color:#fff;padding:18px 28px}header h1{margin:0;font-size:22px}.meta{margin:4px 0 0;opacity:.8}
main{padding:18px 28px;max-width:1280px}section{background:#fff;border-radius:8px;padding:14px 18px;margin:0 0 18px;box-shadow:0 1px 2px #0001}
h2{font-size:17px;margin:0 0 10px}h3{font-size:15px;margin:0 0 8px}.empty{color:#667}
ul.counts{display:flex;gap:12px;list-style:none;padding:0;margin:0 0 8px}ul.counts li{padding:6px 12px;border-radius:6px;background:#eef}
ul.counts .badge{font-size:15px}ul.types{columns:3;margin:0}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e3e5ea;vertical-align:top}
th{background:#f0f2f5}code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;word-break:break-all}
.badge{display:inline-block;padding:1px 7px;border-radius:10px;font-size:11px;font-weight:700;color:#fff;background:#889}
.CRITICAL{background:#b00020;color:#fff}.HIGH{background:#d9480f;color:#fff}.MEDIUM{background:#e6a700;color:#1d2330}.LOW{background:#2b8a3e;color:#fff}.INFO{background:#5c7cfa;color:#fff}
.path{border:1px solid #e3e5ea;border-radius:8px;padding:10px 12px;margin:0 0 12px}
.steps{display:flex;flex-wrap:wrap;align-items:flex-start;gap:6px}.arrow{font-size:22px;color:#889;align-self:center}
.step{border:1px solid #cfd4dc;border-radius:6px;padding:6px 8px;max-width:340px;background:#fbfbfd}
.node{background:#e7ecff;border-radius:6px;padding:4px 8px;margin-top:4px}.node.start{background:#ffe8cc;align-self:center}
.method{font-weight:600}.desc{color:#334}.actions code{background:#f0f2f5;padding:0 3px;border-radius:3px}
ul.evidence{margin:4px 0 0;padding-left:18px;color:#556}
`;
