import { ExrunbookError, type ErrorClass, type ErrorLocation, type ErrorText } from '../errors.js';
import { formatMessage, type MessageData } from './format-message.js';
import { CATALOGUES, type Lang, type MessageKey } from './messages.js';

/** A message key an error is printed from; its fix, when it has one, is `<key>.hint`. */
export type ErrorKey = Exclude<Extract<MessageKey, `error.${string}`>, `${string}.hint`>;
/** The fix shared by several errors (`error.iuCatalog.hint`). */
export type HintKey = Extract<MessageKey, `error.${string}.hint`>;

/**
 * An ExrunbookError whose message and fix come from the catalogues: `message`/`hint` hold the
 * English, and `main` prints it again in the run's language. Every error a user can act on is made
 * here (test/i18n.test.ts refuses a usage, input or browser error built from a bare string).
 */
export function localizedError(
  code: string,
  errorClass: ErrorClass,
  key: ErrorKey,
  data: MessageData = {},
  options: { location?: ErrorLocation; cause?: unknown; hint?: HintKey } = {},
): ExrunbookError {
  const { hint: hintKey, ...rest } = options;
  const text = { key, data, ...(hintKey === undefined ? {} : { hintKey }) };
  const { message, hint } = errorTextIn('en', text);
  return new ExrunbookError(code, errorClass, message, { ...(hint === undefined ? {} : { hint }), ...rest, text });
}

/** The error's message and fix in `lang`; an error made without a catalogue key keeps its English. */
export function localizeError(error: ExrunbookError, lang: Lang): { message: string; hint: string | undefined } {
  if (error.text === undefined) return { message: error.message, hint: error.hint };
  return errorTextIn(lang, error.text);
}

function errorTextIn(lang: Lang, text: ErrorText): { message: string; hint: string | undefined } {
  const catalogue = CATALOGUES[lang] as Readonly<Record<string, string>>;
  const data = text.data as MessageData;
  const hint = catalogue[text.hintKey ?? `${text.key}.hint`];
  return { message: formatMessage(catalogue[text.key] ?? text.key, data, lang), hint: hint === undefined ? undefined : formatMessage(hint, data, lang) };
}
