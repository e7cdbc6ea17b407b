/**
 * The part of the `x11` package (node-x11 4.2.2, plain CommonJS without types) that Stint uses, typed from
 * its docs/README.md, docs/core-requests.md, docs/ext/screen-saver.md and lib/xcore.js, lib/corereqs.js,
 * lib/ext/screen-saver.js. Import it as `import x11 from 'x11'` (the CommonJS module object).
 */
declare module 'x11' {
  import type { EventEmitter } from 'node:events';

  /** An X protocol error as the client builds it (lib/xcore.js): an Error with the wire fields. */
  export interface XError extends Error {
    /** Error code: 3 BadWindow, 5 BadAtom, 9 BadDrawable, ... */
    error: number;
    seq: number;
    badParam: number;
    majorOpcode: number;
    minorOpcode: number;
  }

  /**
   * Reply callback. The client calls it as `cb(null | undefined, result)` or `cb(error)`; returning `true`
   * from an error call marks the error handled so it is not re-emitted as 'error' on the client.
   */
  export type ReplyCallback<T> = (err: XError | null | undefined, result: T) => unknown;
  /** Callback of a request without a reply: `null` once the server processed it, or the error it caused. */
  export type VoidCallback = (err: XError | null | undefined) => unknown;

  export interface XScreen {
    root: number;
    white_pixel: number;
    black_pixel: number;
    pixel_width: number;
    pixel_height: number;
    root_depth: number;
  }

  export interface XDisplay {
    client: XClient;
    screen: XScreen[];
    /** Byte order of everything on this connection, property values included: 0 LSBFirst, 1 MSBFirst. */
    byte_order: number;
    vendor?: string;
    release?: number;
  }

  export interface GetPropertyReply {
    /** Actual type atom; 0 (None) when the property does not exist. */
    type: number;
    /** 8, 16 or 32 bits per element; 0 when the property does not exist. */
    format: number;
    /** Bytes left unread after this reply (non-zero when the value was truncated). */
    bytesAfter: number;
    data: Buffer;
  }

  export interface InputFocusReply {
    revertTo: number;
    focus: number;
  }

  export interface QueryTreeReply {
    root: number;
    parent: number;
    children: number[];
  }

  /** CreateWindow / ChangeWindowAttributes values (subset used here). */
  export interface WindowAttributes {
    backgroundPixel?: number;
    borderPixel?: number;
    overrideRedirect?: number;
    eventMask?: number;
  }

  /** Every event carries these; the rest depends on `name` (see docs/core-events.md). */
  export interface XEvent {
    type: number;
    seq: number;
    name?: string;
    rawData?: Buffer;
    readonly [field: string]: unknown;
  }

  export interface QueryExtensionReply {
    present: number | boolean;
    majorOpcode: number;
    firstEvent: number;
    firstError: number;
  }

  /** lib/ext/screen-saver.js QueryInfo reply. */
  export interface ScreenSaverInfo {
    state: number;
    window: number;
    until: number;
    /** Milliseconds since the last user input. */
    idle: number;
    eventMask: number;
    kind: number;
  }

  export interface ScreenSaverExtension {
    major: number;
    minor: number;
    QueryInfo(drawable: number, cb: ReplyCallback<ScreenSaverInfo>): void;
  }

  export interface ExtensionMap {
    'screen-saver': ScreenSaverExtension;
  }

  export interface XClient extends EventEmitter {
    display: XDisplay;
    /**
     * Atom name → id cache consulted by InternAtom before any round trip. In 4.2.2 every client starts out
     * sharing ONE object (the lib/stdatoms module), so atoms interned on one server leak into clients of
     * another; see X11Connection for the fix.
     */
    atoms: Record<string, number>;
    atom_names: Record<number, string>;

    AllocID(): number;
    ReleaseID(id: number): void;

    CreateWindow(
      wid: number,
      parent: number,
      x: number,
      y: number,
      width: number,
      height: number,
      borderWidth?: number,
      depth?: number,
      klass?: number,
      visual?: number,
      values?: WindowAttributes,
      cb?: VoidCallback,
    ): boolean;
    ChangeWindowAttributes(wid: number, values: WindowAttributes, cb?: VoidCallback): boolean;
    MapWindow(wid: number, cb?: VoidCallback): boolean;
    UnmapWindow(wid: number, cb?: VoidCallback): boolean;
    DestroyWindow(wid: number, cb?: VoidCallback): boolean;
    QueryTree(wid: number, cb: ReplyCallback<QueryTreeReply>): boolean;

