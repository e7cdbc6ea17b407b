// The floor under `stint track` in bench/recorder-overhead.ts: a bare node with better-sqlite3 and one X
// connection, doing once a second the least a recorder must (one property read over X, one small write in a
// WAL database); prints "ready" when sampling. Argument: the database file.
import Database from 'better-sqlite3';
import x11 from 'x11';

const db = new Database(process.argv[2]);
db.pragma('journal_mode = WAL');
db.exec('CREATE TABLE IF NOT EXISTS beat (id INTEGER PRIMARY KEY, t INTEGER NOT NULL)');
const write = db.prepare('INSERT OR REPLACE INTO beat (id, t) VALUES (1, ?)');
x11.createClient({ shm: false, disableBigRequests: true }, (err, display) => {
  if (err) throw err;
  const X = display.client;
  const root = display.screen[0].root;
  X.InternAtom(false, '_NET_ACTIVE_WINDOW', (e, atom) => {
    if (e) throw e;
    globalThis.setInterval(() => {
      X.GetProperty(0, root, atom, 0, 0, 1, () => write.run(Date.now()));
    }, 1000);
    process.stdout.write('ready\n');
  });
});
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));
