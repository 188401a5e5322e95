import { isAbsolute } from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { DataError } from '../errors.js';

/**
 * The files a list of `--data` values names, in order: a quoted glob ('shards/*.csv') is expanded
 * here, sorted, so that a shell that does not expand it (or Windows) gives the same list; an unquoted
 * one arrives already expanded by the shell as several paths, kept as given. A glob that matches
 * nothing is an error (a silently empty fit would be wrong).
 */
export function expandDataPaths(specs: readonly string[]): string[] {
  return specs.flatMap((spec) => {
    if (!isDynamicPattern(spec)) return [spec];
    const files = globSync(spec, { onlyFiles: true, expandDirectories: false, absolute: isAbsolute(spec) }).sort();
    if (files.length === 0) throw new DataError(`--data ${spec}: no file matches this pattern`);
    return files;
  });
}
