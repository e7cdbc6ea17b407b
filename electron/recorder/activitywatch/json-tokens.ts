import type { JsonValue } from '../../../shared/activitywatch/aw-event';

/** A token of stream-json's parser with packed keys, strings and numbers. */
export interface JsonToken {
  name: string;
  value?: string;
}

/**
 * Builds one JSON value from parser tokens (the value starting with the first token it is given) and
 * says when it is complete. Keeps only that value in memory.
 */
export class ValueBuilder {
  private readonly stack: { container: JsonValue[] | { [key: string]: JsonValue }; key: string | null }[] = [];
  private result: JsonValue | undefined;
  done = false;

  get value(): JsonValue {
    if (!this.done || this.result === undefined) throw new Error('the value is not complete');
    return this.result;
  }

  consume(token: JsonToken): void {
    switch (token.name) {
      case 'startObject':
        this.open({});
        return;
      case 'startArray':
        this.open([]);
        return;
      case 'endObject':
      case 'endArray': {
        const frame = this.stack.pop();
        if (frame !== undefined) this.add(frame.container);
        return;
      }
      case 'keyValue': {
        const top = this.stack.at(-1);
        if (top !== undefined) top.key = token.value ?? '';
        return;
      }
      case 'stringValue':
        this.add(token.value ?? '');
        return;
      case 'numberValue':
        this.add(Number(token.value));
        return;
      case 'trueValue':
        this.add(true);
        return;
      case 'falseValue':
        this.add(false);
        return;
      case 'nullValue':
        this.add(null);
        return;
      default:
        // Partial chunks (startString, stringChunk, …) are not emitted with packed values.
        return;
    }
  }

  private open(container: JsonValue[] | { [key: string]: JsonValue }): void {
    this.stack.push({ container, key: null });
  }

  private add(value: JsonValue): void {
    const top = this.stack.at(-1);
    if (top === undefined) {
      this.result = value;
      this.done = true;
      return;
    }
    if (Array.isArray(top.container)) top.container.push(value);
    else if (top.key !== null) top.container[top.key] = value;
  }
}

/** Skips one JSON value without building it: for parts of a file that are not read. */
export class ValueSkipper {
  private depth = 0;
  done = false;

  consume(token: JsonToken): void {
    if (token.name === 'startObject' || token.name === 'startArray') this.depth += 1;
    else if (token.name === 'endObject' || token.name === 'endArray') this.depth -= 1;
    else if (token.name === 'keyValue') return;
    if (this.depth === 0) this.done = true;
  }
}
