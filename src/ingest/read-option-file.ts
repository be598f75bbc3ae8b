import { ExrunbookError } from '../errors.js';
import { readRegularFile, type FileRefusal } from './read-regular-file.js';

/** Far above any config or interim-update catalogue a person writes (a few KB); below what could stall a laptop. */
export const MAX_OPTION_FILE_BYTES = 8 * 1024 * 1024;

export interface OptionFile {
  /** The option as typed, e.g. `--config`. */
  readonly option: string;
  /** What the file is, in the message: "The config file …". */
  readonly what: string;
  /** The error code when the file cannot be used, e.g. `config-unreadable`. */
  readonly code: string;
}

/**
 * The bytes of a file named by an option (`--config`, `--iu-catalog`, a config's `iuCatalog`): a regular
 * file under MAX_OPTION_FILE_BYTES, else an input error (exit 2) saying what the path is and what to
 * pass instead. `/dev/zero`, a FIFO or a folder are refused before anything reads them, so nothing hangs.
 */
export function readOptionFile(path: string, shownAs: string, file: OptionFile): Buffer {
  const result = readRegularFile(path, MAX_OPTION_FILE_BYTES);
  if (result.ok) return result.bytes;
  throw new ExrunbookError(file.code, 'input', `${file.what} "${shownAs}" cannot be read: ${why(result)}.`, {
    hint: `Give ${file.option} the path of the file itself (a regular file, at most ${String(MAX_OPTION_FILE_BYTES / 1024 / 1024)} MB).`,
  });
}

function why(refusal: FileRefusal): string {
  switch (refusal.reason) {
    case 'missing':
      return 'there is no such file';
    case 'folder':
      return 'it is a folder';
    case 'not-regular':
      return 'it is not a regular file but a named pipe, socket or device, which could block the read for ever';
    case 'special-file-system':
      return 'it is on a special file system (/proc, /sys or /dev), not a file someone wrote';
    case 'changed':
      return 'it was replaced while being opened';
    case 'too-large':
      return `it is ${String(refusal.bytes)} bytes, above the limit of ${String(MAX_OPTION_FILE_BYTES)}`;
    case 'unreadable':
      return `the system refused (${refusal.detail})`;
  }
}
