// Puts what the web console ships from npm into the web bundle at build time: for each package below, fetches
// exactly the tarball package-lock.json pins, checks it against the lock's integrity hash, and copies the files
// named into <folder>/<package>/. Only those tarballs are fetched: their declared dependencies are the tools they
// were built with or what their built files already hold (the editor's main.js bundles React; Chart.js's UMD file
// bundles its colour library), so `npm ci` would fetch some 200 packages for nothing.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGES = {
  '@heartexlabs/label-studio': {
    folder: 'label-studio',
    files: {
      'build/static/js/main.js': 'main.js',
      'build/static/css/main.css': 'main.css',
      'build/static/js/main.js.LICENSE.txt': 'main.js.LICENSE.txt',
      LICENSE: 'LICENSE',
    },
  },
  'chart.js': {
    folder: 'chart.js',
    files: { 'dist/chart.umd.min.js': 'chart.umd.min.js', 'LICENSE.md': 'LICENSE.md' },
  },
};

const here = dirname(fileURLToPath(import.meta.url));
const [target, stamp] = process.argv.slice(2);
if (!target || !stamp) {
  throw new Error('usage: node fetch.mjs <folder to put the packages in> <file noting what is there>');
}
const lock = JSON.parse(readFileSync(join(here, 'package-lock.json'), 'utf8'));
const pins = Object.entries(PACKAGES).map(([name, wanted]) => {
  const pinned = lock.packages[`node_modules/${name}`];
  if (!pinned?.version || !pinned?.integrity?.startsWith('sha512-')) {
    throw new Error(`package-lock.json pins no version and sha512 integrity of ${name}`);
  }
  return { name, ...wanted, ...pinned };
});
const noted = pins.map((p) => `${p.name}@${p.version} ${p.integrity}`).join('\n');
const present = pins.every((p) => Object.values(p.files).every((file) => existsSync(join(target, p.folder, file))));
if (present && existsSync(stamp) && readFileSync(stamp, 'utf8') === noted) {
  process.exit(0);
}

const work = mkdtempSync(join(tmpdir(), 'labelhub-npm-'));
try {
  for (const pin of pins) {
    // npm's own cache serves a tarball again without the network once fetched
    const tarball = execFileSync('npm', ['pack', `${pin.name}@${pin.version}`, '--silent', '--pack-destination', work],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').pop();
    const bytes = readFileSync(join(work, tarball));
    const integrity = `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
    if (integrity !== pin.integrity) {
      throw new Error(`${tarball} is not the tarball package-lock.json pins: ${integrity} != ${pin.integrity}`);
    }
    const unpacked = join(work, pin.folder);
    mkdirSync(unpacked);
    execFileSync('tar', ['-xzf', join(work, tarball), '-C', unpacked,
      ...Object.keys(pin.files).map((file) => `package/${file}`)]);
    mkdirSync(join(target, pin.folder), { recursive: true });
    for (const [from, to] of Object.entries(pin.files)) {
      copyFileSync(join(unpacked, 'package', from), join(target, pin.folder, to));
    }
    console.log(`${pin.name}@${pin.version} (${integrity.slice(0, 23)}…) is in ${join(target, pin.folder)}`);
  }
  writeFileSync(stamp, noted);
} finally {
  rmSync(work, { recursive: true, force: true });
}
