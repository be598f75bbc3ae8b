import { dirname, resolve } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Pair, type YAMLMap } from 'yaml';
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
 * windows:                     # maintenance windows as data: the plan schedules waves into them
 *   - start: 2026-12-05T22:00+09:00
 *     end: 2026-12-06T02:00+09:00
 *   - start: 2026-12-12T22:00+09:00
 *     end: 2026-12-13T04:00+09:00
 *     waves: [2, 3]            # optional; else waves go to windows in order
 * operators: 2                 # servers of a wave worked in parallel (default 1)
 * servers:
 *   EXCAS01:
 *     internetAccess: false    # overrides the collector's CRL test
 *     window: 2026-12-06 22:00–23:00 JST   # free text, or the number of a window above
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
  readonly windows?: readonly MaintenanceWindow[];
  readonly operators?: ConfigValue<number>;
  readonly hosts: readonly HostOverride[];
}

/** A point in time as the analyst wrote it: the UTC offset is kept, never converted to this machine's zone. */
export interface OffsetDateTime {
  /** As written, normalised to `YYYY-MM-DDTHH:MM±HH:MM` (Z as +00:00). */
  readonly text: string;
  /** Minutes since the Unix epoch (UTC), for arithmetic only. */
  readonly epochMinutes: number;
  /** Offset from UTC in minutes (+09:00 → 540). */
  readonly offsetMinutes: number;
}

export interface MaintenanceWindow {
  /** 1-based, in file order. */
  readonly index: number;
  readonly line: number;
  readonly start: OffsetDateTime;
  readonly end: OffsetDateTime;
  /** The waves this window holds, when the config names them. */
  readonly waves?: readonly number[];
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

const TOP_KEYS = ['lang', 'ticket', 'window', 'target', 'iuCatalog', 'windows', 'operators', 'servers'] as const;
const WINDOW_KEYS = ['start', 'end', 'waves'] as const;
const WINDOWS_EXAMPLE = 'windows:\n  - start: 2026-12-05T22:00+09:00\n    end: 2026-12-06T02:00+09:00';
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
    if (key === 'windows') {
      config.windows = readWindows(pair, reader);
      continue;
    }
    if (key === 'operators') {
      const value: unknown = pair.value;
      if (!isScalar(value) || typeof value.value !== 'number' || !Number.isInteger(value.value) || value.value < 1) throw invalid(path, line, 'error.config.operators', {});
      config.operators = { value: value.value, line };
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

function readWindows(pair: Pair, reader: MapReader): MaintenanceWindow[] {
  const list: unknown = pair.value;
  if (!isSeq(list)) throw invalid(reader.path, reader.lineOf(pair), 'error.config.windowsNotList', { example: WINDOWS_EXAMPLE });
  const windows: MaintenanceWindow[] = [];
  for (const [i, item] of list.items.entries()) {
    const index = i + 1;
    const itemLine = reader.lineOfOffset(isMap(item) || isScalar(item) ? item.range?.[0] : undefined);
    if (!isMap(item)) throw invalid(reader.path, itemLine, 'error.config.windowNotMap', { index, example: WINDOWS_EXAMPLE });
    const window: { start?: OffsetDateTime; end?: OffsetDateTime; waves?: number[] } = {};
    for (const entry of new MapReader(item, reader.path, reader.lineOfOffset).entries(WINDOW_KEYS, messageRef('config.where.window', { index }))) {
      if (entry.key === 'waves') {
        const waves: unknown = entry.pair.value;
        const numbers = isSeq(waves) ? waves.items.map((w) => (isScalar(w) && typeof w.value === 'number' && Number.isInteger(w.value) && w.value >= 1 ? w.value : null)) : [null];
        if (numbers.length === 0 || numbers.some((n) => n === null)) throw invalid(reader.path, entry.line, 'error.config.windowWaves', { index });
        window.waves = numbers.filter((n): n is number => n !== null);
      } else {
        const text = reader.text(entry.pair, entry.key);
        const parsed = parseOffsetDateTime(text);
        if (!parsed) throw invalid(reader.path, entry.line, 'error.config.windowTime', { key: entry.key, index, text });
        window[entry.key] = parsed;
      }
    }
    if (!window.start || !window.end) throw invalid(reader.path, itemLine, 'error.config.windowIncomplete', { index, example: WINDOWS_EXAMPLE });
    if (window.end.epochMinutes <= window.start.epochMinutes) throw invalid(reader.path, itemLine, 'error.config.windowEndsFirst', { index, start: window.start.text, end: window.end.text });
    const previous = windows.at(-1);
    if (previous && window.start.epochMinutes < previous.end.epochMinutes) {
      throw invalid(reader.path, itemLine, 'error.config.windowsOverlap', { index, start: window.start.text, previous: previous.index, end: previous.end.text });
    }
    windows.push({ index, line: itemLine, start: window.start, end: window.end, ...(window.waves ? { waves: window.waves } : {}) });
  }
  const named = new Map<number, number>();
  for (const w of windows) {
    for (const wave of w.waves ?? []) {
      const other = named.get(wave);
      if (other !== undefined) throw invalid(reader.path, w.line, 'error.config.waveTwice', { wave, first: other, second: w.index });
      named.set(wave, w.index);
    }
  }
  return windows;
}

const OFFSET_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::00)?(Z|[+-]\d{2}:\d{2})$/;

/** `2026-12-05T22:00+09:00` → its instant and offset; null when it is not one (an offset is required). */
export function parseOffsetDateTime(text: string): OffsetDateTime | null {
  const match = OFFSET_DATE_TIME.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, zone] = match;
  const offset = zone === 'Z' || zone === undefined ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi));
  const check = new Date(utc);
  if (check.getUTCFullYear() !== Number(y) || check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Math.abs(offset) > 14 * 60) return null;
  const zoneText = `${offset < 0 ? '-' : '+'}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}:${String(Math.abs(offset) % 60).padStart(2, '0')}`;
  return { text: `${y}-${mo}-${d}T${h}:${mi}${zoneText}`, epochMinutes: utc / 60000 - offset, offsetMinutes: offset };
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
