import type { MessageRef } from '../i18n/format-message.js';
import { messageRef } from '../i18n/format-message.js';
import { localizedError, type ErrorKey } from '../i18n/localized-error.js';
import { readRegularFile, type FileRefusal } from './read-regular-file.js';

/** Far above any config or interim-update catalogue a person writes (a few KB); below what could stall a laptop. */
export const MAX_OPTION_FILE_BYTES = 8 * 1024 * 1024;

export interface OptionFile {
  /** The error code when the file cannot be used, e.g. `config-unreadable`. */
  readonly code: string;
  /** Its message, "The config file "{file}" cannot be read: {reason}.", with a fix naming the option. */
  readonly key: Extract<ErrorKey, 'error.config.unreadable' | 'error.iuCatalog.unreadable' | 'error.plan.unreadable' | 'error.plan.manifestUnreadable'>;
  /** Bytes above which the file is refused (MAX_OPTION_FILE_BYTES unless the file is bigger by nature). */
  readonly limit?: number;
}

/**
 * The bytes of a file named on the command line (`--config`, `--iu-catalog`, a config's `iuCatalog`,
 * verify's plan.json and the SHA256SUMS beside it): a regular file under its limit, else an input error
 * (exit 2) saying what the path is and what to pass instead. `/dev/zero`, a FIFO or a folder are refused
 * before anything reads them, so nothing hangs.
 */
export function readOptionFile(path: string, shownAs: string, file: OptionFile): Buffer {
  const limit = file.limit ?? MAX_OPTION_FILE_BYTES;
  const result = readRegularFile(path, limit);
  if (result.ok) return result.bytes;
  throw localizedError(file.code, 'input', file.key, { file: shownAs, reason: why(result, limit), limit: limit / 1024 / 1024 });
}

function why(refusal: FileRefusal, limit: number): MessageRef {
  switch (refusal.reason) {
    case 'missing':
      return messageRef('optionFile.missing');
    case 'folder':
      return messageRef('optionFile.folder');
    case 'not-regular':
      return messageRef('optionFile.notRegular');
    case 'special-file-system':
      return messageRef('optionFile.specialFileSystem');
    case 'changed':
      return messageRef('optionFile.changed');
    case 'too-large':
      return messageRef('optionFile.tooLarge', { bytes: refusal.bytes, limit });
    case 'unreadable':
      return messageRef('optionFile.unreadable', { detail: refusal.detail });
  }
}
