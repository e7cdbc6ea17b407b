import { readFileSync } from 'node:fs';
import { UserError } from '../../../shared/user-error';

/**
 * A file named on the command line as an import request carries it: its name for messages and its bytes.
 * A file that cannot be read is the CLI's to explain; what is in it, the API's. `hint` says which file to pass.
 */
export function readImportFile(file: string, hint = ''): { name: string; base64: string } {
  const then = hint === '' ? '' : ` ${hint}`;
  try {
    return { name: file, base64: readFileSync(file).toString('base64') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`Cannot read ${file}: there is no such file.${then}`);
    if (code === 'EISDIR') throw new UserError(`Cannot read ${file}: it is a folder${hint === '' ? ', not an export file' : ''}.${then}`);
    if (code === 'EACCES' || code === 'EPERM') throw new UserError(`Cannot read ${file}: permission denied. Check the file's permissions.`);
    throw new UserError(`Cannot read ${file}: ${(error as Error).message}.`);
  }
}
