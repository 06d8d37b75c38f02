// Webpack configuration for the Excel add-in: the task pane, the ribbon's function file and the
// browser harness. In the spirit of Microsoft's React/TypeScript task-pane template
// (generator-office), adapted: modern WebView2/Safari/Chromium only (no core-js, no IE
// polyfills), content hashes and split chunks in production, a strict Content-Security-Policy,
// and a dev server that starts without a trusted certificate. See docs/addin.md.
//
//   npm run build       production build into dist/ (ADDIN_PUBLIC_URL rewrites the manifest's URLs)
//   npm run build:dev   development build into dist/
//   npm run dev-server  https://localhost:3000, rebuilding on change
'use strict';

const path = require('node:path');

const DEV_URL = 'https://localhost:3000/';
const DEV_PORT = 3000;

// Office JavaScript API on Microsoft's CDN. Add-ins in AppSource must load it from there.
const OFFICE_JS_ORIGIN = 'https://appsforoffice.microsoft.com';

// Where Office on the web frames the task pane. Only the dev server can send frame-ancestors
// (a <meta> policy ignores it); production hosting must send the same header (docs/addin.md).
const OFFICE_FRAME_ANCESTORS = [
  "'self'",
  'https://*.officeapps.live.com',
  'https://*.office.com',
  'https://*.office365.com',
  'https://*.microsoft365.com',
  'https://*.cloud.microsoft',
  'https://*.sharepoint.com',
  'https://onedrive.live.com',
];

/**
 * The stricter style-src to try on real Office clients (ADDIN_CSP_STRICT_STYLES=1, docs/addin.md):
 * 'unsafe-inline' replaced by the hash of the empty string, which allows the empty <style>
 * elements that Griffel creates and fills through the CSSOM, and no other inline style.
 */
const STRICT_STYLE_SRC = "style-src 'self' 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

/**
 * Content-Security-Policy of the pages, one directive a line. The same policy goes into each
 * page's <meta http-equiv> (so it holds wherever the files are hosted) and, plus frame-ancestors,
 * into the dev server's response header.
 * @param {{ officeJs: boolean, strictStyles?: boolean }} options officeJs: the page loads office.js
 *   from the CDN; strictStyles: STRICT_STYLE_SRC in place of 'unsafe-inline'
 */
function contentSecurityPolicy({ officeJs, strictStyles = false }) {
  return [
    // Anything not named below: this origin only.
    "default-src 'self'",
    // Our bundles, and office.js (which loads its host-specific scripts from the same CDN).
    // No 'unsafe-inline', no 'unsafe-eval': the pages have no inline script, and webpack's
    // devtool is 'source-map' in every mode (the default 'eval' would need 'unsafe-eval').
    `script-src 'self'${officeJs ? ` ${OFFICE_JS_ORIGIN}` : ''}`,
    // 'unsafe-inline' for styles: Fluent UI's CSS-in-JS (Griffel) creates <style> elements at run
    // time (then fills them with insertRule), and office.js is reported to apply inline styles in
    // Excel on the web. A nonce needs a per-response server (these are static files). Griffel
    // alone works with the hash of the empty string instead (STRICT_STYLE_SRC, checked in
    // headless Chromium), but a hash disables 'unsafe-inline' for office.js too, which cannot be
    // checked without Office: docs/addin.md says how to try it. The risk left is CSS injection,
    // with nowhere to send data: img-src and font-src (default-src) are 'self' (CSS cannot fetch).
    strictStyles ? STRICT_STYLE_SRC : "style-src 'self' 'unsafe-inline'",
    // Our images, and data: URIs (images inlined by code, such as generated previews).
    "img-src 'self' data:",
    // fetch/XHR/WebSocket: this origin (the dev server's reload socket is same-origin) and any
    // https: origin, because the Submit view uploads the package to an intake address the user
    // types in (its origin cannot be known at build time). https: only: no http:, ws:, data:
    // or blob: targets. The pane sends nothing anywhere on its own; see docs/submit.md.
    "connect-src 'self' https:",
    // Web Workers: our own files only (the Preview tab's preview-worker.js); no blob: or data:.
    "worker-src 'self'",
    // No plugins (<object>, <embed>).
    "object-src 'none'",
    // An injected <base> cannot redirect our relative script URLs elsewhere.
    "base-uri 'self'",
    // The pages submit no forms; an injected form cannot post data anywhere.
    "form-action 'none'",
  ].join('; ');
}

