const t0 = performance.now();
const m = await import('../dist/src/index.js');
const t1 = performance.now();
const db = await m.openCtsDatabase(m.resolveConfig({ configFile: false }));
const t2 = performance.now();
await db.users.findFirst({ where: { username: 'nobody' } });
const t3 = performance.now();
await db.close();
console.log(JSON.stringify({ boot: t0.toFixed(1), imp: (t1-t0).toFixed(1), open: (t2-t1).toFixed(1), q: (t3-t2).toFixed(1), up: performance.now().toFixed(1) }));
