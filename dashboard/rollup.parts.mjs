// The dashboard bundle: one ES module (Preact + uPlot + the app), one stylesheet (uPlot's + ours) and an
// index.html that references both by content-hashed names, so assets can be cached forever and the page
// never mixes versions. Output: dashboard/dist/{index.html, assets/app-<hash>.js, assets/app-<hash>.css}.
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/**
 * Collapses comments and whitespace: enough for a hand-written stylesheet. Spaces before `:` stay, since
 * `a :hover` and `a:hover` are different selectors.
 */
const minifyCss = (css) =>
  css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .trim();

/** Emits the stylesheet and index.html beside the bundle. */
function dashboardPage() {
  return {
    name: 'cartpulse-dashboard-page',
    // Old hashed files would pile up (and count against the size budget): start from an empty folder.
    buildStart() {
      rmSync(join(here, 'dist'), { recursive: true, force: true });
    },
    generateBundle(_options, bundle) {
      const uplotCss = readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8');
      const ownCss = readFileSync(join(here, 'src/styles.css'), 'utf8');
      const cssRef = this.emitFile({
        type: 'asset',
        name: 'app.css',
        source: minifyCss(`${uplotCss}\n${ownCss}`),
      });
      const entry = Object.values(bundle).find((file) => file.type === 'chunk' && file.isEntry);
      const html = readFileSync(join(here, 'src/index.html'), 'utf8')
        .replace('%CSS%', `/${this.getFileName(cssRef)}`)
        .replace('%JS%', `/${entry.fileName}`);
      this.emitFile({ type: 'asset', fileName: 'index.html', source: html });
    },
  };
}

export default [
  {
    input: 'dashboard/src/main.tsx',
    output: {
      dir: 'dashboard/dist',
      format: 'esm',
      entryFileNames: 'assets/app-[hash].js',
      assetFileNames: 'assets/[name]-[hash][extname]',
    },
    plugins: [
      nodeResolve({ browser: true }),
      typescript({
        tsconfig: 'tsconfig.json',
        include: ['dashboard/src/**/*.ts', 'dashboard/src/**/*.tsx'],
        exclude: ['dashboard/src/**/*.test.*', 'dashboard/src/testing/**', 'dashboard/src/e2e/**'],
        compilerOptions: { noEmit: false },
      }),
      terser({ ecma: 2020, module: true, compress: { passes: 2 }, format: { comments: false } }),
      dashboardPage(),
    ],
  },
];
