import { dirname, resolve } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Pair, type YAMLMap } from 'yaml';
import type { ExrunbookError } from '../errors.js';
import { messageRef, type MessageData, type MessageRef } from '../i18n/format-message.js';
import { localizedError, type ErrorKey } from '../i18n/localized-error.js';
import type { Lang } from '../i18n/messages.js';
import { decodeText } from './decode-text.js';
import { readOptionFile } from './read-option-file.js';

/**
 * The analyst's config file (BRIEF §3, `--config`): run options and per-host overrides, in YAML so it
 * can carry comments and Japanese text. Every key is known; a misspelt key, a value of the wrong type
 * or a duplicate is an input error naming the file and line — a silently ignored override would put
 * the wrong procedure on paper.
 *
 * ```yaml
 * lang: ja                     # the language of the runbooks and of every message (like --lang)
 * ticket: CHG-2026-0042
 * window: 2026-12-05 22:00–02:00 JST
 * target: latest               # latest | current-sp | SP3-RU10 | 8.3.417.1 | a rollup KB
 * iuCatalog: iu-catalog.csv    # relative to this file
 * servers:
 *   EXCAS01:
 *     internetAccess: false    # overrides the collector's CRL test
 *     window: 2026-12-06 22:00–23:00 JST
 *     target: SP3-RU10
 * ```
 */
export interface RunConfig {
  readonly file: string;
  readonly lang?: ConfigValue<Lang>;
  readonly ticket?: ConfigValue<string>;
  readonly window?: ConfigValue<string>;
  readonly target?: ConfigValue<string>;
  /** Absolute: resolved against the config file's folder. */
  readonly iuCatalog?: ConfigValue<string>;
  readonly hosts: readonly HostOverride[];
}

export interface ConfigValue<T> {
  readonly value: T;
  readonly line: number;
}

export interface HostOverride {
  /** As written; matched case-insensitively against Exchange servers and the machines of a CMS. */
  readonly name: string;
  readonly line: number;
  readonly internetAccess?: ConfigValue<boolean>;
  readonly window?: ConfigValue<string>;
  readonly target?: ConfigValue<string>;
}

const TOP_KEYS = ['lang', 'ticket', 'window', 'target', 'iuCatalog', 'servers'] as const;
const HOST_KEYS = ['internetAccess', 'window', 'target'] as const;
const EXAMPLE = 'ticket: CHG-0042\nservers:\n  EXCAS01:\n    internetAccess: false';

/**
 * `shownAs`: the path as the operator typed it, used in messages and diagnostics. `onLanguage`
 * hears the file's `lang:` before anything else in it is checked, so that its own errors are
 * already in that language.
 */
export function readConfig(path: string, shownAs = path, onLanguage?: (lang: Lang) => void): RunConfig {
  const bytes = readOptionFile(path, shownAs, { code: 'config-unreadable', key: 'error.config.unreadable' });
  const decoded = decodeText(bytes, shownAs);
  if (!decoded.ok) throw invalid(shownAs, undefined, 'error.config.notText', { reason: decoded.diagnostic.code });
  return parseConfig(decoded.text, shownAs, dirname(path), onLanguage);
}

/** Pure: the text of a config file in, the validated config out; `baseDir` resolves iuCatalog. */
export function parseConfig(text: string, path: string, baseDir: string, onLanguage?: (lang: Lang) => void): RunConfig {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const lineOf = (offset: number | undefined): number => (offset === undefined ? 1 : lineCounter.linePos(offset).line);
  const [syntax] = document.errors;
  if (syntax) throw invalid(path, lineOf(syntax.pos[0]), 'error.config.notYaml', { reason: syntax.message.split('\n')[0] ?? syntax.code, example: EXAMPLE });
  const root = document.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { file: path, hosts: [] };
  if (!isMap(root)) throw invalid(path, lineOf(root.range[0]), 'error.config.notMap', { example: EXAMPLE });

  const reader = new MapReader(root, path, lineOf);
  const lang = root.items.find((pair) => reader.keyText(pair) === 'lang');
  if (lang !== undefined) onLanguage?.(readLang(lang, reader));
  const top = reader.entries(TOP_KEYS, messageRef('config.where.top'));
  const config: { -readonly [K in keyof RunConfig]: RunConfig[K] } = { file: path, hosts: [] };
  for (const { key, pair, line } of top) {
    if (key === 'servers') {
      config.hosts = readHosts(pair, reader);
      continue;
    }
    if (key === 'lang') {
      config.lang = { value: readLang(pair, reader), line };
      continue;
    }
    const value = reader.text(pair, key);
    if (key === 'iuCatalog') config.iuCatalog = { value: resolve(baseDir, value), line };
    else config[key] = { value, line };
  }
  return config;
}

