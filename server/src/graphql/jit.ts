import type { GatewayInterface } from '@apollo/server-gateway-interface';
import {
  createSourceEventStream,
  execute,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  subscribe as graphqlSubscribe,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/**
 * Operations compiled by graphql-jit once per document and run as plain
 * functions, instead of graphql-js walking the document again for every
 * request (HTTP) and for every subscriber's every event (WebSocket). Both
 * servers keep one document object per operation text (Apollo's document
 * store, the WebSocket's operation cache), so the compiled function is found
 * by identity. An operation graphql-jit cannot compile runs on graphql-js.
 */
export class CompiledOperations {
  private readonly compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | null>>();

  constructor(private readonly schema: GraphQLSchema) {}

  private compile(document: DocumentNode, operationName: string | null | undefined): CompiledQuery | null {
    let byName = this.compiled.get(document);
    if (!byName) this.compiled.set(document, (byName = new Map()));
    const name = operationName ?? '';
    let query = byName.get(name);
    if (query === undefined) {
      const result = compileQuery(this.schema, document, operationName ?? undefined);
      query = isCompiledQuery(result) ? result : null;
      byName.set(name, query);
    }
    return query;
  }

  /**
   * A query or mutation, as graphql-js `execute` would run it: variables are
   * coerced by graphql-js itself (bad ones get the same errors, which Apollo
   * answers with 400 and BAD_USER_INPUT), and the compiled function's errors
   * become graphql-js GraphQLErrors again.
   */
  async execute(args: ExecutionArgs): Promise<ExecutionResult> {
    const query = this.compile(args.document, args.operationName);
    if (!query) return execute(args);
    const variables = this.coerceVariables(args);
    if ('errors' in variables) return { errors: variables.errors };
    const result = (await query.query(args.rootValue, args.contextValue, variables.coerced)) as ExecutionResult;
    return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
  }

  /**
   * The variables as graphql-js coerces them (defaults of input fields
   * filled in, which graphql-jit's own coercion misses for a list field with
   * a default), or graphql-js's errors for bad ones. The compiled function
   * gets the coerced values; coercing them again changes nothing.
   */
  private coerceVariables(
    args: ExecutionArgs,
  ): { coerced: Record<string, unknown> } | { errors: readonly GraphQLError[] } {
    const operation = getOperationAST(args.document, args.operationName);
    const result = getVariableValues(this.schema, operation?.variableDefinitions ?? [], args.variableValues ?? {});
    return result.errors ? { errors: result.errors } : { coerced: result.coerced };
  }

  /**
   * A subscription: graphql-js sets up the event stream (the subscribe
   * resolvers get their arguments as always; graphql-jit's own `subscribe`
   * passed them wrongly), and each event runs the compiled operation.
   */
  async subscribe(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
    const query = this.compile(args.document, args.operationName);
    if (!query) return graphqlSubscribe(args);
    const source = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in source)) return source;
    const variables = this.coerceVariables(args);
    if ('errors' in variables) return { errors: variables.errors }; // createSourceEventStream refused them already
    const events = source[Symbol.asyncIterator]();
    const results: AsyncIterableIterator<ExecutionResult> = {
      next: async () => {
        const event = await events.next();
        if (event.done) return { done: true, value: undefined };
        const result = (await query.query(event.value, args.contextValue, variables.coerced)) as ExecutionResult;
        return {
          done: false,
          value: result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result,
        };
      },
      return: async () => {
        await events.return?.();
        return { done: true, value: undefined };
      },
      throw: async (error?: unknown) => {
        await events.return?.();
        throw error;
      },
      [Symbol.asyncIterator]: () => results,
    };
    return results;
  }

  /**
   * Apollo Server runs operations through graphql-js unless a gateway hands
   * it an executor; this "gateway" serves the one local schema and hands it
   * the compiled executor. Parsing, validation, plugins, error formatting
   * and the HTTP handling stay Apollo's.
   */
  apolloGateway(): GatewayInterface {
    const schema = this.schema;
    return {
      load: async () => ({
        schema,
        executor: async (request) =>
          this.execute({
            schema,
            document: request.document,
            operationName: request.operationName ?? null,
            variableValues: request.request.variables ?? {},
            contextValue: request.context,
          }),
      }),
      onSchemaLoadOrUpdate: (callback) => {
        callback({ apiSchema: schema, coreSupergraphSdl: '' });
        return () => {};
      },
      stop: async () => {},
    };
  }
}

/**
 * graphql-jit's errors look like graphql-js ones but are not quite: without
 * extensions of their own they have none at all (graphql-js gives `{}`),
 * which Apollo's error normalizer cannot read, so each is rebuilt as a
 * graphql-js GraphQLError around the same original error.
 */
function asGraphQLError(
  error: Pick<GraphQLError, 'message' | 'path' | 'originalError' | 'extensions' | 'locations'>,
): GraphQLError {
  const copy = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions,
  });
  Object.defineProperty(copy, 'locations', { value: error.locations, enumerable: Boolean(error.locations?.length) });
  return copy;
}
