import { DOMParser } from '@xmldom/xmldom';
import type { Element, Node } from '@xmldom/xmldom';
import type { Diagnostic } from './diagnostic.js';
import { lineAt } from './line-at.js';
import type { RawRow, RawTable } from './raw-table.js';

/**
 * Parses `… | Export-Clixml file.xml` (PowerShell 2.0 serialization, `<Objs Version="1.1.0.1">`) into a
 * table: one row per top-level object, one column per property (`<Props>` adapted properties, then `<MS>`
 * extended members; union over rows in first-seen order). An object without properties becomes one
 * `ToString` column. Values are rendered as PowerShell's Format-List would print them:
 *
 * - `S`, numbers, `DT` (ISO text kept), `TS`, `Version`, `G`, `URI` … → the element text, `_xHHHH_`
 *   escapes decoded; `B` → `True` / `False`; `C` → the character; `Nil` → ''.
 * - `Obj` → its collection (`LST`/`IE`/`STK`/`QUE`/`Col` → `{a, b}`, `DCT` → `{k=v; …}`), else its
 *   `<ToString>`, else its primitive value, else its properties as `{k=v; …}`.
 * - `Ref RefId="n"` → the object with that RefId; `TNRef` → the type-name list with that RefId.
 * - A name in both `<Props>` and `<MS>`: the first wins. `PSStandardMembers` (display metadata) is skipped.
 *
 * The XML is read by @xmldom/xmldom. Any DOCTYPE is refused before parsing (no entity expansion can
 * happen); parser errors and warnings become `clixml-malformed` error diagnostics with the parser's line.
 * Ref expansion is memoised, depth-limited and budgeted, so a hostile file cannot grow the output
 * exponentially.
 */
export function parseClixml(text: string, file: string): { table: RawTable; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const failed = (): { table: RawTable; diagnostics: Diagnostic[] } => ({
    table: { format: 'clixml', columns: [], rows: [], typeName: null },
    diagnostics,
  });
  const source = stripBom(text);

  const doctype = /<!DOCTYPE/i.exec(source);
  if (doctype !== null) {
    diagnostics.push({ severity: 'error', code: 'clixml-doctype', file, line: lineAt(source, doctype.index), data: {} });
    return failed();
  }

  const parsed = parseXml(source);
  for (const report of parsed.reports) {
    diagnostics.push({
      severity: 'error',
      code: 'clixml-malformed',
      file,
      ...(report.line === undefined ? {} : { line: report.line }),
      data: { level: report.level, message: report.message },
    });
  }
  const doc = parsed.document;
  if (doc === null || parsed.reports.some((r) => r.level !== 'warning')) return failed();
  if (doc.doctype !== null) {
    diagnostics.push({ severity: 'error', code: 'clixml-doctype', file, data: {} });
    return failed();
  }
  const root = doc.documentElement;
  if (root?.localName !== 'Objs') {
    diagnostics.push({ severity: 'warning', code: 'clixml-not-objs', file, data: { root: root?.localName ?? '' } });
    return failed();
  }

  // Real exports expand Refs to far less text than the XML they take; this only stops amplification.
  const budget = Math.min(64_000_000, Math.max(1_000_000, source.length * 2));
  const reader = new ClixmlReader(root, file, diagnostics, budget);
  return { table: reader.table(), diagnostics };
}

/**
 * XML that may be Export-Clixml output: an `<Objs` root, or any XML prolog (declaration, DOCTYPE,
 * comment). Other XML is then parsed and reported as such (a DOCTYPE refused, another root named)
 * rather than read as a CSV of angle brackets.
 */
export function looksLikeClixml(text: string): boolean {
  const s = stripBom(text).trimStart();
  if (s.startsWith('<?xml') || s.startsWith('<!DOCTYPE') || s.startsWith('<!--')) return true;
  if (!s.startsWith('<Objs')) return false;
  const next = s.charAt(5);
  return next === '>' || next === '/' || /\s/.test(next);
}

interface ParserReport {
  readonly level: 'warning' | 'error' | 'fatalError';
  readonly message: string;
  readonly line: number | undefined;
}

class StopParsing extends Error {}

function parseXml(source: string): { document: ReturnType<DOMParser['parseFromString']> | null; reports: ParserReport[] } {
  const reports: ParserReport[] = [];
  const parser = new DOMParser({
    locator: true,
    // XML 1.0 line-end handling only; xmldom's default would also turn U+2028 / U+0085 in values into
    // line breaks and shift line numbers away from what an editor shows.
    normalizeLineEndings: (s: string) => s.replace(/\r\n?/g, '\n'),
    onError: (level, message, context: unknown) => {
      // U+FFFD is a valid XML character: a value that held it when PowerShell exported it is data,
      // not a malformed file (xmldom only suspects an encoding problem here).
      if (level === 'warning' && message.startsWith('Unicode replacement character')) return;
      reports.push({ level, message, line: locatorLine(context) });
      if (level !== 'warning') throw new StopParsing(message);
    },
  });
  try {
    return { document: parser.parseFromString(source, 'text/xml'), reports };
  } catch (error) {
    if (reports.length === 0) {
      reports.push({ level: 'fatalError', message: error instanceof Error ? error.message : String(error), line: undefined });
    }
    return { document: null, reports };
  }
}