function readLang(pair: Pair, reader: MapReader): Lang {
  const value = reader.text(pair, 'lang');
  if (value !== 'en' && value !== 'ja') throw invalid(reader.path, reader.lineOf(pair), 'error.config.badLang', { value });
  return value;
}

function readHosts(pair: Pair, reader: MapReader): HostOverride[] {
  const hosts = reader.map(pair, 'servers', messageRef('config.expected.servers'));
  const seen = new Map<string, number>();
  const result: HostOverride[] = [];
  for (const hostPair of hosts.items) {
    const name = reader.keyText(hostPair);
    const line = reader.lineOf(hostPair);
    if (name === '' || /[\\/<>"|?*\p{Cc}]/u.test(name)) throw invalid(reader.path, line, 'error.config.badServerName', { name });
    const upper = name.toUpperCase();
    const earlier = seen.get(upper);
    if (earlier !== undefined) throw invalid(reader.path, line, 'error.config.serverTwice', { name, earlier });
    seen.set(upper, line);
    const overrides = reader.map(hostPair, name, messageRef('config.expected.overrides'));
    const host: { -readonly [K in keyof HostOverride]: HostOverride[K] } = { name, line };
    for (const entry of new MapReader(overrides, reader.path, reader.lineOfOffset).entries(HOST_KEYS, messageRef('config.where.server', { name }))) {
      if (entry.key === 'internetAccess') {
        const value = entry.pair.value;
        if (!isScalar(value) || typeof value.value !== 'boolean') {
          throw invalid(reader.path, entry.line, 'error.config.internetAccess', { name });
        }
        host.internetAccess = { value: value.value, line: entry.line };
      } else {
        host[entry.key] = { value: reader.text(entry.pair, entry.key), line: entry.line };
      }
    }
    result.push(host);
  }
  return result;
}

/** Reads one YAML mapping strictly: only known keys, scalar text values, lines for every error. */
class MapReader {
  constructor(
    private readonly node: YAMLMap,
    readonly path: string,
    readonly lineOfOffset: (offset: number | undefined) => number,
  ) {}

  lineOf(pair: Pair): number {
    const key: unknown = pair.key;
    return this.lineOfOffset(isScalar(key) ? key.range?.[0] : undefined);
  }

  keyText(pair: Pair): string {
    const key: unknown = pair.key;
    if (!isScalar(key)) return '';
    const value = key.value;
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value).trim() : '';
  }

  entries<K extends string>(known: readonly K[], where: MessageRef): { key: K; pair: Pair; line: number }[] {
    return this.node.items.map((pair) => {
      const name = this.keyText(pair);
      const line = this.lineOf(pair);
      const key = known.find((k) => k === name);
      if (key === undefined) {
        const near = known.find((k) => k.toLowerCase() === name.toLowerCase());
        if (near !== undefined) throw invalid(this.path, line, 'error.config.unknownKeyNear', { name, where, near });
        throw invalid(this.path, line, 'error.config.unknownKey', { name, where, known: known.join(', ') });
      }
      return { key, pair, line };
    });
  }

  map(pair: Pair, name: string, expected: MessageRef): YAMLMap {
    const value: unknown = pair.value;
    if (isMap(value)) return value;
    throw invalid(this.path, this.lineOf(pair), 'error.config.notMapping', { name, expected, example: EXAMPLE });
  }

  text(pair: Pair, name: string): string {
    const value: unknown = pair.value;
    if (isScalar(value) && (typeof value.value === 'string' || typeof value.value === 'number') && String(value.value).trim() !== '') return String(value.value).trim();
    throw invalid(this.path, this.lineOf(pair), 'error.config.notValue', { name });
  }
}

function invalid(path: string, line: number | undefined, key: ErrorKey, data: MessageData): ExrunbookError {
  return localizedError('config-invalid', 'input', key, data, { location: { file: path, ...(line === undefined ? {} : { line }) } });
}
