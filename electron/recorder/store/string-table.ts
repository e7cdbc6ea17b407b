import type Database from 'better-sqlite3';

/** Interns app names, titles and urls; ids are cached because the same few strings repeat all day. */
export class StringTable {
  private readonly cache = new Map<string, number>();
  private readonly insert;
  private readonly select;

  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT INTO strings (value) VALUES (?) ON CONFLICT(value) DO NOTHING');
    this.select = db.prepare('SELECT id FROM strings WHERE value = ?').pluck();
  }

  /** After a rolled-back transaction the cached ids may name rows that were never written. */
  forget(): void {
    this.cache.clear();
  }

  id(value: string): number {
    const cached = this.cache.get(value);
    if (cached !== undefined) return cached;
    this.insert.run(value);
    const id = this.select.get(value) as number;
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(value, id);
    return id;
  }
}
