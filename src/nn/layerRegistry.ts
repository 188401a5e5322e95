import { z } from 'zod';
import { ArgumentError } from '../errors.js';
import { parseActivation } from './activations.js';
import { Activation } from './activationLayer.js';
import { Dense } from './dense.js';
import { Dropout } from './dropout.js';
import type { Layer } from './layer.js';

/** How a layer type is rebuilt from the config its `toConfig()` wrote. */
export interface LayerRegistration {
  readonly type: string;
  fromConfig(config: Record<string, unknown>): Layer;
  /**
   * A module URL whose import registers this type (usually the registering file's `import.meta.url`).
   * Worker threads import it before rebuilding a model, so gradient checks of models holding this
   * layer can run on them; without it such models are checked on the calling thread.
   */
  readonly module: string | null;
  readonly builtIn: boolean;
}

const initSpec = z.union([
  z.string(),
  z.object({
    name: z.string(),
    config: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).optional(),
  }),
]);

const denseConfig = z.object({
  type: z.literal('dense'),
  units: z.number().int().positive(),
  activation: z.string(),
  init: initSpec.optional(),
  useBias: z.boolean().optional(),
  slope: z.number().optional(),
});
const dropoutConfig = z.object({ type: z.literal('dropout'), rate: z.number().min(0).lt(1) });
const activationConfig = z.object({
  type: z.literal('activation'),
  activation: z.string(),
  slope: z.number().optional(),
});

/** A config field that failed its schema; its message starts with the field's path. */
class FieldError extends ArgumentError {}

/** A built-in config checked against its schema; the error names the failing field (e.g. `rate`). */
function parsed<T>(schema: z.ZodType<T>, config: Record<string, unknown>): T {
  const result = schema.safeParse(config);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new FieldError(`${issue.path.join('.') || 'config'}: ${issue.message}`);
}

const registry = new Map<string, LayerRegistration>();

function builtIn(type: string, fromConfig: (config: Record<string, unknown>) => Layer): void {
  registry.set(type, { type, fromConfig, module: null, builtIn: true });
}

builtIn('dense', (c) => {
  const config = parsed(denseConfig, c);
  return new Dense(config.units, {
    activation: parseActivation(config.activation),
    init: config.init ?? 'auto',
    useBias: config.useBias ?? true,
    slope: config.slope,
  });
});
builtIn('dropout', (c) => new Dropout(parsed(dropoutConfig, c).rate));
builtIn('activation', (c) => {
  const config = parsed(activationConfig, c);
  return new Activation(config.activation, { slope: config.slope });
});

/**
 * Makes a user-written layer type round-trip through model files and clones: `fromConfig` receives
 * what the layer's `toConfig()` returned (with its `type`) and returns a new, unbuilt layer.
 */
export function registerLayer(
  type: string,
  fromConfig: (config: Record<string, unknown>) => Layer,
  options: { module?: string } = {},
): void {
  const existing = registry.get(type);
  if (existing?.builtIn) throw new ArgumentError(`registerLayer: '${type}' is a built-in layer type`);
  registry.set(type, { type, fromConfig, module: options.module ?? null, builtIn: false });
}

/** The registration of a layer type, or undefined. */
export function layerRegistration(type: string): LayerRegistration | undefined {
  return registry.get(type);
}

/**
 * Whether a layer is its type's built-in class itself. A user's subclass keeps the type (`'dense'`) and
 * its config, but may compute something else (mix rows, add a term), so what holds for the built-in
 * class (the gradient checker stacks batches through it; a worker thread rebuilds it from its config)
 * does not hold for it.
 */
export function isBuiltInLayer(layer: Layer): boolean {
  const registration = registry.get(layer.type);
  if (!registration?.builtIn) return false;
  try {
    return registration.fromConfig(layer.toConfig()).constructor === layer.constructor;
  } catch {
    return false; // a config that does not rebuild (a subclass's own): not the built-in class
  }
}

/**
 * A new layer from a stored config; errors start with `where` (e.g. `layers.1`) and name the field,
 * and an unknown type names the registered ones.
 */
export function layerFromConfig(config: Record<string, unknown>, where = 'layer'): Layer {
  const type = typeof config.type === 'string' ? config.type : '';
  const registration = registry.get(type);
  if (!registration) {
    throw new ArgumentError(
      `${where}: unknown layer type '${type}' ` +
        `(known: ${[...registry.keys()].join(', ')}; register others with registerLayer)`,
    );
  }
  try {
    return registration.fromConfig(config);
  } catch (error) {
    const message = (error as Error).message;
    throw new ArgumentError(error instanceof FieldError ? `${where}.${message}` : `${where} (${type}): ${message}`);
  }
}
