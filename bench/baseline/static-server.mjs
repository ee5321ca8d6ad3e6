// Tiny static server for the plain-DOM baseline page (plain Node, no tsx, no framework), so the
// baseline reader fetches its document over HTTP like the app does and its cold start is a floor.
//   node bench/baseline/static-server.mjs [DOC_JSON]   → prints "open http://127.0.0.1:PORT/"
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const docPath = process.argv[2];

const INDEX = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>baseline reader</title>
<style>
  body { margin: 0; font-family: system-ui, sans-serif; display: grid; grid-template-columns: 300px 1fr; height: 100vh; }
  nav { border-right: 1px solid #ddd; padding: 8px; }
  #open { display: block; width: 100%; height: 64px; text-align: left; }
  main { overflow: auto; }
  #reader { max-width: 46em; margin: 0 auto; padding: 24px 32px; font-size: 18px; line-height: 1.9; }
  #reader p { margin: 0 0 0.75em; }
  mark { color: inherit; padding-bottom: 4px; }
</style></head>
<body><nav aria-label="documents"><button id="open" data-doc-id="1">基准长文档</button></nav>
<main><div id="reader" data-testid="reader" tabindex="0"></div></main>
<script src="page.js"></script></body></html>`;

const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (path === '/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return res.end(INDEX);
  }
  if (path === '/page.js') {
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
    return res.end(readFileSync(join(here, 'page.js')));
  }
  if (path === '/doc.json' && docPath && existsSync(docPath)) {
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(readFileSync(docPath));
  }
  res.writeHead(404).end();
});

server.listen(0, '127.0.0.1', () => {
  console.log(`open http://127.0.0.1:${server.address().port}/`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
