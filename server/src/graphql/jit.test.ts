import {
  execute,
  GraphQLError,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  parse,
  type ExecutionResult,
} from 'graphql';
import { CompiledOperations } from './jit.js';

class Refused extends Error {}

const Filter = new GraphQLInputObjectType({
  name: 'Filter',
  fields: {
    name: { type: new GraphQLNonNull(GraphQLString) },
    tags: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(GraphQLString))), defaultValue: [] },
  },
});
const Item = new GraphQLObjectType({ name: 'Item', fields: { n: { type: GraphQLInt } } });
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      greet: {
        type: GraphQLString,
        args: { name: { type: new GraphQLNonNull(GraphQLString) } },
        resolve: async (_root, { name }: { name: string }) => {
          if (name === 'fails') throw new Refused('no');
          return `hello ${name}`;
        },
      },
      list: { type: new GraphQLList(Item), resolve: () => [{ n: 1 }, { n: 2 }] },
      echo: {
        type: GraphQLString,
        args: { input: { type: new GraphQLNonNull(Filter) } },
        resolve: (_root, { input }: { input: unknown }) => JSON.stringify(input),
      },
    },
  }),
});
const operations = new CompiledOperations(schema);

async function both(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const expected = (await execute({ schema, document, variableValues: variables })) as ExecutionResult;
  const actual = await operations.execute({ schema, document, variableValues: variables });
  return { expected, actual };
}

describe('compiled operations answer as graphql-js does', () => {
  it('for data', async () => {
    const { expected, actual } = await both('query($n: String!) { greet(name: $n) list { n } }', { n: 'Ana' });
    expect(actual).toEqual(expected);
    expect(actual.data).toEqual({ greet: 'hello Ana', list: [{ n: 1 }, { n: 2 }] });
  });

  it('for an input object whose list field is left to its default (graphql-jit alone refused it)', async () => {
    const { expected, actual } = await both('query($f: Filter!) { echo(input: $f) }', { f: { name: 'a' } });
    expect(actual).toEqual(expected);
    expect(actual.data).toEqual({ echo: JSON.stringify({ name: 'a', tags: [] }) });
  });

  it('for a resolver that throws: a graphql-js GraphQLError around the original, with path and locations', async () => {
    const { expected, actual } = await both('{ greet(name: "fails") }');
    expect(actual.data).toEqual(expected.data);
    const [error] = actual.errors!;
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error!.originalError).toBeInstanceOf(Refused);
    expect(error!.extensions).toEqual({});
    expect(error!.toJSON()).toEqual(expected.errors![0]!.toJSON());
  });

  it('for bad variables: graphql-js refuses them before anything runs, with the same errors', async () => {
    const { expected, actual } = await both('query($n: String!) { greet(name: $n) }', { n: 42 });
    expect(actual.data).toBeUndefined();
    expect(actual.errors!.map((e) => e.toJSON())).toEqual(expected.errors!.map((e) => e.toJSON()));
    expect(actual.errors![0]!.nodes?.[0]?.kind).toBe('VariableDefinition'); // what Apollo answers 400 for
  });
});
