import { ErrorCode } from '@commonweal/shared';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import type { ValidationError as ClassValidatorError } from 'class-validator';
import { QueryFailedError } from 'typeorm';
import type { Logger } from '../logger.js';

const UNIQUE_VIOLATION = '23505';

/** Codes services throw. */
export type AppErrorCode = ErrorCode;

/**
 * Every `extensions.code` a response can carry: the contract's codes and
 * those of the transport (a document that does not parse or validate, a body
 * that is not JSON or too large).
 */
export const RESPONSE_CODES: ReadonlySet<string> = new Set<string>([
  ...Object.values(ErrorCode),
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
]);

/**
 * The one error type services throw. `field` names the offending input field
 * for BAD_USER_INPUT so clients can put the message next to it.
 */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badInput = (field: string, message: string): AppError =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, field);
export const notFound = (what: string): AppError => new AppError(ErrorCode.NOT_FOUND, `${what} not found`);
export const forbidden = (message = 'You may not do this'): AppError => new AppError(ErrorCode.FORBIDDEN, message);
export const conflict = (message: string): AppError => new AppError(ErrorCode.CONFLICT, message);
export const rateLimited = (message: string): AppError => new AppError(ErrorCode.RATE_LIMITED, message);
export const unauthenticated = (message = 'Sign in first'): AppError =>
  new AppError(ErrorCode.UNAUTHENTICATED, message);

function assertUnreachable(value: never): never {
  throw new Error(`unreachable: ${String(value)}`);
}

function httpStatusOf(code: AppErrorCode): number {
  switch (code) {
    case ErrorCode.UNAUTHENTICATED:
      return 401;
    case ErrorCode.FORBIDDEN:
      return 403;
    case ErrorCode.NOT_FOUND:
      return 404;
    case ErrorCode.CONFLICT:
    case ErrorCode.INSUFFICIENT_FUNDS:
      return 409;
    case ErrorCode.RATE_LIMITED:
      return 429;
    case ErrorCode.BAD_USER_INPUT:
      return 400;
    case ErrorCode.INTERNAL_SERVER_ERROR:
      return 500;
    default:
      return assertUnreachable(code);
  }
}

/** Turns an AppError into the GraphQLError the client sees. */
export function toGraphQLError(error: AppError): GraphQLError {
  return new GraphQLError(error.message, {
    extensions: {
      code: error.code,
      ...(error.field ? { field: error.field } : {}),
      http: { status: httpStatusOf(error.code) },
    },
  });
}

function firstConstraint(
  errors: readonly ClassValidatorError[],
  prefix = '',
): { field: string; message: string } | null {
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const message = e.constraints ? Object.values(e.constraints)[0] : undefined;
    if (message) return { field, message };
    const nested = firstConstraint(e.children ?? [], field);
    if (nested) return nested;
  }
  return null;
}

/** Messages of graphql-js's value-coercion rules: a bad literal value is bad user input, not a bad document. */
const BAD_VALUE_MESSAGE =
  /^(Expected value of type|Value ".*" does not exist in|Enum ".*" cannot represent|Int cannot represent|SafeInt|String cannot represent|ID cannot represent|Boolean cannot represent|Field ".*" of required type ".*" was not provided)/;

/**
 * Apollo's formatError: maps everything the server throws to the contract's
 * codes, and masks what it does not know (logged with the request id).
 */
/** Connection failures and server shutdowns (not query errors): PostgreSQL is down or restarting. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);
const UNAVAILABLE_TEXT =
  /Connection terminated|terminating connection|connect ECONNREFUSED|Client has encountered a connection error/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const { code, driverError, cause, message } = e as {
      code?: unknown;
      driverError?: unknown;
      cause?: unknown;
      message?: unknown;
    };
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
    if (typeof message === 'string' && UNAVAILABLE_TEXT.test(message)) return true;
    e = driverError ?? cause;
  }
  return false;
}

export function createErrorFormatter(logger: Logger, maskInternal: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    if (original instanceof AppError) {
      const gql = toGraphQLError(original);
      return {
        ...formatted,
        message: gql.message,
        extensions: { code: original.code, ...(original.field ? { field: original.field } : {}) },
      };
    }
    if (
      original instanceof QueryFailedError &&
      (original.driverError as { code?: string })?.code === UNIQUE_VIOLATION
    ) {
      // A race lost to a concurrent identical write (same email, same name): a duplicate, not a crash.
      return { message: 'That already exists', path: formatted.path, extensions: { code: ErrorCode.CONFLICT } };
    }
    if (original instanceof ArgumentValidationError) {
      const first = firstConstraint(original.extensions.validationErrors as ClassValidatorError[]);
      return {
        ...formatted,
        message: first?.message ?? 'Invalid input',
        extensions: { code: ErrorCode.BAD_USER_INPUT, ...(first ? { field: first.field } : {}) },
      };
    }
    const code = formatted.extensions?.['code'];
    if (code === 'GRAPHQL_VALIDATION_FAILED' && BAD_VALUE_MESSAGE.test(formatted.message)) {
      return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.BAD_USER_INPUT } };
    }
    if (original instanceof GraphQLError || (typeof code === 'string' && code !== ErrorCode.INTERNAL_SERVER_ERROR)) {
      // Parse, validation and variable-coercion errors from graphql-js / Apollo keep their codes.
      const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
      void _drop;
      return { ...formatted, extensions };
    }
    if (isDatabaseUnavailable(original)) {
      logger.warn({ err: original, path: formatted.path }, 'database unavailable');
      return {
        message: 'The database is unavailable; try again in a moment',
        path: formatted.path,
        extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, reason: 'DATABASE_UNAVAILABLE' },
      };
    }
    logger.error({ err: original, path: formatted.path }, 'internal error');
    if (!maskInternal) return { ...formatted, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
    return {
      message: 'Internal server error',
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
