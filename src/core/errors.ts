// Typed errors: one class per kind, all extending LmrecError, with context (file, line, field, provider).
// `isInstance` checks a marker symbol, so it works across duplicate package copies (as the AI SDK's errors do).

const marker = Symbol.for('lmrec.error');

/** Where an error happened, for messages that name the file, line or field. */
export interface ErrorContext {
  file?: string;
  line?: number;
  field?: string;
  provider?: string;
  [key: string]: unknown;
}

export class LmrecError extends Error {
  readonly [marker] = true;
  readonly context: ErrorContext;

  constructor(message: string, options: { cause?: unknown; context?: ErrorContext } = {}) {
    super(message, { cause: options.cause });
    this.name = 'LmrecError';
    this.context = options.context ?? {};
  }

  static isInstance(error: unknown): error is LmrecError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[marker] === true;
  }
}

/** Bad user input: a malformed row, flag or request field. */
export class InvalidInputError extends LmrecError {
  constructor(message: string, options: { cause?: unknown; context?: ErrorContext } = {}) {
    super(message, options);
    this.name = 'InvalidInputError';
  }

  static override isInstance(error: unknown): error is InvalidInputError {
    return LmrecError.isInstance(error) && error.name === 'InvalidInputError';
  }
}

/** Invalid configuration file or environment variable. */
export class ConfigError extends LmrecError {
  constructor(message: string, options: { cause?: unknown; context?: ErrorContext } = {}) {
    super(message, options);
    this.name = 'ConfigError';
  }

  static override isInstance(error: unknown): error is ConfigError {
    return LmrecError.isInstance(error) && error.name === 'ConfigError';
  }
}

/** Something asked for does not exist (item, user, model, file). */
export class NotFoundError extends LmrecError {
  constructor(message: string, options: { cause?: unknown; context?: ErrorContext } = {}) {
    super(message, options);
    this.name = 'NotFoundError';
  }

  static override isInstance(error: unknown): error is NotFoundError {
    return LmrecError.isInstance(error) && error.name === 'NotFoundError';
  }
}

/** A stored artefact (model file, database) is corrupt or of an unsupported version. */
export class FormatError extends LmrecError {
  constructor(message: string, options: { cause?: unknown; context?: ErrorContext } = {}) {
    super(message, options);
    this.name = 'FormatError';
  }

  static override isInstance(error: unknown): error is FormatError {
    return LmrecError.isInstance(error) && error.name === 'FormatError';
  }
}

/** A long job was stopped on purpose: budget spent, signal received. */
export class AbortedError extends LmrecError {
  constructor(message: string, options: { cause?: unknown; context?: ErrorContext } = {}) {
    super(message, options);
    this.name = 'AbortedError';
  }

  static override isInstance(error: unknown): error is AbortedError {
    return LmrecError.isInstance(error) && error.name === 'AbortedError';
  }
}

/** A message with its context appended: `file.csv line 57, field "rating": not a number`. */
export function describeError(error: unknown): string {
  if (!LmrecError.isInstance(error)) return error instanceof Error ? error.message : String(error);
  return error.message;
}
