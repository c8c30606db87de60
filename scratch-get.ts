import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNodeServer } from './src/entry/node.js';
const dir = mkdtempSync(join(tmpdir(), 'zb-'));
const s = await startNodeServer({ dataDir: dir, port: 0, webAssets: null, handleSignals: false, log: () => {} } as any);
const form = readFileSync('../shared/seed/baai-2022.json', 'utf8');
const r = await fetch(`${s.url}/api/forms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: form });
const { id } = await r.json() as any;
const t0 = performance.now();
for (let i = 0; i < 3000; i++) { const x = await fetch(`${s.url}/api/forms/${id}`); await x.arrayBuffer(); }
console.log('GET ms/req', ((performance.now() - t0) / 3000).toFixed(3));
await s.close();
