import type { ApiErrorCode, ApiTransport, RequestInput, RequestName, ResponseMap } from '../../shared/api/contract';

/** A request the recorder refused or could not answer; the message is written for a person (in English), the code for views that word it themselves. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    message: string,
    readonly code: ApiErrorCode | null = null,
    /** What the views need to word a coded refusal (the week, who approved it). */
    readonly params: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Sends one request and returns its data, or throws ApiError with the recorder's message. */
export async function call<N extends RequestName>(transport: ApiTransport, name: N, input: RequestInput<N>): Promise<ResponseMap[N]> {
  let result;
  try {
    result = await transport.request(name, input);
  } catch (error) {
    throw new ApiError(messageOf(error));
  }
  if (!result.ok) throw new ApiError(result.error, result.code ?? null, result.params ?? {});
  return result.data;
}

/** The refusal code of a failed request, when the recorder gave one. */
export function codeOf(error: unknown): ApiErrorCode | null {
  return error instanceof ApiError ? error.code : null;
}

export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * Keeps only the latest of overlapping loads: `next()` numbers a load, `isLatest(n)` says whether its
 * answer may still be applied (an older answer arriving late must not overwrite a newer one).
 */
export function latestOnly(): { next(): number; isLatest(n: number): boolean } {
  let counter = 0;
  return { next: () => ++counter, isLatest: (n) => n === counter };
}

/** Runs a change, then reloads what it affects; answers the person-readable error, or null when it worked. */
export async function changeThenReload(run: () => Promise<unknown>, reload: () => Promise<void>): Promise<string | null> {
  try {
    await run();
  } catch (error) {
    return messageOf(error);
  }
  await reload();
  return null;
}

/** As changeThenReload, answering the refusal itself, so a view can word a coded one (a locked week) in its language. */
export async function changeThenReloadRefusal(run: () => Promise<unknown>, reload: () => Promise<void>): Promise<ApiError | null> {
  try {
    await run();
  } catch (error) {
    return error instanceof ApiError ? error : new ApiError(messageOf(error));
  }
  await reload();
  return null;
}
