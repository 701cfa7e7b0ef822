// npm run lint: ESLint and Prettier's check side by side (each is mostly one core; run one after the other they took
// over 40 s). Each tool's output is printed whole once it ends, so the two never interleave; either failing fails lint.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './lib/paths.mjs';

const bin = (name) => path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

function run(name, args) {
  return new Promise((resolve) => {
    const child = spawn(bin(name), args, { cwd: ROOT, shell: process.platform === 'win32' });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (err) => resolve({ name, code: 1, output: `${output}${err.message}\n` }));
    child.on('close', (code) => resolve({ name, code: code ?? 1, output }));
  });
}

const results = await Promise.all([run('eslint', ['.']), run('prettier', ['--check', '.'])]);
for (const { name, code, output } of results) {
  if (output) process.stdout.write(output);
  if (code !== 0) console.error(`[lint] ${name} failed (exit code ${code})`);
}
process.exitCode = results.some((r) => r.code !== 0) ? 1 : 0;
