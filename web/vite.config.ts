import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('./dist', import.meta.url));
// (real paths: node_modules may be a link, and module ids are real paths)
const antdEs = fs.realpathSync(fileURLToPath(new URL('../node_modules/antd/es', import.meta.url)));
const iconsEs = fs.realpathSync(fileURLToPath(new URL('../node_modules/@ant-design/icons/es', import.meta.url)));

/**
 * Writes a .br and a .gz beside every text asset over 1 KiB once the bundle is written; the server
 * (`@fastify/static` with `preCompressed`) sends them to browsers that accept them, so no request
 * pays for compression.
 */
function precompress(): Plugin {
  return {
    name: 'zhongshu-precompress',
    apply: 'build',
    writeBundle() {
      const walk = (dir: string): string[] =>
        fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
      for (const file of walk(outDir)) {
        if (!/\.(js|mjs|css|html|svg|json|txt)$/.test(file)) continue;
        const data = fs.readFileSync(file);
        if (data.length < 1024) continue;
        fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
      }
    },
  };
}

/**
 * The pages a user lands on, by path, with the modules their lazy routes load (web/src/app/router.tsx,
 * web/src/modules/index.ts). Vite preloads only what the entry imports; the lazy route chunks of the page
 * would be requested after the entry has run, one more round of requests at 150 ms each on a phone.
 */
const LANDING: Record<string, string[]> = {
  '/login': ['src/modules/platform/LoginPage.tsx'],
  '/': ['src/app/Layout.tsx', 'src/modules/platform/WorkbenchPage.tsx'],
  // the ledger's lazy chunks are not listed: the phone list needs none of them (LedgerTable and LedgerFilters
  // load on wider screens once the page runs, ImportDialog on 导入), nor are the shell's (NotificationBell,
  // UserMenu, AppHolders), which come after the first paint
  '/supervision': ['src/app/Layout.tsx', 'src/modules/supervision/LedgerPage.tsx'],
};

/**
 * Adds to index.html a small script that, on a landing path, asks for that page's chunks
 * (`<link rel="modulepreload">`) at once, alongside the entry's, instead of after the entry ran.
 */
function preloadLandingChunks(): Plugin {
  return {
    name: 'zhongshu-preload-landing',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return html;
        const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
        const byFile = new Map(chunks.map((c) => [c.fileName, c]));
        const closure = (file: string, into: Set<string>) => {
          if (into.has(file)) return into;
          into.add(file);
          for (const dep of byFile.get(file)?.imports ?? []) closure(dep, into);
          return into;
        };
        const entry = chunks.find((c) => c.isEntry);
        if (!entry) throw new Error('preload-landing: no entry chunk');
        const preloaded = closure(entry.fileName, new Set());
        const files: string[] = [];
        const routes: Record<string, number[]> = {};
        for (const [route, modules] of Object.entries(LANDING)) {
          const wanted = new Set<string>();
          for (const m of modules) {
            const id = path.join(root, m);
            const chunk = chunks.find((c) => c.moduleIds.includes(id));
            if (!chunk) throw new Error(`preload-landing: no chunk for ${m}`);
            closure(chunk.fileName, wanted);
          }
          routes[route] = [...wanted].filter((f) => !preloaded.has(f)).map((f) => (files.includes(f) ? files.indexOf(f) : files.push(f) - 1));
        }
        const script = `(function(){var f=${JSON.stringify(files)},r=${JSON.stringify(routes)}[location.pathname]||[];r.forEach(function(i){var l=document.createElement('link');l.rel='modulepreload';l.crossOrigin='';l.href='/'+f[i];document.head.appendChild(l)})})();`;
        return [{ tag: 'script', children: script, injectTo: 'head' }];
      },
    },
  };
}

