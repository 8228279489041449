// An HTTP error with its status: what handlers and hooks throw for 401, 403, 404, 409, 429 and 503.

export class HttpError extends Error {
  readonly statusCode: number;
  readonly field?: string;
  readonly headers: Record<string, string>;

  constructor(statusCode: number, message: string, options: { field?: string; headers?: Record<string, string> } = {}) {
    super(message);
    this.name = 'HttpError';
    this.statusCode = statusCode;
    this.field = options.field;
    this.headers = options.headers ?? {};
  }
}
