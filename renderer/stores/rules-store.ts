import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiTransport, RequestInput, ResponseMap } from '../../shared/api/contract';
import type { Categorization, CategoryRating, Rating } from '../../shared/categories/types';
import { call, latestOnly, messageOf, changeThenReloadRefusal, type ApiError } from './request';

export type ListedRule = ResponseMap['rules.list']['rules'][number];

/** Category rules and ratings, and the "test a window" tool. */
export interface RulesState {
  rules: ListedRule[];
  ratings: CategoryRating[];
  loaded: boolean;
  error: string | null;
  testResult: Categorization | null;
  testError: string | null;
  /** The rules that still file some windows the last rule added here matches (empty: it takes effect everywhere). */
  lastAdded: ResponseMap['rules.add'] | null;
  load(): Promise<void>;
  /** Each change resolves to the refusal (coded, for the views to word: refusal-text.ts), or null when saved (the list reloads). */
  add(rule: RequestInput<'rules.add'>): Promise<ApiError | null>;
  remove(id: string): Promise<ApiError | null>;
  rate(category: string, rating: Rating): Promise<ApiError | null>;
  test(window: RequestInput<'rules.test'>): Promise<void>;
  connect(): () => void;
}

export type RulesStore = StoreApi<RulesState>;

export function createRulesStore(transport: ApiTransport): RulesStore {
  const loads = latestOnly();
  return createStore<RulesState>()((set, get) => ({
    rules: [],
    ratings: [],
    loaded: false,
    error: null,
    testResult: null,
    testError: null,
    lastAdded: null,
    async load() {
      const n = loads.next();
      try {
        const { rules, ratings } = await call(transport, 'rules.list', {});
        if (loads.isLatest(n)) set({ rules, ratings, loaded: true, error: null });
      } catch (error) {
        if (loads.isLatest(n)) set({ error: messageOf(error) });
      }
    },
    add: (rule) =>
      changeThenReloadRefusal(
        async () => {
          set({ lastAdded: null });
          const added = await call(transport, 'rules.add', rule);
          set({ lastAdded: added });
          return added;
        },
        () => get().load(),
      ),
    remove: (id) =>
      changeThenReloadRefusal(
        () => call(transport, 'rules.remove', { id }),
        () => get().load(),
      ),
    rate: (category, rating) =>
      changeThenReloadRefusal(
        () => call(transport, 'rules.rate', { category, rating }),
        () => get().load(),
      ),
    async test(window) {
      try {
        const testResult = await call(transport, 'rules.test', window);
        set({ testResult, testError: null });
      } catch (error) {
        set({ testResult: null, testError: messageOf(error) });
      }
    },
    connect() {
      return transport.subscribe((event) => {
        if (event.type === 'changed' && event.what === 'rules' && (get().loaded || get().error)) void get().load();
      });
    },
  }));
}
