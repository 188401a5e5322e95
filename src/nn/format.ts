import { z } from 'zod';
import { ModelFormatError, formatShape } from '../errors.js';
import type { DType } from '../tensor/index.js';
import { layerFromConfig } from './layerRegistry.js';
import { assertParameterBudget } from './parameterBudget.js';
import { Sequential } from './sequential.js';

export const MODEL_FORMAT = 'gradlab.model';
export const MODEL_VERSION = 1;

// Each layer's own fields are checked when it is rebuilt (see layerRegistry.ts), so that layer types
// registered by users validate their configs too.
export const layerSchema = z.looseObject({ type: z.string() });

export const parameterSchema = z.object({
  shape: z.array(z.number().int().nonnegative()),
  data: z.array(z.number()),
});

export const modelFileSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  version: z.literal(MODEL_VERSION),
  dtype: z.enum(['float64', 'float32']),
  inputSize: z.number().int().positive(),
  layers: z.array(layerSchema).min(1),
  loss: z.string().nullable().optional(),
  l2: z.number().nonnegative().optional(),
  parameters: z.record(z.string(), parameterSchema),
  normalizer: z.unknown().optional(),
  labels: z
    .array(z.union([z.string(), z.number()]))
    .nullable()
    .optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
});

/** A model file (version 1) as validated on load: architecture, parameters, loss, λ, scaler and labels. */
export type ModelFile = z.infer<typeof modelFileSchema>;
export type LayerConfig = z.infer<typeof layerSchema>;

/** What travels with a model besides its layers and weights. */
export interface ModelExtras {
  loss?: string | null;
  l2?: number;
  /** A fitted scaler's JSON (see data/), applied to inputs by eval and predict. */
  normalizer?: unknown;
  /** Class names, index i being class i, when labels were strings in the CSV. */
  labels?: Array<string | number> | null;
  meta?: Record<string, unknown>;
}

/** A fresh model with the same architecture (new seeded weights), optionally in another dtype. */
export function modelFromConfigs(
  layers: readonly LayerConfig[],
  inputSize: number,
  dtype: DType,
  seed = 0,
): Sequential {
  return new Sequential(
    layers.map((config, i) => layerFromConfig(config, `layers.${i}`)),
    { inputSize, dtype, seed },
  );
}

/** A copy of `model` with the same weights, in `dtype` (float32 → float64 is exact). */
export function cloneModel(model: Sequential, dtype: DType = model.dtype): Sequential {
  const copy = modelFromConfigs(model.layerConfigs() as LayerConfig[], model.inputSize, dtype);
  copy.setParameters(Object.fromEntries(model.namedParameters().map(([n, t]) => [n, t.data])));
  return copy;
}

/** Throws when `value` holds a number JSON cannot carry (NaN, ±Infinity would be written as null). */
function assertJsonNumbers(value: unknown, where: string): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ModelFormatError(`cannot save: ${where} is ${value}`);
  } else if (Array.isArray(value)) value.forEach((v, i) => assertJsonNumbers(v, `${where}[${i}]`));
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) assertJsonNumbers(v, `${where}.${k}`);
}

/** A network (and optionally its loss, λ, scaler and labels) as a model file object. */
export function modelToJSON(model: Sequential, extras: ModelExtras = {}): ModelFile {
  assertJsonNumbers({ l2: extras.l2, normalizer: extras.normalizer, meta: extras.meta }, 'model');
  const parameters: ModelFile['parameters'] = {};
  for (const [name, t] of model.namedParameters()) {
    for (let i = 0; i < t.size; i++) {
      if (!Number.isFinite(t.data[i]))
        throw new ModelFormatError(`cannot save: parameter ${name} holds ${t.data[i]} at index ${i}`);
    }
    parameters[name] = { shape: [...t.shape], data: Array.from(t.data) };
  }
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    dtype: model.dtype,
    inputSize: model.inputSize,
    layers: model.layerConfigs() as LayerConfig[],
    loss: extras.loss ?? null,
    l2: extras.l2 ?? 0,
    parameters,
    normalizer: extras.normalizer ?? null,
    labels: extras.labels ?? null,
    ...(extras.meta ? { meta: extras.meta } : {}),
  };
}

