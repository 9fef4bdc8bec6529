import { LRUCache } from 'lru-cache';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  visit,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { Config } from '../config.js';

/** What one GraphQL operation may ask for; every value is configurable (config.ts). */
export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  /** Production: no introspection and no "did you mean" hints that reveal the schema. */
  hideSchema: boolean;
}

export function queryLimitsOf(
  config: Pick<
    Config,
    | 'GRAPHQL_MAX_DEPTH'
    | 'GRAPHQL_MAX_COST'
    | 'GRAPHQL_MAX_ALIASES'
    | 'GRAPHQL_MAX_DIRECTIVES'
    | 'GRAPHQL_MAX_TOKENS'
    | 'isProduction'
  >,
): QueryLimits {
  return {
    maxDepth: config.GRAPHQL_MAX_DEPTH,
    maxCost: config.GRAPHQL_MAX_COST,
    maxAliases: config.GRAPHQL_MAX_ALIASES,
    maxDirectives: config.GRAPHQL_MAX_DIRECTIVES,
    maxTokens: config.GRAPHQL_MAX_TOKENS,
    hideSchema: config.isProduction,
  };
}

/**
 * Report a rejection as an ordinary validation error (the rules would
 * otherwise throw out of `validate`), without graphql-armor's misleading
 * "Syntax Error:" prefix.
 */
const REPORT = {
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) =>
      context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { nodes: error.nodes })),
  ],
};

/**
 * The limits as validation rules (graphql-armor's maintained rules), shared by
 * Apollo Server for HTTP and by the graphql-ws server for WebSocket
 * operations, where Apollo's validation does not run.
 */
export function limitRules(limits: QueryLimits): ValidationRule[] {
  return [
    maxDepthRule({ n: limits.maxDepth, flattenFragments: true, ...REPORT }),
    costLimitRule({ maxCost: limits.maxCost, flattenFragments: true, ...REPORT }),
    maxAliasesRule({ n: limits.maxAliases, ...REPORT }),
    maxDirectivesRule({ n: limits.maxDirectives, ...REPORT }),
    ...(limits.hideSchema ? [NoSchemaIntrospectionCustomRule] : []),
  ];
}

const SUGGESTION = /\s*Did you mean .*$/s;

/** Drops graphql-js's "Did you mean …?" hints, which reveal field names of a hidden schema. */
export function withoutSuggestions(error: GraphQLError): GraphQLError {
  if (!SUGGESTION.test(error.message)) return error;
  return new GraphQLError(error.message.replace(SUGGESTION, ''), { nodes: error.nodes, extensions: error.extensions });
}

/**
 * Parses and validates one operation the way HTTP requests are: the token
 * limit while parsing, the specified rules plus the limits. Returns the
 * document or the errors to send (never throws for a bad operation).
 */
export function checkOperation(
  schema: GraphQLSchema,
  source: string,
  limits: QueryLimits,
  rules: readonly ValidationRule[] = limitRules(limits),
): { document: DocumentNode } | { errors: GraphQLError[] } {
  let document: DocumentNode;
  try {
    document = parse(source, { maxTokens: limits.maxTokens });
  } catch (error) {
    const syntax = error instanceof GraphQLError ? error : new GraphQLError('Syntax error');
    return { errors: [withGraphQLCode(syntax, 'GRAPHQL_PARSE_FAILED')] };
  }
  const errors = validate(schema, document, [...specifiedRules, ...rules]);
  if (errors.length > 0) {
    return {
      errors: errors.map((e) =>
        withGraphQLCode(limits.hideSchema ? withoutSuggestions(e) : e, 'GRAPHQL_VALIDATION_FAILED'),
      ),
    };
  }
  return { document };
}

/**
 * `checkOperation` with the documents that passed remembered by their text:
 * a thousand subscribers sending the same subscription parse and validate it
 * once. Refused operations are not kept (they cost the sender, not the cache),
 * and the cache holds at most `size` documents.
 */
export function cachedOperationChecker(
  schema: GraphQLSchema,
  limits: QueryLimits,
  rules: readonly ValidationRule[] = limitRules(limits),
  size = 500,
): (source: string) => ReturnType<typeof checkOperation> {
  const passed = new LRUCache<string, DocumentNode>({ max: size });
  return (source) => {
    const known = passed.get(source);
    if (known) return { document: known };
    const checked = checkOperation(schema, source, limits, rules);
    if ('document' in checked) passed.set(source, checked.document);
    return checked;
  };
}

function withGraphQLCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, code },
  });
}

/**
 * The first place a NUL character appears in an operation's variables or
 * string literals (PostgreSQL cannot store NUL in text), as a field path; null
 * when there is none.
 */
export function nulCharacterAt(document: DocumentNode, variables: Record<string, unknown> | undefined): string | null {
  const inValue = (value: unknown, path: string): string | null => {
    if (typeof value === 'string') return value.includes('\u0000') ? path : null;
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) {
        const found = inValue(item, `${path}.${i}`);
        if (found) return found;
      }
      return null;
    }
    if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const found = inValue(item, path ? `${path}.${key}` : key);
        if (found) return found;
      }
    }
    return null;
  };
  const fromVariables = inValue(variables ?? {}, '');
  if (fromVariables) return fromVariables;
  let literal: string | null = null;
  visit(document, {
    StringValue(node) {
      if (!literal && node.value.includes('\u0000')) literal = 'query';
    },
  });
  return literal;
}

/** BAD_USER_INPUT naming where a NUL character was sent. */
export function nulCharacterError(path: string): GraphQLError {
  return new GraphQLError(`${path} must not contain NUL characters`, {
    extensions: { code: 'BAD_USER_INPUT', field: path, http: { status: 400 } },
  });
}