/**
 * The pages: entry name, built file (manifest.xml points at taskpane.html and commands.html),
 * entry module, HTML template, and whether the page loads office.js.
 */
const PAGES = [
  {
    name: 'taskpane',
    filename: 'taskpane.html',
    entry: './src/taskpane/index.tsx',
    template: './src/taskpane/taskpane.html',
    officeJs: true,
  },
  {
    name: 'commands',
    filename: 'commands.html',
    entry: './src/commands/commands.ts',
    template: './src/commands/commands.html',
    officeJs: true,
  },
  // The browser harness: the task pane on the in-memory Excel host, without office.js (no CDN).
  {
    name: 'harness',
    filename: 'harness.html',
    entry: './src/harness/index.tsx',
    template: './src/harness/harness.html',
    officeJs: false,
  },
];

/**
 * The Preview tab's Web Worker (issue 13): its own entry, one self-contained file at a fixed name
 * beside the pages, so the pane starts it as `new Worker('preview-worker.js')` from its own origin.
 */
const PREVIEW_WORKER = { name: 'preview-worker', entry: './src/taskpane/preview/worker.ts' };

/**
 * The public base URL of a production deployment, from ADDIN_PUBLIC_URL (https, ends with '/').
 * @param {string | undefined} value
 * @returns {string | undefined}
 */
function productionUrl(value) {
  if (!value) return undefined;
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`ADDIN_PUBLIC_URL is not a URL: ${value}`);
  }
  if (url.protocol !== 'https:') throw new Error(`ADDIN_PUBLIC_URL must be https: ${value}`);
  if (url.search || url.hash) throw new Error(`ADDIN_PUBLIC_URL must not have a query or fragment: ${value}`);
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/**
 * Rewrites the dev server's URLs in a manifest to a production base URL: every
 * https://localhost:3000/... becomes <base>..., and the bare origin (AppDomain) becomes the
 * production origin.
 * @param {string} xml
 * @param {string} baseUrl https URL ending with '/'
 */
function rewriteManifestUrls(xml, baseUrl) {
  const origin = new URL(baseUrl).origin;
  const devOrigin = DEV_URL.slice(0, -1);
  return xml.split(DEV_URL).join(baseUrl).split(devOrigin).join(origin);
}

/**
 * @param {Record<string, unknown>} [env] webpack-cli's --env (WEBPACK_SERVE is set by `webpack serve`)
 * @param {{ mode?: string }} [argv]
 */
