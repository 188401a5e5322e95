import { readFileSync } from 'node:fs';
import { ModelFormatError } from '../errors.js';
import { writeFileAtomic } from './atomicWrite.js';
import { modelFromJSON, modelToJSON, type LoadedModel, type ModelExtras } from '../nn/format.js';
import type { Sequential } from '../nn/sequential.js';

/** Writes the model (and its extras) as a versioned JSON file, atomically. */
export function saveModel(path: string, model: Sequential, extras: ModelExtras = {}): void {
  writeFileAtomic(path, `${JSON.stringify(modelToJSON(model, extras))}\n`);
}

/** A model file's parsed JSON (any version); an unreadable or truncated file is a ModelFormatError. */
export function readModelJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ModelFormatError(
      `${path}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ModelFormatError(`${path}: not valid JSON (truncated or corrupt?): ${(error as Error).message}`);
  }
  return json;
}

/** Reads and validates a model file; a corrupt, truncated or unknown file is a ModelFormatError. */
export function loadModel(path: string): LoadedModel {
  return modelFromJSON(readModelJson(path), path);
}
