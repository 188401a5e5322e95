import { ArgumentError } from '../errors.js';
import { computeFans } from './fans.js';
import { calculateGain, type Nonlinearity } from './gain.js';
import { makeInitializer, requireNumber, type InitConfig, type Initializer } from './initializer.js';

/** Which fan sets the variance: fan_in (forward signal), fan_out (backward signal) or their mean. */
export type FanMode = 'fanIn' | 'fanOut' | 'fanAvg';
/** The distribution a variance-scaling initializer draws from. */
export type Distribution = 'normal' | 'truncatedNormal' | 'uniform';

/**
 * std of a standard normal truncated to ±2σ: sampling truncnorm(−2, 2)·σ/0.8796… gives std σ exactly.
 * (Keras and PyTorch agree on this constant; TensorFlow.js omits it, tfjs issue 8594.)
 */
export const TRUNCATED_NORMAL_STD = 0.87962566103423978;

export interface VarianceScalingOptions {
  scale?: number;
  mode?: FanMode;
  distribution?: Distribution;
}

const FAN_TEXT: Record<FanMode, string> = { fanIn: 'fan_in', fanOut: 'fan_out', fanAvg: '(fan_in + fan_out)/2' };

/**
 * The one core of the variance-preserving family: Var(W) = scale / n with n = fan_in, fan_out or their
 * mean. normal: std = √(scale/n); truncatedNormal: ±2σ window, rescaled so the std is still √(scale/n);
 * uniform: U(−√(3·scale/n), +√(3·scale/n)), whose std is √(scale/n) too.
 * `preset` names a preset built on it (its name and config are what gets serialized).
 */
export function varianceScaling(
  options: VarianceScalingOptions = {},
  preset?: { name: string; config: InitConfig },
): Initializer {
  const scale = requireNumber('varianceScaling', options.scale, 1);
  const mode = options.mode ?? 'fanIn';
  const distribution = options.distribution ?? 'truncatedNormal';
  if (!(scale > 0)) throw new ArgumentError(`varianceScaling: scale must be > 0, got ${scale}`);
  if (!(mode in FAN_TEXT))
    throw new ArgumentError(`varianceScaling: mode must be fanIn, fanOut or fanAvg, got '${mode}'`);
  if (!['normal', 'truncatedNormal', 'uniform'].includes(distribution)) {
    throw new ArgumentError(
      `varianceScaling: distribution must be normal, truncatedNormal or uniform, got '${distribution}'`,
    );
  }
  const fan = (shape: readonly number[]): number => {
    const { fanIn, fanOut } = computeFans(shape);
    const n = mode === 'fanIn' ? fanIn : mode === 'fanOut' ? fanOut : (fanIn + fanOut) / 2;
    return Math.max(1, n);
  };
  const std = (shape: readonly number[]) => Math.sqrt(scale / fan(shape));
  return makeInitializer(preset?.name ?? 'varianceScaling', preset?.config ?? { scale, mode, distribution }, {
    describe: () => {
      const s = `√(${+scale.toPrecision(6)}/${FAN_TEXT[mode]})`;
      if (distribution === 'uniform') return `uniform(−√3·${s}, +√3·${s})`;
      if (distribution === 'truncatedNormal') return `normal(0, ${s}) truncated to ±2σ, rescaled by 1/0.8796`;
      return `normal(0, ${s})`;
    },
    expectedStd: std,
    fill: (out, shape, gen) => {
      const s = std(shape);
      if (distribution === 'normal') for (let i = 0; i < out.length; i++) out[i] = s * gen.normal();
      else if (distribution === 'truncatedNormal') {
        const t = s / TRUNCATED_NORMAL_STD;
        for (let i = 0; i < out.length; i++) out[i] = t * gen.truncatedNormal(-2, 2);
      } else {
        const limit = Math.sqrt(3) * s;
        for (let i = 0; i < out.length; i++) out[i] = gen.uniformRange(-limit, limit);
      }
    },
  });
}

const preset = (name: string, options: VarianceScalingOptions) => (): Initializer =>
  varianceScaling(options, { name, config: {} });

/** He (Kaiming) normal, for ReLU: randn·√(2/fan_in). */
export const heNormal = preset('heNormal', { scale: 2, mode: 'fanIn', distribution: 'normal' });
/** He uniform: U(±√(6/fan_in)). */
export const heUniform = preset('heUniform', { scale: 2, mode: 'fanIn', distribution: 'uniform' });
/** LeCun normal, for tanh/SELU: randn·√(1/fan_in). */
export const lecunNormal = preset('lecunNormal', { scale: 1, mode: 'fanIn', distribution: 'normal' });
/** LeCun uniform: U(±√(3/fan_in)). */
export const lecunUniform = preset('lecunUniform', { scale: 1, mode: 'fanIn', distribution: 'uniform' });
/** Glorot (Xavier) normal: randn·√(2/(fan_in + fan_out)). */
export const glorotNormal = preset('glorotNormal', { scale: 1, mode: 'fanAvg', distribution: 'normal' });
/** Glorot uniform: U(±√(6/(fan_in + fan_out))). */
export const glorotUniform = preset('glorotUniform', { scale: 1, mode: 'fanAvg', distribution: 'uniform' });

export interface KaimingOptions {
  mode?: 'fanIn' | 'fanOut';
  nonlinearity?: Nonlinearity;
  /** Negative slope for leakyRelu (PyTorch's `a`, default 0). */
  a?: number;
}

function kaiming(name: string, distribution: Distribution, options: KaimingOptions): Initializer {
  const mode = options.mode ?? 'fanIn';
  const nonlinearity = options.nonlinearity ?? 'leakyRelu';
  const a = options.a ?? 0;
  const gain = calculateGain(nonlinearity, a);
  return varianceScaling({ scale: gain * gain, mode, distribution }, { name, config: { mode, nonlinearity, a } });
}

/** PyTorch's kaiming_normal_: std = gain/√fan, gain from calculateGain(nonlinearity, a). */
export const kaimingNormal = (options: KaimingOptions = {}): Initializer => kaiming('kaimingNormal', 'normal', options);
/** PyTorch's kaiming_uniform_: U(±gain·√(3/fan)). */
export const kaimingUniform = (options: KaimingOptions = {}): Initializer =>
  kaiming('kaimingUniform', 'uniform', options);

function xavier(name: string, distribution: Distribution, options: { gain?: number }): Initializer {
  const gain = requireNumber(name, options.gain, 1);
  return varianceScaling({ scale: gain * gain, mode: 'fanAvg', distribution }, { name, config: { gain } });
}

/** PyTorch's xavier_normal_: std = gain·√(2/(fan_in + fan_out)). */
export const xavierNormal = (options: { gain?: number } = {}): Initializer => xavier('xavierNormal', 'normal', options);
/** PyTorch's xavier_uniform_: U(±gain·√(6/(fan_in + fan_out))). */
export const xavierUniform = (options: { gain?: number } = {}): Initializer =>
  xavier('xavierUniform', 'uniform', options);