/** The DOM handler passed to onError carries the parser's locator (1-based lines once parsing began). */
function locatorLine(context: unknown): number | undefined {
  if (typeof context !== 'object' || context === null || !('locator' in context)) return undefined;
  const locator: unknown = context.locator;
  if (typeof locator !== 'object' || locator === null || !('lineNumber' in locator)) return undefined;
  const line: unknown = locator.lineNumber;
  return typeof line === 'number' && line >= 1 ? line : undefined;
}

const COLLECTIONS = new Set(['LST', 'IE', 'STK', 'QUE', 'Col']);
const NOT_A_VALUE = new Set(['TN', 'TNRef', 'ToString', 'Props', 'MS']);
/** Deeper nesting than any Exchange object has; keeps recursion far from the stack limit. */
const MAX_DEPTH = 64;

class ClixmlReader {
  private readonly objects = new Map<string, Element>();
  private readonly typeNames = new Map<string, Element>();
  private readonly rendered = new Map<Element, string>();
  private readonly inProgress = new Set<Element>();
  private readonly limit: number;
  private tooDeepReported = false;
  private tooLargeReported = false;
  private unnamedReported = false;

  constructor(
    private readonly root: Element,
    private readonly file: string,
    private readonly diagnostics: Diagnostic[],
    private budget: number,
  ) {
    this.limit = budget;
    this.index();
  }

  table(): RawTable {
    const columns = new Map<string, true>();
    const rows: RawRow[] = [];
    let typeName: string | null = null;
    let first = true;
    for (const element of childElements(this.root)) {
      const object = element.localName === 'Ref' ? this.resolve(element) : element.localName === 'Obj' ? element : null;
      if (first) typeName = object === null ? null : this.typeNameOf(object);
      first = false;
      const values = object === null ? new Map([['ToString', this.value(element, 0)]]) : this.properties(object);
      for (const name of values.keys()) columns.set(name, true);
      // fromEntries defines own properties, so a property named `__proto__` stays a column.
      rows.push({ line: lineOf(element) ?? 1, values: Object.fromEntries(values) });
    }
    return { format: 'clixml', columns: [...columns.keys()], rows, typeName };
  }

