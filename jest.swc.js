/**
 * One @swc/jest transform for every package: TypeScript with legacy
 * decorators and decorator metadata (TypeGraphQL and TypeORM need both),
 * emitted as ES modules (jest runs under --experimental-vm-modules).
 */
export const swcJestTransform = {
  '^.+\\.tsx?$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true, tsx: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
        target: 'es2022',
        keepClassNames: true,
      },
      module: { type: 'es6' },
      sourceMaps: 'inline',
    },
  ],
};
