import { dirname, resolve } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Pair, type YAMLMap } from 'yaml';
import { ExrunbookError } from '../errors.js';
import { decodeText } from './decode-text.js';
import { readOptionFile } from './read-option-file.js';

/**
 * The analyst's config file (BRIEF §3, `--config`): run options and per-host overrides, in YAML so it
 * can carry comments and Japanese text. Every key is known; a misspelt key, a value of the wrong type
 * or a duplicate is an input error naming the file and line — a silently ignored override would put
 * the wrong procedure on paper.
 *
 * ```yaml
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

const TOP_KEYS = ['ticket', 'window', 'target', 'iuCatalog', 'servers'] as const;
const HOST_KEYS = ['internetAccess', 'window', 'target'] as const;
const EXAMPLE = 'ticket: CHG-0042\nservers:\n  EXCAS01:\n    internetAccess: false';

/** `shownAs`: the path as the operator typed it, used in messages and diagnostics. */
export function readConfig(path: string, shownAs = path): RunConfig {
  const bytes = readOptionFile(path, shownAs, { option: '--config', what: 'The config file', code: 'config-unreadable' });
  const decoded = decodeText(bytes, shownAs);
  if (!decoded.ok) throw invalid(shownAs, undefined, `it is not text (${decoded.diagnostic.code})`, 'Save the config file as UTF-8 text.');
  return parseConfig(decoded.text, shownAs, dirname(path));
}

/** Pure: the text of a config file in, the validated config out; `baseDir` resolves iuCatalog. */
export function parseConfig(text: string, path: string, baseDir: string): RunConfig {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const lineOf = (offset: number | undefined): number => (offset === undefined ? 1 : lineCounter.linePos(offset).line);
  const [syntax] = document.errors;
  if (syntax) throw invalid(path, lineOf(syntax.pos[0]), `it is not valid YAML (${syntax.message.split('\n')[0] ?? syntax.code})`, `Keys and values are written "key: value", nested keys indented by spaces. Example:\n${EXAMPLE}`);
  const root = document.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { file: path, hosts: [] };
  if (!isMap(root)) throw invalid(path, lineOf(root.range[0]), 'its top level is not a set of "key: value" lines', `Example:\n${EXAMPLE}`);

  const reader = new MapReader(root, path, lineOf);
  const top = reader.entries(TOP_KEYS, 'the top level');
  const config: { -readonly [K in keyof RunConfig]: RunConfig[K] } = { file: path, hosts: [] };
  for (const { key, pair, line } of top) {
    if (key === 'servers') {
      config.hosts = readHosts(pair, reader);
      continue;
    }
    const value = reader.text(pair, key);
    if (key === 'iuCatalog') config.iuCatalog = { value: resolve(baseDir, value), line };
    else config[key] = { value, line };
  }
  return config;
}

function readHosts(pair: Pair, reader: MapReader): HostOverride[] {
  const hosts = reader.map(pair, 'servers', 'a server name per line, its overrides indented below it');
  const seen = new Map<string, number>();
  const result: HostOverride[] = [];
  for (const hostPair of hosts.items) {
    const name = reader.keyText(hostPair);
    const line = reader.lineOf(hostPair);
    if (name === '' || /[\\/<>"|?*\p{Cc}]/u.test(name)) throw invalid(reader.path, line, `"${name}" is not a server name`, 'Write the server\'s NetBIOS name or FQDN, e.g. EXCAS01:');
    const upper = name.toUpperCase();
    const earlier = seen.get(upper);
    if (earlier !== undefined) throw invalid(reader.path, line, `server ${name} is listed twice (also on line ${earlier})`, 'Merge the two entries into one.');
    seen.set(upper, line);
    const overrides = reader.map(hostPair, name, 'overrides such as internetAccess: false');
    const host: { -readonly [K in keyof HostOverride]: HostOverride[K] } = { name, line };
    for (const entry of new MapReader(overrides, reader.path, reader.lineOfOffset).entries(HOST_KEYS, `server ${name}`)) {
      if (entry.key === 'internetAccess') {
        const value = entry.pair.value;
        if (!isScalar(value) || typeof value.value !== 'boolean') {
          throw invalid(reader.path, entry.line, `internetAccess of ${name} must be true or false`, 'Write internetAccess: true (the server reaches the Internet) or internetAccess: false.');
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

  entries<K extends string>(known: readonly K[], where: string): { key: K; pair: Pair; line: number }[] {
    return this.node.items.map((pair) => {
      const name = this.keyText(pair);
      const line = this.lineOf(pair);
      const key = known.find((k) => k === name);
      if (key === undefined) {
        const near = known.find((k) => k.toLowerCase() === name.toLowerCase());
        throw invalid(this.path, line, `"${name}" is not a setting of ${where}`, near ? `Did you mean ${near}? Keys are case-sensitive.` : `The settings of ${where} are: ${known.join(', ')}.`);
      }
      return { key, pair, line };
    });
  }

  map(pair: Pair, name: string, expected: string): YAMLMap {
    const value: unknown = pair.value;
    if (isMap(value)) return value;
    throw invalid(this.path, this.lineOf(pair), `${name} must hold ${expected}`, `Example:\n${EXAMPLE}`);
  }

  text(pair: Pair, name: string): string {
    const value: unknown = pair.value;
    if (isScalar(value) && (typeof value.value === 'string' || typeof value.value === 'number') && String(value.value).trim() !== '') return String(value.value).trim();
    throw invalid(this.path, this.lineOf(pair), `${name} must be a single non-empty value`, `Write ${name}: followed by the value on the same line; quote it if it contains ": " or starts with a special character.`);
  }
}

function invalid(path: string, line: number | undefined, why: string, hint: string): ExrunbookError {
  return new ExrunbookError('config-invalid', 'input', `The config file cannot be used: ${why}.`, {
    hint,
    location: { file: path, ...(line === undefined ? {} : { line }) },
  });
}
