import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { FileError, ModelFormatError } from '../errors.js';
import { ensureDirectory, writeFileAtomic } from './atomicWrite.js';
import { readModelJson } from './modelFiles.js';
import { describeSystemError } from './systemErrors.js';

/** A file's bytes; an unreadable file is a FileError naming it. */
export function readBinaryFile(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (error) {
    throw new FileError(`cannot read ${path}: ${describeSystemError(error)}`);
  }
}

/**
 * A TF.js Layers model.json (a folder holding one, or the file itself) and a reader for the weight
 * shards it names, which must sit in the same folder (a path leaving it is refused).
 */
export function readTfjsFolder(path: string): {
  json: unknown;
  source: string;
  readShard: (name: string) => Uint8Array;
} {
  let file = path;
  try {
    if (statSync(path).isDirectory()) file = join(path, 'model.json');
  } catch (error) {
    throw new FileError(`cannot read ${path}: ${describeSystemError(error)}`);
  }
  const folder = resolve(dirname(file));
  return {
    json: readModelJson(file),
    source: file,
    readShard: (name) => {
      const shard = resolve(folder, name);
      if (dirname(shard) !== folder)
        throw new ModelFormatError(`${file}: weight shard '${name}' is outside the model's folder`);
      return readBinaryFile(shard);
    },
  };
}

/** Writes model.json and its weight shards into `folder` (created if needed), each file atomically. */
export function writeTfjsFolder(folder: string, modelJson: unknown, shards: Record<string, Uint8Array>): string {
  ensureDirectory(folder);
  for (const [name, bytes] of Object.entries(shards)) writeFileAtomic(join(folder, name), bytes);
  const file = join(folder, 'model.json');
  writeFileAtomic(file, `${JSON.stringify(modelJson)}\n`);
  return file;
}