/**
 * Fewer, larger chunks for what every first page needs. Left to itself the bundler cuts one chunk per set
 * of pages sharing a module: the 工作台 came in 50 files, and at 6 connections (HTTP/1.1) and 150 ms a round
 * trip their requests queued. Four groups, each of code its pages load anyway:
 * - `vendor`: what the entry (main.tsx) imports — React, the router, TanStack Query, antd's core;
 * - `common`: what the login page shares with the logged-in landing pages (LANDING: the shell, 工作台,
 *   督办台账) beyond that — antd's Alert, the platform's texts — and what the entry's packages hold beyond
 *   what the entry uses (TanStack Query's useMutation…);
 * - `login`: the rest of the login page's imports (antd's Form, Input, Button…), which other pages take
 *   from it when they use them, but which the landing pages' first paint no longer needs (~40 KiB of
 *   compressed JS a phone downloaded for nothing: issue #22);
 * - `shell`: what the logged-in shell (Layout.tsx) imports beyond those; every logged-in page loads it.
 * A page's own modules stay in their own chunks. The groups are the static imports of those pages,
 * known once the module graph is (`buildEnd`), before the chunks are cut; a named import from the `antd` or
 * `@ant-design/icons` index counts as an import of that component's folder or icon file only (the index
 * itself imports everything).
 */
function shellChunks() {
  const sets = { vendor: new Set<string>(), common: new Set<string>(), login: new Set<string>(), shell: new Set<string>() };
  const named = new Map<string, string[]>();
  const barrel = (id: string) => /[\\/]node_modules[\\/](antd[\\/]es|@ant-design[\\/]icons[\\/]es)[\\/]index\.js$/.test(id);
  const plugin: Plugin = {
    name: 'zhongshu-shell-chunks',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!id.startsWith(path.join(root, 'src'))) return null;
      const targets: string[] = [];
      for (const m of code.matchAll(/import\s*\{([^}]*)\}\s*from\s*'(antd|@ant-design\/icons)'/g)) {
        for (const spec of m[1]!.split(',')) {
          const name = spec
            .trim()
            .split(/\s+as\s+/)[0]!
            .trim();
          if (!name || name.startsWith('type ')) continue;
          targets.push(
            m[2] === 'antd' ? path.join(antdEs, name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase(), 'index.js') : path.join(iconsEs, 'icons', `${name}.js`),
          );
        }
      }
      named.set(id, targets);
      return null;
    },
    buildEnd() {
      const closure = (id: string, into: Set<string>, skip: Set<string>) => {
        if (into.has(id) || skip.has(id)) return;
        const info = this.getModuleInfo(id);
        if (!info) return;
        into.add(id);
        for (const dep of info.importedIds) if (!barrel(dep)) closure(dep, into, skip);
        for (const dep of named.get(id) ?? []) if (fs.existsSync(dep)) closure(dep, into, skip);
      };
      const at = (m: string) => path.join(root, m);
      const vendor = sets.vendor;
      closure(at('src/app/main.tsx'), vendor, new Set());
      const login = new Set<string>();
      closure(at('src/modules/platform/LoginPage.tsx'), login, vendor);
      login.delete(at('src/modules/platform/LoginPage.tsx'));
      const landing = new Set<string>();
      for (const [route, modules] of Object.entries(LANDING)) if (route !== '/login') for (const m of modules) closure(at(m), landing, vendor);
      for (const id of login) (landing.has(id) ? sets.common : sets.login).add(id);
      closure(at('src/app/Layout.tsx'), sets.shell, new Set([...vendor, ...login]));
      for (const [name, set] of Object.entries(sets)) if (set.size === 0) this.error(`shell-chunks: the ${name} group is empty`);
    },
  };
  const groups = [
    { name: 'vendor', tags: ['$initial' as const], priority: 3 },
    // with what the entry's packages hold beyond what the entry uses (TanStack Query's useMutation…)
    { name: 'common', priority: 2, test: (id: string) => sets.common.has(id) || sets.vendor.has(id) },
    { name: 'login', priority: 2, test: (id: string) => sets.login.has(id) },
    { name: 'shell', priority: 1, test: (id: string) => sets.shell.has(id) },
  ];
  return { plugin, groups };
}

const shell = shellChunks();

/** Vite config of the web shell; run from the project root with `--config web/vite.config.ts`. */
export default defineConfig({
  root,
  plugins: [react(), shell.plugin, preloadLandingChunks(), precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    rolldownOptions: { output: { codeSplitting: { groups: shell.groups } } },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