/** The network part of a model file (shared by model file versions 1 and 2). */
export interface NetworkParts {
  dtype: DType;
  inputSize: number;
  layers: LayerConfig[];
  parameters: ModelFile['parameters'];
}

/** Rebuilds a network from validated parts; a parameter of the wrong name, shape or length is a ModelFormatError. */
export function networkFromParts(
  file: NetworkParts,
  source = 'model',
  options: { /** Default: parameterBudget(). */ maxParameters?: number } = {},
): Sequential {
  // The layer sizes decide the allocation: refuse a network over budget before building it.
  const widths = file.layers.flatMap((l) => (l.type === 'dense' && typeof l.units === 'number' ? [l.units] : []));
  try {
    assertParameterBudget([file.inputSize, ...widths], options.maxParameters);
  } catch (error) {
    throw new ModelFormatError(`${source}: ${(error as Error).message}`);
  }
  let model: Sequential;
  try {
    model = modelFromConfigs(file.layers, file.inputSize, file.dtype);
  } catch (error) {
    throw new ModelFormatError(`${source}: invalid layers: ${(error as Error).message}`);
  }
  const expected = model.namedParameters();
  const extra = Object.keys(file.parameters).filter((n) => !expected.some(([e]) => e === n));
  if (extra.length) throw new ModelFormatError(`${source}: unexpected parameters ${extra.join(', ')}`);
  for (const [name, t] of expected) {
    const p = file.parameters[name];
    if (!p) throw new ModelFormatError(`${source}: parameter ${name} is missing`);
    if (p.shape.length !== t.rank || p.shape.some((d, i) => d !== t.shape[i])) {
      throw new ModelFormatError(
        `${source}: parameter ${name} has shape ${formatShape(p.shape)}, the layers need ${formatShape(t.shape)}`,
      );
    }
    if (p.data.length !== t.size)
      throw new ModelFormatError(
        `${source}: parameter ${name} has ${p.data.length} values, shape ${formatShape(t.shape)} needs ${t.size}`,
      );
    t.data.set(p.data);
  }
  return model;
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(top)'}: ${i.message}`)
    .join('; ');
}

export interface LoadedModel extends ModelExtras {
  model: Sequential;
}

/**
 * Validates a parsed model file and rebuilds the model. Anything wrong (unknown format or version,
 * a missing field, a parameter of the wrong shape or length, a non-number, more parameters than the
 * budget allows) is a ModelFormatError naming the place.
 */
export function modelFromJSON(
  json: unknown,
  source = 'model',
  options: { /** Default: parameterBudget(). */ maxParameters?: number } = {},
): LoadedModel {
  if (typeof json === 'object' && json !== null) {
    const header = json as { format?: unknown; version?: unknown };
    if (header.format !== MODEL_FORMAT)
      throw new ModelFormatError(
        `${source}: not a gradlab model (format is ${JSON.stringify(header.format)}, expected "${MODEL_FORMAT}")`,
      );
    if (header.version !== MODEL_VERSION) {
      throw new ModelFormatError(
        `${source}: model file version ${JSON.stringify(header.version)} is not supported ` +
          `(this gradlab reads version ${MODEL_VERSION})`,
      );
    }
  }
  const parsed = modelFileSchema.safeParse(json);
  if (!parsed.success) throw new ModelFormatError(`${source}: ${describeIssues(parsed.error)}`);
  const file = parsed.data;
  const model = networkFromParts(file, source, options);
  return {
    model,
    loss: file.loss ?? null,
    l2: file.l2 ?? 0,
    normalizer: file.normalizer ?? null,
    labels: file.labels ?? null,
    meta: file.meta,
  };
}
