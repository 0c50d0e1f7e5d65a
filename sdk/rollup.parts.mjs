// The SDK's builds: two script-tag files (IIFE, minified, budgets in sdk/src/size.test.ts) and the npm
// package (ESM + CJS + declarations for both). TypeScript is only transpiled here; `tsc --noEmit` in the
// hygiene test does the type checking.
import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import terser from '@rollup/plugin-terser';
import ts from 'typescript';

const SRC = 'sdk/src';

/** Resolves `./x.js` imports to `./x.ts` and strips the types, file by file. */
const typescript = () => ({
  name: 'sdk-typescript',
  resolveId(source, importer) {
    if (!importer || !source.startsWith('.')) return null;
    const file = resolve(dirname(importer), source.replace(/\.js$/, '.ts'));
    return existsSync(file) ? file : null;
  },
  transform(code, id) {
    if (!id.endsWith('.ts')) return null;
    const { outputText } = ts.transpileModule(code, {
      fileName: id,
      compilerOptions: {
        target: ts.ScriptTarget.ES2020,
        module: ts.ModuleKind.ESNext,
        verbatimModuleSyntax: true,
      },
    });
    return { code: outputText, map: null };
  },
});

/** A `@cartpulse/protocol/<part>` specifier: the private workspace that holds the wire types. */
const PROTOCOL = /(['"])@cartpulse\/protocol\/([a-z-]+)\1/g;

/**
 * The protocol's declarations, copied beside the SDK's as `types/protocol/<part>.d.ts`: npm users cannot
 * install the private workspace, so the published types must not import it. A part must import nothing,
 * or its copy would import what is not there.
 */
function protocolPart(part, importer, options) {
  const { resolvedModule } = ts.resolveModuleName(`@cartpulse/protocol/${part}`, importer, options, ts.sys);
  if (!resolvedModule) throw new Error(`@cartpulse/protocol/${part} not found: run npm install`);
  const file = resolvedModule.resolvedFileName;
  const { outputText, diagnostics } = ts.transpileDeclaration(ts.sys.readFile(file), {
    fileName: file,
    compilerOptions: options,
  });
  if (diagnostics?.length) throw new Error(ts.formatDiagnostics(diagnostics, ts.createCompilerHost({})));
  if (/^\s*(import|export\s.*\sfrom)\b/m.test(outputText))
    throw new Error(`${file} imports something: its copy in sdk/dist/types would not find it`);
  return outputText;
}

/** `types/*.d.ts` for `import` and the same as `types/*.d.cts` (specifiers `./x.cjs`) for `require`. */
const declarations = () => ({
  name: 'sdk-declarations',
  generateBundle(output) {
    if (output.format !== 'es') return;
    const declarationDir = resolve('sdk/dist/types');
    const options = {
      declaration: true,
      emitDeclarationOnly: true,
      declarationDir,
      rootDir: resolve(SRC),
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
      types: [],
      strict: true,
      skipLibCheck: true,
    };
    const program = ts.createProgram([`${SRC}/index.ts`], options);
    const emit = (name, text) => {
      this.emitFile({ type: 'asset', fileName: name, source: text });
      this.emitFile({
        type: 'asset',
        fileName: name.replace(/\.d\.ts$/, '.d.cts'),
        source: text.replace(/(['"])(\.\.?\/[^'"]+)\.js\1/g, '$1$2.cjs$1'),
      });
    };
    const parts = new Set();
    const { diagnostics } = program.emit(undefined, (fileName, text) => {
      const name = `types/${relative(declarationDir, fileName)}`;
      const up = '../'.repeat(name.split('/').length - 2) || './';
      emit(
        name,
        text.replace(PROTOCOL, (_, quote, part) => {
          parts.add(part);
          return `${quote}${up}protocol/${part}.js${quote}`;
        }),
      );
    });
    if (diagnostics.length) this.error(ts.formatDiagnostics(diagnostics, ts.createCompilerHost({})));
    for (const part of parts)
      emit(`types/protocol/${part}.d.ts`, protocolPart(part, resolve(SRC, 'index.ts'), options));
  },
});

/** Size is a feature: every pass and unsafe-but-sound rewrite terser has, names mangled at top level. */
const minify = () =>
  terser({
    ecma: 2020,
    toplevel: true,
    compress: {
      passes: 4,
      unsafe: true,
      unsafe_arrows: true,
      unsafe_math: true,
      unsafe_methods: true,
      pure_getters: true,
      booleans_as_integers: true,
      // Off: it negates comparisons as if no operand could be NaN, and `amount('lots') >= 0` (ecommerce.ts)
      // became `!(0 > NaN)`, true, so an invalid value or price went out as null, with no warning.
      unsafe_comps: false,
    },
    format: { comments: false },
  });

/** The core build's `features.ts`: `FULL = false`, so the minifier drops what only the full build has. */
const coreOnly = () => ({
  name: 'sdk-core-only',
  load: (id) => (id === resolve(SRC, 'features.ts') ? 'export const FULL = false;' : null),
});

/**
 * The script-tag wrapper, an arrow IIFE, added before minification so that terser sees (and squeezes)
 * the whole script; shorter than the `!function(){…}()` that rollup's iife format becomes. The bundle
 * has no exports.
 */
const arrowIife = () => ({
  name: 'sdk-arrow-iife',
  renderChunk: (code) => ({ code: `(()=>{${code.trim().replace(/;$/, '')}})();`, map: null }),
  // Rollup ends the file with a newline, a character the script has nowhere else: 3 bytes gzipped.
  generateBundle(_, bundle) {
    for (const chunk of Object.values(bundle)) chunk.code = chunk.code.replace(/\n$/, '');
  },
});

const script = (input, file, ...plugins) => ({
  input: `${SRC}/${input}`,
  output: { file: `sdk/dist/${file}`, format: 'es', strict: false },
  plugins: [...plugins, typescript(), arrowIife(), minify()],
});

export default [
  script('script.ts', 'cartpulse.js'),
  script('script-core.ts', 'cartpulse.core.js', coreOnly()),
  {
    input: `${SRC}/index.ts`,
    output: [
      { dir: 'sdk/dist', entryFileNames: 'index.js', format: 'es' },
      { dir: 'sdk/dist', entryFileNames: 'index.cjs', format: 'cjs' },
    ],
    plugins: [typescript(), declarations()],
  },
];
