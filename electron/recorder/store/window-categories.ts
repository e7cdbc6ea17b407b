import type Database from 'better-sqlite3';
import type { Categorizer, Rating } from '../../../shared/categories';

/** What a report needs of a window's categorization. */
export interface WindowCategory {
  category: string;
  rating: Rating;
}

/** Rules as reports use them: their fingerprint, and the compiled rules only for windows not categorized before. */
export interface ReportRules {
  readonly fingerprint: string;
  compile(): Categorizer;
}

/**
 * The category and rating of windows by string ids (url null = none) under one set of rules, from the window
 * category cache (migration 17); a window it lacks is categorized with the compiled rules (compiled at the first
 * such window) and written back by `save`. Compiling the rules and running them over a year's windows was most
 * of a month's report.
 */
export class WindowCategories {
  private cached: Map<string, WindowCategory> | null = null;
  private readonly fresh: [appId: number, titleId: number, urlId: number, c: WindowCategory][] = [];
  private categorizer: Categorizer | null = null;
  private text: Database.Statement | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly rules: ReportRules,
  ) {}

  get(appId: number, titleId: number, urlId: number | null): WindowCategory {
    const cached = (this.cached ??= this.load());
    const url = urlId ?? 0;
    const key = `${appId},${titleId},${url}`;
    let c = cached.get(key);
    if (c === undefined) {
      c = this.categorize(appId, titleId, url);
      cached.set(key, c);
      this.fresh.push([appId, titleId, url, c]);
    }
    return c;
  }

  /** Writes the windows categorized since the last save (not on a read-only database); rows of other rules go. */
  save(): void {
    if (this.fresh.length === 0 || this.db.readonly) return;
    const insert = this.db.prepare(
      'INSERT OR REPLACE INTO window_category_cache (fingerprint, app_id, title_id, url_id, category, rating) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.db
      .transaction(() => {
        this.db.prepare('DELETE FROM window_category_cache WHERE fingerprint != ?').run(this.rules.fingerprint);
        for (const [appId, titleId, urlId, c] of this.fresh) insert.run(this.rules.fingerprint, appId, titleId, urlId, c.category, c.rating);
      })
      .immediate();
    this.fresh.length = 0;
  }

  private load(): Map<string, WindowCategory> {
    const rows = this.db
      .prepare('SELECT app_id, title_id, url_id, category, rating FROM window_category_cache WHERE fingerprint = ?')
      .raw()
      .all(this.rules.fingerprint) as [number, number, number, string, Rating][];
    const out = new Map<string, WindowCategory>();
    for (const [appId, titleId, urlId, category, rating] of rows) out.set(`${appId},${titleId},${urlId}`, { category, rating });
    return out;
  }

  private categorize(appId: number, titleId: number, urlId: number): WindowCategory {
    const categorizer = (this.categorizer ??= this.rules.compile());
    const text = (this.text ??= this.db.prepare('SELECT value FROM strings WHERE id = ?').pluck());
    const value = (id: number) => (text.get(id) as string | undefined) ?? '';
    const window = { app: value(appId), title: value(titleId), ...(urlId === 0 ? {} : { url: value(urlId) }) };
    const { category, rating } = categorizer.categorize(window);
    return { category, rating };
  }
}
