/**
 * Typed errors shared by every layer of gradlab. Messages name the operation, what was expected and
 * what was found, so that a user can fix the call without reading our source.
 */

export class GradlabError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Shapes that do not fit an operation (names the op and both shapes). */
export class ShapeError extends GradlabError {}

/** Mixed or unsupported dtypes (gradlab never promotes silently). */
export class DTypeError extends GradlabError {}

/** Malformed input data: CSV cells, NaN/Inf where numbers are required, wrong feature counts. */
export class DataError extends GradlabError {}

/** A model or scaler file that is corrupt, truncated or of an unknown version. */
export class ModelFormatError extends GradlabError {}

/** Training stopped because the objective became NaN or infinite. */
export class DivergenceError extends GradlabError {}

/** An invalid argument (unknown name, out-of-range option). */
export class ArgumentError extends GradlabError {}

export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** A file or folder that cannot be read or written, or must not be (names the path and the reason). */
export class FileError extends GradlabError {}
