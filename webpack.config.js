// Webpack configuration for the Excel add-in: the task pane, the ribbon's function file and the
// browser harness. In the spirit of Microsoft's React/TypeScript task-pane template
// (generator-office), adapted: modern WebView2/Safari/Chromium only (no core-js, no IE
// polyfills), content hashes and split chunks in production, a strict Content-Security-Policy,
// and a dev server that starts without a trusted certificate. See docs/addin.md.
//
//   npm run build       production build into dist/: ADDIN_PUBLIC_URL, ADDIN_PROVIDER_NAME and
//                       ADDIN_SUPPORT_URL required, ADDIN_INTAKE_ORIGINS optional (scripts/deployment.js)
//   npm run build:dev   development build into dist/
//   npm run dev-server  https://localhost:3000, rebuilding on change
'use strict';

const path = require('node:path');
const { DeploymentError, FIELDS, buildManifest, resolveDeployment } = require('./scripts/deployment');

const DEV_URL = FIELDS.publicUrl.dev;
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
 * @param {{ officeJs: boolean, strictStyles?: boolean, intakeOrigins?: readonly string[] }} options
 *   officeJs: the page loads office.js from the CDN; strictStyles: STRICT_STYLE_SRC in place of
 *   'unsafe-inline'; intakeOrigins: the https origins the Submit view may upload to
 */
function contentSecurityPolicy({ officeJs, strictStyles = false, intakeOrigins = [] }) {
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
    // fetch/XHR/WebSocket: this origin (the dev server's reload socket is same-origin) and the
    // intake origins the deployment allows (ADDIN_INTAKE_ORIGINS, none by default in
    // production): the Submit view uploads the package there, and refuses any other address
    // before the browser would. No other https:, http:, ws:, data: or blob: target.
    `connect-src ${["'self'", ...intakeOrigins].join(' ')}`,
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
  // Opened in the user's browser by the pane on Excel for Mac and iPad, to save the package
  // (their web view ignores downloads; src/taskpane/submit/save-route.ts).
  {
    name: 'save',
    filename: 'save.html',
    entry: './src/save/index.ts',
    template: './src/save/save.html',
    officeJs: false,
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
 * The ES5 notice for old Office web views, copied as it is to dist/legacy-notice.js (never bundled
 * or transpiled: it must parse where the bundles do not) and loaded first by taskpane.html.
 */
const LEGACY_NOTICE = 'src/taskpane/legacy-notice.js';

/**
 * @param {Record<string, unknown>} [env] webpack-cli's --env (WEBPACK_SERVE is set by `webpack serve`)
 * @param {{ mode?: string }} [argv]
 */
module.exports = async (env = {}, argv = {}) => {
  // Required here rather than at the top, so that tests can load the helpers exported below
  // without loading the plugins.
  const CopyWebpackPlugin = require('copy-webpack-plugin');
  const HtmlWebpackPlugin = require('html-webpack-plugin');
  const webpack = require('webpack');
  const dev = argv.mode === 'development';
  const strictStyles = process.env.ADDIN_CSP_STRICT_STYLES === '1';
  // A production build (not the dev server) takes every deployment value from the environment
  // and stops, with one line saying what to set, when one is missing (scripts/deployment.js).
  const production = !dev && !env.WEBPACK_SERVE;
  let deployment;
  try {
    deployment = resolveDeployment(process.env, { production });
    buildManifest(require('node:fs').readFileSync(path.join(__dirname, 'manifest.xml'), 'utf8'), deployment, {
      production,
    });
  } catch (error) {
    if (!(error instanceof DeploymentError)) throw error;
    console.error(`msp-enroll build: ${error.message}`);
    process.exit(1);
  }
  const { intakeOrigins } = deployment;

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
            csp: contentSecurityPolicy({ officeJs: page.officeJs, strictStyles, intakeOrigins }),
          }),
      ),
      // The same intake origins for the pane's own check (src/taskpane/submit/intake-origins.ts).
      new webpack.DefinePlugin({ __MSP_INTAKE_ORIGINS__: JSON.stringify(intakeOrigins) }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*', to: 'assets/[name][ext]' },
          { from: LEGACY_NOTICE, to: '[name][ext]' },
          {
            from: 'manifest.xml',
            to: '[name][ext]',
            // Checked once above; a manifest.xml edited during a watch fails that build's asset.
            transform: (content) => buildManifest(content.toString(), deployment, { production }),
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
        'Content-Security-Policy': `${contentSecurityPolicy({ officeJs: true, strictStyles, intakeOrigins })}; frame-ancestors ${OFFICE_FRAME_ANCESTORS.join(' ')}`,
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
module.exports.LEGACY_NOTICE = LEGACY_NOTICE;
