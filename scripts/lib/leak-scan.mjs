// Looks for secret strings in every file under a directory (UTF-8, UTF-16LE and base64 forms).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

function* walk(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

/** Returns [{ file, secretName, encoding }] for every hit. `secrets` maps a name to the secret text. */
export function scanForSecrets(dir, secrets, { skip = () => false } = {}) {
  const needles = [];
  for (const [name, value] of Object.entries(secrets)) {
    if (!value) continue;
    needles.push({ name, encoding: 'utf8', bytes: Buffer.from(value, 'utf8') });
    needles.push({ name, encoding: 'utf16le', bytes: Buffer.from(value, 'utf16le') });
    needles.push({
      name,
      encoding: 'base64',
      bytes: Buffer.from(Buffer.from(value, 'utf8').toString('base64').slice(0, 24), 'utf8'),
    });
  }
  const hits = [];
  let files = 0;
  for (const file of walk(dir)) {
    if (skip(file)) continue;
    let data;
    try {
      if (statSync(file).size > 200 * 1024 * 1024) continue;
      data = readFileSync(file);
    } catch {
      continue;
    }
    files++;
    for (const needle of needles) {
      if (data.includes(needle.bytes)) hits.push({ file, secretName: needle.name, encoding: needle.encoding });
    }
  }
  return { hits, files };
}
