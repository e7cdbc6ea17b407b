import { createHash } from 'node:crypto';
// From call-types, not the imports' index: that loads the CSV parser (papaparse) and every importer, which the recorder does not use.
import { callImportKey, type ImportedCall } from '../../../shared/imports/call-types';

/** A name-based UUID, version 5 (RFC 9562 §5.5): SHA-1 of the namespace's 16 bytes and the UTF-8 name. */
export function uuidV5(namespace: string, name: string): string {
  const hex = namespace.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`not a uuid: ${namespace}`);
  const bytes = createHash('sha1').update(Buffer.from(hex, 'hex')).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Namespace of the name-based uuids of imported calls. Never change it: the server would count every imported call again. */
export const CALL_IMPORT_NAMESPACE = 'ee86f83c-b019-49b4-a811-44d0ba50e18b';

/**
 * The uuid of an imported call, from its system and its id there: the same call log imported on two
 * devices (or twice on one) gives the same record, which the server keys by uuid and so counts once.
 */
export function importedCallUuid(call: Pick<ImportedCall, 'system' | 'externalId'>): string {
  return uuidV5(CALL_IMPORT_NAMESPACE, `call:${callImportKey(call)}`);
}
