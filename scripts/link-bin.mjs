// Links this package's own `lmrec` bin into node_modules/.bin, so `npx lmrec` works inside the repository.
// (npm links the bins of dependencies, not of the root package.)
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const binDir = path.join(root, 'node_modules', '.bin');
const target = path.join(binDir, 'lmrec');
fs.mkdirSync(binDir, { recursive: true });
fs.rmSync(target, { force: true });
fs.symlinkSync(path.relative(binDir, path.join(root, 'bin', 'lmrec.js')), target);
