// The examples' build: the SPA storefront, one ES module with Preact and `@cartpulse/sdk` (resolved from
// the workspace like any npm dependency) in `examples/spa-storefront/dist/app.js`. The other examples run
// from source (tsx, plain browser JavaScript).
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

export default [
  {
    input: 'examples/spa-storefront/src/main.tsx',
    output: { file: 'examples/spa-storefront/dist/app.js', format: 'esm', sourcemap: true },
    // A bundle with a missing import would only fail in the browser: fail the build instead.
    onwarn(warning, warn) {
      if (warning.code === 'UNRESOLVED_IMPORT') throw new Error(warning.message);
      warn(warning);
    },
    plugins: [
      nodeResolve({ browser: true }),
      typescript({
        tsconfig: 'tsconfig.json',
        include: [
          'examples/spa-storefront/src/**/*.ts',
          'examples/spa-storefront/src/**/*.tsx',
          'examples/shop/*.ts',
        ],
        exclude: ['**/*.test.*'],
        compilerOptions: { noEmit: false, sourceMap: true },
      }),
      terser({ ecma: 2020, module: true, compress: { passes: 2 }, format: { comments: false } }),
    ],
  },
];
