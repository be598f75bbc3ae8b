import type { RecordSet } from '../../ingest/read-inventory.js';
import type { RecordKind } from '../../ingest/record-kind.js';

/** A one-server fleet (EXCAS01) and a record set of one kind in the server's folder, as ingest makes them. */
export function fleetWith(kind: RecordKind, rows: readonly Record<string, string>[], file = `EXCAS01/${kind}.csv`): RecordSet[] {
  return [
    { file: 'org/ExchangeServer.csv', kind: 'exchange-server', format: 'csv', folder: 'org', rows: [{ line: 2, values: { Name: 'EXCAS01', ServerRole: 'ClientAccess', AdminDisplayVersion: 'Version 8.3 (Build 83.6)' } }] },
    { file, kind, format: 'csv', folder: file.split('/').at(-2) ?? '', rows: rows.map((values, i) => ({ line: i + 2, values })) },
  ];
}