module.exports = async (env = {}, argv = {}) => {
  // Required here rather than at the top, so that tests can load the helpers exported below
  // without loading the plugins.
  const CopyWebpackPlugin = require('copy-webpack-plugin');
  const HtmlWebpackPlugin = require('html-webpack-plugin');
  const dev = argv.mode === 'development';
  const strictStyles = process.env.ADDIN_CSP_STRICT_STYLES === '1';
  const publicUrl = dev ? undefined : productionUrl(process.env.ADDIN_PUBLIC_URL);
  if (!dev && !publicUrl && !env.WEBPACK_SERVE) {
    console.warn(
      'webpack: ADDIN_PUBLIC_URL is not set: dist/manifest.xml keeps https://localhost:3000/ URLs ' +
        '(set it to the https base URL the add-in is deployed at).',
    );
  }

  /** @type {import('webpack').Configuration} */
  const config = {
    mode: dev ? 'development' : 'production',
    target: ['web', 'es2022'],
    // Never an eval-based devtool: the pages' CSP has no 'unsafe-eval'.
    devtool: 'source-map',
    entry: {
      ...Object.fromEntries(PAGES.map((page) => [page.name, page.entry])),
      [PREVIEW_WORKER.name]: PREVIEW_WORKER.entry,
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: (data) =>
        data.chunk?.name === PREVIEW_WORKER.name ? '[name].js' : dev ? '[name].js' : '[name].[contenthash:8].js',
      chunkFilename: dev ? '[name].js' : '[name].[contenthash:8].js',
      assetModuleFilename: 'assets/[name].[contenthash:8][ext]',
      // dist/cli is the compiled command line (tsc), not webpack's: keep it.
      clean: { keep: /^cli[\\/]/ },
    },
    resolve: { extensions: ['.ts', '.tsx', '...'] },
    module: {
      rules: [
        // Microsoft's Excel client for the harness's in-memory host (scripts/office-client.js).
        {
          test: /@microsoft[\\/]office-js[\\/]dist[\\/]excel-web-16\.00\.js$/,
          use: path.resolve(__dirname, 'scripts/office-client-loader.js'),
        },
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              configFile: path.resolve(__dirname, 'tsconfig.json'),
              // tsc (npm run typecheck) is the type checker of record; the build only transpiles.
              transpileOnly: true,
              // ES modules through to webpack, so that it can tree-shake and split chunks.
              compilerOptions: { module: 'esnext', sourceMap: true },
            },
          },
        },
      ],
    },
    optimization: {
      // Vendor code (React, Fluent UI) in its own long-cached chunk; dynamic import() of later
      // actions becomes further chunks loaded on demand.
      // The worker is one file: a worker cannot load the pages' split chunks.
      splitChunks: { chunks: (chunk) => chunk.name !== PREVIEW_WORKER.name },
    },
    performance: { hints: dev ? false : 'warning', maxEntrypointSize: 400 * 1024, maxAssetSize: 400 * 1024 },
    plugins: [
      ...PAGES.map(
        (page) =>
          new HtmlWebpackPlugin({
            filename: page.filename,
            template: page.template,
            chunks: [page.name],
            scriptLoading: 'defer',
            inject: 'head',
            csp: contentSecurityPolicy({ officeJs: page.officeJs, strictStyles }),
          }),
      ),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*', to: 'assets/[name][ext]' },
          {
            from: 'manifest.xml',
            to: '[name][ext]',
            transform: (content) => (publicUrl ? rewriteManifestUrls(content.toString(), publicUrl) : content),
          },
        ],
      }),
    ],
    devServer: {
      host: 'localhost',
      port: DEV_PORT,
      hot: true,
      // Build warnings stay in the terminal: an overlay over the page would cover the harness
      // (npm start) and the pane. Errors still show on the page.
      client: { overlay: { errors: true, warnings: false, runtimeErrors: true } },
      static: false,
      headers: {
        // As the template does: lets Office on the web load icons and pages from localhost
        // (without it the dev server answers Cross-Origin-Resource-Policy: same-origin).
        'Access-Control-Allow-Origin': '*',
        'Content-Security-Policy': `${contentSecurityPolicy({ officeJs: true, strictStyles })}; frame-ancestors ${OFFICE_FRAME_ANCESTORS.join(' ')}`,
        'X-Content-Type-Options': 'nosniff',
      },
      server: {
        type: 'https',
        // Resolved only when serving: a build never touches certificates.
        options: env.WEBPACK_SERVE ? await require('./scripts/dev-certs').getDevServerHttpsOptions() : undefined,
      },
    },
  };
  return config;
};

module.exports.DEV_URL = DEV_URL;
module.exports.PAGES = PAGES;
module.exports.OFFICE_FRAME_ANCESTORS = OFFICE_FRAME_ANCESTORS;
module.exports.contentSecurityPolicy = contentSecurityPolicy;
module.exports.STRICT_STYLE_SRC = STRICT_STYLE_SRC;
module.exports.productionUrl = productionUrl;
module.exports.rewriteManifestUrls = rewriteManifestUrls;
