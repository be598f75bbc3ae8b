import { readColumn } from '../ingest/record-kind.js';

/**
 * Which Exchange product a Get-ExchangeServer record describes. Exchange 2007's cmdlet lists every
 * server of the organisation, older and newer ones too, and each writes its version its own way:
 *
 * - AdminDisplayVersion: `Version 8.3 (Build 83.6)` (2007), `Version 14.3 (Build 123.4)` (2010),
 *   `Version 15.0 (Build 1497.2)` (2013+), but `Version 6.5 (Build 7638.2: Service Pack 2)` for an
 *   Exchange 2003 server (the legacy serialNumber attribute, with its service pack after a colon).
 * - IsExchange2007OrLater: False for 5.5/2000/2003 servers.
 * - ExchangeVersion: the object's version, `0.0 (6.5.6500.0)` for a legacy server, `0.1 (8.0.535.0)` for
 *   2007, `0.10 (14.0.100.0)` for 2010 — not the installed build (BRIEF §3), but its major number names
 *   the product when AdminDisplayVersion is missing.
 *
 * Product names by major.minor: Microsoft's "Exchange Server build numbers and release dates".
 */
export interface ExchangeProduct {
  /** `Exchange Server 2003`, … ; null when the record does not say. */
  readonly product: string | null;
  /** True for Exchange 2007 (major 8), false for another product, null when unknown. */
  readonly exchange2007: boolean | null;
}

const PRODUCTS: readonly { readonly major: number; readonly minor: number | null; readonly name: string }[] = [
  { major: 4, minor: null, name: 'Exchange Server 4.0' },
  { major: 5, minor: 0, name: 'Exchange Server 5.0' },
  { major: 5, minor: 5, name: 'Exchange Server 5.5' },
  { major: 6, minor: 0, name: 'Exchange 2000 Server' },
  { major: 6, minor: 5, name: 'Exchange Server 2003' },
  { major: 8, minor: null, name: 'Exchange Server 2007' },
  { major: 14, minor: null, name: 'Exchange Server 2010' },
  { major: 15, minor: 0, name: 'Exchange Server 2013' },
  { major: 15, minor: 1, name: 'Exchange Server 2016' },
  { major: 15, minor: 2, name: 'Exchange Server 2019' },
];

export function productOf(major: number, minor: number): string | null {
  return PRODUCTS.find((p) => p.major === major && (p.minor === null || p.minor === minor))?.name ?? (major > 15 ? `Exchange Server (version ${major}.${minor})` : null);
}

/** Reads the product from AdminDisplayVersion, else ExchangeVersion, else IsExchange2007OrLater. */
export function readExchangeProduct(values: Readonly<Record<string, string>>): ExchangeProduct {
  const fromVersion = (major: number, minor: number): ExchangeProduct => ({ product: productOf(major, minor), exchange2007: major === 8 });
  const admin = /Version\s+(\d+)\.(\d+)/i.exec(readColumn(values, 'AdminDisplayVersion'));
  if (admin) return fromVersion(Number(admin[1]), Number(admin[2]));
  const objectVersion = /\((\d+)\.(\d+)\.\d+\.\d+\)/.exec(readColumn(values, 'ExchangeVersion'));
  if (objectVersion) return fromVersion(Number(objectVersion[1]), Number(objectVersion[2]));
  const laterText = readColumn(values, 'IsExchange2007OrLater').toLowerCase();
  if (laterText === 'false') return { product: 'Exchange Server 2003 or earlier', exchange2007: false };
  return { product: null, exchange2007: null };
}
