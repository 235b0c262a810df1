const m = await import('../dist/src/index.js');
console.error('MARK import-done');
const db = await m.openCtsDatabase(m.resolveConfig({ configFile: false }));
console.error('MARK open-done');
await db.users.findFirst({ where: { username: 'nobody' } });
await db.close();
