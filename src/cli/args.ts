// Argument parsing for ts314 subcommands: node:util parseArgs plus "Did you mean …?" for unknown flags.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { didYouMean } from '../internal/did-you-mean.js';
import { Ts314Error, type ErrorCode } from '../internal/errors.js';

/** A mistake in how the command was invoked; the CLI prints it and exits with status 2. */
export class UsageError extends Ts314Error {
  static override readonly code: ErrorCode = 'ERR_USAGE';
  override name = 'UsageError';
}

/** parseArgs with strict checking, and usage errors that suggest the flag that was meant. */
export function parseCommandArgs<T extends ParseArgsConfig>(command: string, argv: string[], config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs({ ...config, args: argv, strict: true }) as ReturnType<typeof parseArgs<T>>;
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = (error as Error).message;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const flag = /'(-{1,2}[^' ]+)'/.exec(message)?.[1] ?? '';
      const known = Object.keys(config.options ?? {}).map((name) => `--${name}`);
      throw new UsageError(`ts314 ${command}: unknown option '${flag}'.${didYouMean(flag, known) || ` Options: ${known.join(' ')}`}`);
    }
    if (code?.startsWith('ERR_PARSE_ARGS')) throw new UsageError(`ts314 ${command}: ${message}`);
    throw error;
  }
}
