import type { ApiTransport, RequestInput, RequestName, ResponseMap } from '../../shared/api/contract';

/** A request the recorder refused or could not answer; the message is written for a person. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
}

/** Sends one request and returns its data, or throws ApiError with the recorder's message. */
export async function call<N extends RequestName>(transport: ApiTransport, name: N, input: RequestInput<N>): Promise<ResponseMap[N]> {
  let result;
  try {
    result = await transport.request(name, input);
  } catch (error) {
    throw new ApiError(messageOf(error));
  }
  if (!result.ok) throw new ApiError(result.error);
  return result.data;
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
