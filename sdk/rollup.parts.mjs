import typescript from '@rollup/plugin-typescript';

export default [
  {
    input: 'sdk/src/index.ts',
    output: { file: 'sdk/dist/index.js', format: 'esm' },
    plugins: [
      typescript({ tsconfig: 'tsconfig.json', include: ['sdk/src/**'], compilerOptions: { noEmit: false } }),
    ],
  },
];
