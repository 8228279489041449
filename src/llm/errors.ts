// Typed errors of the LLM gateway. Each carries the provider and model in its context; none carries a secret.

import { type ErrorContext, LmrecError } from '../core/errors.ts';

type Options = { cause?: unknown; context?: ErrorContext };

/** No model is configured for a role; the message says how to configure one. */
export class LlmNotConfiguredError extends LmrecError {
  readonly hint: string;
  constructor(message: string, options: Options & { hint: string }) {
    super(`${message}: ${options.hint}`, options);
    this.name = 'LlmNotConfiguredError';
    this.hint = options.hint;
  }
  static override isInstance(error: unknown): error is LlmNotConfiguredError {
    return LmrecError.isInstance(error) && error.name === 'LlmNotConfiguredError';
  }
}

/** The model's output could not be made valid (JSON, schema) within the allowed attempts. */
export class LlmOutputError extends LmrecError {
  /** The last raw text the model returned. */
  readonly rawOutput: string;
  readonly attempts: number;
  constructor(message: string, options: Options & { rawOutput: string; attempts: number }) {
    super(message, options);
    this.name = 'LlmOutputError';
    this.rawOutput = options.rawOutput;
    this.attempts = options.attempts;
  }
  static override isInstance(error: unknown): error is LlmOutputError {
    return LmrecError.isInstance(error) && error.name === 'LlmOutputError';
  }
}

/** A provider did not answer within the configured time. */
export class LlmTimeoutError extends LmrecError {
  constructor(message: string, options: Options = {}) {
    super(message, options);
    this.name = 'LlmTimeoutError';
  }
  static override isInstance(error: unknown): error is LlmTimeoutError {
    return LmrecError.isInstance(error) && error.name === 'LlmTimeoutError';
  }
}

/** A provider failed: an HTTP error after retries, a malformed or truncated response, a refused request. */
export class LlmProviderError extends LmrecError {
  /** HTTP status, when there was a response. */
  readonly status: number | undefined;
  constructor(message: string, options: Options & { status?: number } = {}) {
    super(message, options);
    this.name = 'LlmProviderError';
    this.status = options.status;
  }
  static override isInstance(error: unknown): error is LlmProviderError {
    return LmrecError.isInstance(error) && error.name === 'LlmProviderError';
  }
}

/** A budget (per job or per day) is spent: batch jobs stop cleanly when they see it. */
export class BudgetExceededError extends LmrecError {
  constructor(message: string, options: Options = {}) {
    super(message, options);
    this.name = 'BudgetExceededError';
  }
  static override isInstance(error: unknown): error is BudgetExceededError {
    return LmrecError.isInstance(error) && error.name === 'BudgetExceededError';
  }
}
