import { CodedConflict, CodedRefusal } from '../../shared/api/refusal';
import { CallRefusedError } from '../../shared/calls/call-refusal';
import type { ApiEvent, ApiResult, ApiTransport, RequestInput, RequestName, ResponseMap } from '../../shared/api/contract';

/** A handler per request; a thrown Error becomes { ok: false, error: message } (with the code of a call refusal), as the recorder answers. */
export type FakeHandlers = { [N in RequestName]?: (input: RequestInput<N>) => ResponseMap[N] | Promise<ResponseMap[N]> };

export interface RecordedRequest {
  name: RequestName;
  input: unknown;
}

/**
 * The test double of the views' transport: answers from handlers, records every request, and pushes
 * events when the test says so (no timers, no network).
 */
export class FakeTransport implements ApiTransport {
  readonly requests: RecordedRequest[] = [];
  private readonly listeners = new Set<(event: ApiEvent) => void>();

  constructor(private readonly handlers: FakeHandlers = {}) {}

  /** Replaces (or adds) the handler of one request. */
  handle<N extends RequestName>(name: N, handler: (input: RequestInput<N>) => ResponseMap[N] | Promise<ResponseMap[N]>): void {
    (this.handlers as Record<string, unknown>)[name] = handler;
  }

  async request<N extends RequestName>(name: N, input: RequestInput<N>): Promise<ApiResult<ResponseMap[N]>> {
    this.requests.push({ name, input });
    const handler = this.handlers[name] as ((input: RequestInput<N>) => ResponseMap[N] | Promise<ResponseMap[N]>) | undefined;
    if (!handler) return { ok: false, error: `The fake transport has no handler for ${name}.` };
    try {
      return { ok: true, data: await handler(input) };
    } catch (error) {
      if (error instanceof CallRefusedError) return { ok: false, error: error.message, code: error.refusal.code };
      if (error instanceof CodedRefusal || error instanceof CodedConflict) return { ok: false, error: error.message, code: error.code, params: error.params };
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }

  subscribe(listener: (event: ApiEvent) => void): () => void {
    const own = (event: ApiEvent) => listener(event);
    this.listeners.add(own);
    return () => {
      this.listeners.delete(own);
    };
  }

  /** Delivers an event to every subscriber, synchronously. */
  emit(event: ApiEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  /** The inputs of every request of that name, in order. */
  inputsOf<N extends RequestName>(name: N): RequestInput<N>[] {
    return this.requests.filter((r) => r.name === name).map((r) => r.input as RequestInput<N>);
  }

  countOf(name: RequestName): number {
    return this.requests.filter((r) => r.name === name).length;
  }
}
