// Puts the labeling editor (Label Studio Frontend, built) into the web bundle at build time: fetches exactly the
// tarball package-lock.json pins, checks it against the lock's integrity hash, and copies the built script, its
// styles and licences into the given folder. Only that one tarball is fetched: its declared dependencies are
// the tools it was built with, already bundled into its main.js, so `npm ci` would fetch 200 packages for nothing.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const NAME = '@heartexlabs/label-studio';
const FILES = {
  'build/static/js/main.js': 'main.js',
  'build/static/css/main.css': 'main.css',
  'build/static/js/main.js.LICENSE.txt': 'main.js.LICENSE.txt',
  LICENSE: 'LICENSE',
};

const here = dirname(fileURLToPath(import.meta.url));
const [target, stamp] = process.argv.slice(2);
if (!target || !stamp) {
  throw new Error('usage: node fetch-editor.mjs <folder to put the editor in> <file noting what is there>');
}
const lock = JSON.parse(readFileSync(join(here, 'package-lock.json'), 'utf8'));
const pinned = lock.packages[`node_modules/${NAME}`];
if (!pinned?.version || !pinned?.integrity?.startsWith('sha512-')) {
  throw new Error(`package-lock.json pins no version and sha512 integrity of ${NAME}`);
}
if (existsSync(stamp) && readFileSync(stamp, 'utf8') === pinned.integrity
    && Object.values(FILES).every((file) => existsSync(join(target, file)))) {
  process.exit(0);
}

const work = mkdtempSync(join(tmpdir(), 'labelhub-editor-'));
try {
  // npm's own cache serves it again without the network once fetched
  const tarball = execFileSync('npm', ['pack', `${NAME}@${pinned.version}`, '--silent', '--pack-destination', work],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').pop();
  const bytes = readFileSync(join(work, tarball));
  const integrity = `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
  if (integrity !== pinned.integrity) {
    throw new Error(`${tarball} is not the tarball package-lock.json pins: ${integrity} != ${pinned.integrity}`);
  }
  execFileSync('tar', ['-xzf', join(work, tarball), '-C', work,
    ...Object.keys(FILES).map((file) => `package/${file}`)]);
  mkdirSync(target, { recursive: true });
  for (const [from, to] of Object.entries(FILES)) {
    copyFileSync(join(work, 'package', from), join(target, to));
  }
  writeFileSync(stamp, pinned.integrity);
  console.log(`${NAME}@${pinned.version} (${integrity.slice(0, 23)}…) is in ${target}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