  /** RefIds of objects and type-name lists, first occurrence wins; iterative, so depth cannot overflow. */
  private index(): void {
    const stack: Element[] = [this.root];
    for (let element = stack.pop(); element !== undefined; element = stack.pop()) {
      const refId = element.getAttribute('RefId');
      if (refId !== null) {
        const map = element.localName === 'Obj' ? this.objects : element.localName === 'TN' ? this.typeNames : null;
        if (map !== null && !map.has(refId)) map.set(refId, element);
      }
      const children = [...childElements(element)];
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i];
        if (child !== undefined) stack.push(child);
      }
    }
  }

  private properties(object: Element): Map<string, string> {
    const values = new Map<string, string>();
    for (const group of childElements(object)) {
      if (group.localName !== 'Props' && group.localName !== 'MS') continue;
      for (const property of childElements(group)) {
        const rawName = property.getAttribute('N');
        if (rawName === null) {
          this.reportUnnamed(property);
          continue;
        }
        const name = decodeEscapes(rawName);
        // Formatting metadata (default display sets), not data.
        if (name === 'PSStandardMembers' || values.has(name)) continue;
        values.set(name, this.value(property, 1));
      }
    }
    if (values.size === 0) values.set('ToString', this.objectValue(object, 0));
    return values;
  }

  private typeNameOf(object: Element): string | null {
    for (const child of childElements(object)) {
      let list: Element | undefined;
      if (child.localName === 'TN') list = child;
      else if (child.localName === 'TNRef') list = this.typeNames.get(child.getAttribute('RefId') ?? '');
      else continue;
      if (list === undefined) return null;
      for (const t of childElements(list)) if (t.localName === 'T') return decodeEscapes(ownText(t));
      return null;
    }
    return null;
  }

  private value(element: Element, depth: number): string {
    switch (element.localName) {
      case 'Nil':
        return '';
      case 'B': {
        const text = ownText(element).trim();
        return text === 'true' ? 'True' : text === 'false' ? 'False' : text;
      }
      case 'C': {
        const code = Number(ownText(element).trim());
        return Number.isInteger(code) && code >= 0 && code <= 0xffff ? String.fromCharCode(code) : ownText(element);
      }
      case 'Obj':
        return this.objectValue(element, depth);
      case 'Ref': {
        const target = this.resolve(element);
        if (target === null) return '';
        const text = this.objectValue(target, depth);
        this.budget -= text.length;
        if (this.budget >= 0) return text;
        if (!this.tooLargeReported) {
          this.tooLargeReported = true;
          this.diagnostics.push({
            severity: 'warning',
            code: 'clixml-too-large',
            file: this.file,
            ...lineData(element),
            data: { limit: this.limit },
          });
        }
        return '';
      }
      default:
        return decodeEscapes(ownText(element));
    }
  }

  private objectValue(object: Element, depth: number): string {
    const memo = this.rendered.get(object);
    if (memo !== undefined) return memo;
    // A Ref back to an object still being rendered: its own text is all that can be said without looping.
    if (this.inProgress.has(object)) return this.toStringOf(object) ?? '';
    if (depth >= MAX_DEPTH) {
      if (!this.tooDeepReported) {
        this.tooDeepReported = true;
        this.diagnostics.push({
          severity: 'warning',
          code: 'clixml-too-deep',
          file: this.file,
          ...lineData(object),
          data: { limit: MAX_DEPTH },
        });
      }
      return this.toStringOf(object) ?? '';
    }
    this.inProgress.add(object);
    const text = this.renderObject(object, depth + 1);
    this.inProgress.delete(object);
    this.rendered.set(object, text);
    return text;
  }

  private renderObject(object: Element, depth: number): string {
    const children = [...childElements(object)];
    const collection = children.find((c) => COLLECTIONS.has(c.localName ?? ''));
    if (collection !== undefined) {
      return `{${[...childElements(collection)].map((item) => this.value(item, depth)).join(', ')}}`;
    }
    const dictionary = children.find((c) => c.localName === 'DCT');
    if (dictionary !== undefined) {
      const entries = [...childElements(dictionary)].map((entry) => {
        let key = '';
        let value = '';
        for (const part of childElements(entry)) {
          const n = part.getAttribute('N');
          if (n === 'Key') key = this.value(part, depth);
          else if (n === 'Value') value = this.value(part, depth);
        }
        return `${key}=${value}`;
      });
      return `{${entries.join('; ')}}`;
    }
    const toString = this.toStringOf(object);
    if (toString !== null) return toString;
    const primitive = children.find((c) => !NOT_A_VALUE.has(c.localName ?? '') && c.localName !== 'DCT');
    if (primitive !== undefined) return this.value(primitive, depth);
    const pairs: string[] = [];
    for (const group of children) {
      if (group.localName !== 'Props' && group.localName !== 'MS') continue;
      for (const property of childElements(group)) {
        const name = property.getAttribute('N');
        if (name === null || name === 'PSStandardMembers') continue;
        pairs.push(`${decodeEscapes(name)}=${this.value(property, depth)}`);
      }
    }
    return pairs.length === 0 ? '' : `{${pairs.join('; ')}}`;
  }

  private toStringOf(object: Element): string | null {
    for (const child of childElements(object)) if (child.localName === 'ToString') return decodeEscapes(ownText(child));
    return null;
  }

  private resolve(ref: Element): Element | null {
    const refId = ref.getAttribute('RefId') ?? '';
    const target = this.objects.get(refId);
    if (target !== undefined) return target;
    this.diagnostics.push({ severity: 'warning', code: 'clixml-unresolved-ref', file: this.file, ...lineData(ref), data: { refId } });
    return null;
  }

  private reportUnnamed(property: Element): void {
    if (this.unnamedReported) return;
    this.unnamedReported = true;
    this.diagnostics.push({
      severity: 'warning',
      code: 'clixml-unnamed-property',
      file: this.file,
      ...lineData(property),
      data: { element: property.localName ?? '' },
    });
  }
}

function* childElements(parent: Node): Generator<Element> {
  for (let node = parent.firstChild; node !== null; node = node.nextSibling) {
    if (node.nodeType === ELEMENT_NODE) yield node as Element;
  }
}

/** Text and CDATA directly inside a value element (CLIXML values never nest markup). */
function ownText(element: Element): string {
  let text = '';
  for (let node = element.firstChild; node !== null; node = node.nextSibling) {
    if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) text += node.nodeValue ?? '';
  }
  return text;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

/**
 * PowerShell's serializer writes characters XML cannot carry (CR, LF, TAB, other controls, and `_`
 * when followed by `x`) as `_xHHHH_`. One left-to-right pass, so `_x005F_x000A_` stays `_x000A_`.
 */
function decodeEscapes(s: string): string {
  if (!s.includes('_x')) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function lineOf(node: Node): number | undefined {
  const line = node.lineNumber;
  return line !== undefined && line >= 1 ? line : undefined;
}

function lineData(node: Node): { line?: number } {
  const line = lineOf(node);
  return line === undefined ? {} : { line };
}


function stripBom(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}
