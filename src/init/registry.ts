import { ArgumentError } from '../errors.js';
import { constant, identity, ones, randomNormal, randomUniform, truncatedNormal, zeros } from './basic.js';
import type { InitConfig, Initializer, InitializerSpec } from './initializer.js';
import { orthogonal } from './orthogonal.js';
import {
  glorotNormal,
  glorotUniform,
  heNormal,
  heUniform,
  kaimingNormal,
  kaimingUniform,
  lecunNormal,
  lecunUniform,
  varianceScaling,
  xavierNormal,
  xavierUniform,
} from './varianceScaling.js';

type Factory = (config: InitConfig) => Initializer;

// Every initializer by its serialized name (config keys are the factory's options). A Map, not an object
// index: `FACTORIES['__proto__']` or `['toString']` found Object's own members ("factory is not a function").
const FACTORIES = new Map<string, Factory>(
  Object.entries({
    zeros: () => zeros(),
    ones: () => ones(),
    constant: (c) => constant(c as { value?: number }),
    identity: (c) => identity(c as { gain?: number }),
    eye: (c) => identity(c as { gain?: number }),
    randomNormal: (c) => randomNormal(c as { mean?: number; std?: number }),
    randomUniform: (c) => randomUniform(c as { min?: number; max?: number }),
    truncatedNormal: (c) => truncatedNormal(c as { mean?: number; std?: number; a?: number; b?: number }),
    varianceScaling: (c) => varianceScaling(c as Parameters<typeof varianceScaling>[0]),
    heNormal: () => heNormal(),
    heUniform: () => heUniform(),
    lecunNormal: () => lecunNormal(),
    lecunUniform: () => lecunUniform(),
    glorotNormal: () => glorotNormal(),
    glorotUniform: () => glorotUniform(),
    kaimingNormal: (c) => kaimingNormal(c as Parameters<typeof kaimingNormal>[0]),
    kaimingUniform: (c) => kaimingUniform(c as Parameters<typeof kaimingUniform>[0]),
    xavierNormal: (c) => xavierNormal(c as { gain?: number }),
    xavierUniform: (c) => xavierUniform(c as { gain?: number }),
    orthogonal: (c: InitConfig) => orthogonal(c as { gain?: number }),
  } satisfies Record<string, Factory>),
);

/** Every name `getInitializer` and `Dense`'s `init` accept. */
export const INITIALIZER_NAMES: readonly string[] = [...FACTORIES.keys()];

/** An Initializer from itself, a registered name, or a {name, config} spec (as in model files). */
export function getInitializer(init: string | InitializerSpec | Initializer): Initializer {
  if (typeof init === 'object' && 'sample' in init) return init;
  const spec: InitializerSpec = typeof init === 'string' ? { name: init } : init;
  const factory = typeof spec.name === 'string' ? FACTORIES.get(spec.name) : undefined;
  if (!factory) {
    throw new ArgumentError(`unknown initializer '${spec.name}' (known: ${INITIALIZER_NAMES.join(', ')})`);
  }
  return factory(spec.config ?? {});
}