    InternAtom(onlyIfExists: boolean, name: string, cb: ReplyCallback<number>): boolean;
    GetAtomName(atom: number, cb: ReplyCallback<string>): boolean;
    /** mode: 0 Replace, 1 Prepend, 2 Append. A string is encoded Latin-1; numbers as `format`-bit elements. */
    ChangeProperty(
      mode: number,
      wid: number,
      name: number,
      type: number,
      format: 8 | 16 | 32,
      data: Buffer | string | number | number[],
      cb?: VoidCallback,
    ): boolean;
    DeleteProperty(wid: number, prop: number, cb?: VoidCallback): boolean;
    /** longOffset and longLength are in 4-byte units; type 0 is AnyPropertyType. */
    GetProperty(del: number, wid: number, name: number, type: number, longOffset: number, longLength: number, cb: ReplyCallback<GetPropertyReply>): boolean;
    GetInputFocus(cb: ReplyCallback<InputFocusReply>): boolean;
    SetInputFocus(wid: number, revertTo: number, cb?: VoidCallback): boolean;
    QueryExtension(name: string, cb: ReplyCallback<QueryExtensionReply>): boolean;
    /**
     * SendEvent of a ClientMessage about `wid` to `destination`; `eventMask` defaults to
     * SubstructureRedirect|SubstructureNotify (EWMH messages to the root).
     */
    SendClientMessage(
      destination: number,
      wid: number,
      messageType: number,
      format: 8 | 16 | 32,
      data: number[],
      eventMask: number,
      cb?: VoidCallback,
    ): boolean;

    require<K extends keyof ExtensionMap>(name: K, cb: (err: Error | null | undefined, ext: ExtensionMap[K]) => void): void;

    /** Round trip: fires once every request issued so far has been processed. */
    sync(cb: (err: XError | null) => void): void;
    /** Round trip, then close; the callback fires once the socket is gone. */
    close(cb?: (err?: XError | null) => void): void;
    /** Flush and end the stream without a round trip. */
    terminate(): void;

    on(event: 'event', listener: (ev: XEvent) => void): this;
    on(event: 'error', listener: (err: Error) => void): this;
    on(event: 'end', listener: () => void): this;
    on(event: 'connect', listener: (display: XDisplay) => void): this;
    off(event: 'event', listener: (ev: XEvent) => void): this;
    off(event: 'error', listener: (err: Error) => void): this;
    off(event: 'end', listener: () => void): this;
  }

  export interface CreateClientOptions {
    /** Display string, e.g. ":0"; default $DISPLAY, then ":0". */
    display?: string;
    debug?: boolean;
    disableBigRequests?: boolean;
    /** `false` or 'off' for a plain socket without MIT-SHM fd passing. */
    shm?: false | 'off';
    bufferRequests?: boolean | { maxSize?: number; maxDelay?: number; flushOnReply?: boolean };
  }

  export type EventMaskName =
    | 'KeyPress'
    | 'KeyRelease'
    | 'ButtonPress'
    | 'ButtonRelease'
    | 'EnterWindow'
    | 'LeaveWindow'
    | 'PointerMotion'
    | 'Exposure'
    | 'VisibilityChange'
    | 'StructureNotify'
    | 'SubstructureNotify'
    | 'SubstructureRedirect'
    | 'FocusChange'
    | 'PropertyChange';

  export function createClient(options: CreateClientOptions, cb: (err: Error | null | undefined, display: XDisplay) => void): XClient;
  export const eventMask: Readonly<Record<EventMaskName, number>>;
  /** Window classes for CreateWindow. */
  export const CopyFromParent: 0;
  export const InputOutput: 1;
  export const InputOnly: 2;

  const x11: {
    createClient: typeof createClient;
    eventMask: typeof eventMask;
    CopyFromParent: typeof CopyFromParent;
    InputOutput: typeof InputOutput;
    InputOnly: typeof InputOnly;
  };
  export default x11;
}
