// Generates data/build-catalog.json and data/build-catalog.sha256 from the team's sourced reference
// (../shared/reference/exchange2007-builds.json). The catalogue is frozen (Exchange 2007 support ended
// 2017-04-11): it is imported once, committed, and verified by checksum at every load. Never fetched.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const sourcePath = process.argv[2] ?? '../shared/reference/exchange2007-builds.json';
const sourceBytes = readFileSync(sourcePath);
const source = JSON.parse(sourceBytes.toString('utf8'));

const catalog = {
  schemaVersion: 1,
  provenance: {
    importedFrom: 'shared/reference/exchange2007-builds.json',
    importedSha256: createHash('sha256').update(sourceBytes).digest('hex'),
    frozen: 'Exchange Server 2007 extended support ended 2017-04-11; SP3 RU23 (8.3.517.0) is the last update.',
    sources: source.sources.map((s) => ({ title: s.title, url: s.url })),
    caveats: source.caveats,
  },
  servicePacks: source.servicePacks.map((sp) => ({
    servicePack: sp.sp,
    build: sp.build,
    kb: sp.kb,
    releaseDate: sp.releaseDate,
    schema: sp.schema,
    unverified: sp.unverified === true,
    sources: sp.sources,
  })),
  rollups: source.rollups.map((r) => ({
    servicePack: r.sp,
    rollup: r.rollup,
    revision: r.version,
    kb: r.kb,
    build: r.build,
    releaseDate: r.releaseDate,
    unverified: r.unverified === true,
    notes: r.notes,
    sources: [...(r.kbSources ?? []), ...(r.buildSources ?? [])],
  })),
  otherObservedBuilds: source.otherObservedBuilds,
  // RTM shows as 8.0.685.24 in EMC/EMS/Outlook and 8.0.685.25 in the registry (facts.md b).
  buildAliases: [{ build: '8.0.685.24', sameAs: '8.0.685.25' }],
};

const text = JSON.stringify(catalog, null, 2) + '\n';
writeFileSync('data/build-catalog.json', text);
writeFileSync(
  'data/build-catalog.sha256',
  createHash('sha256').update(text).digest('hex') + '  build-catalog.json\n',
);
console.log(`wrote data/build-catalog.json (${catalog.servicePacks.length} service packs, ${catalog.rollups.length} rollups)`);
