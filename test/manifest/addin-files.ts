// Helpers for the add-in shell tests: the repository's paths, webpack.config.js's exported helpers
// (loaded as plain CommonJS, checked at run time since the file has no type declarations), the
// offline manifest validator as a command, and a PNG header reader.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const MANIFEST = path.join(ROOT, 'manifest.xml');
const VALIDATOR = path.join(ROOT, 'scripts', 'validate-manifest.js');

export interface Page {
  name: string;
  filename: string;
  entry: string;
  template: string;
  officeJs: boolean;
}

export interface WebpackConfigHelpers {
  DEV_URL: string;
  PAGES: Page[];
  LEGACY_NOTICE: string;
  contentSecurityPolicy(options: { officeJs: boolean; strictStyles?: boolean; intakeOrigins?: string[] }): string;
}

export interface Deployment {
  publicUrl: string;
  providerName: string;
  supportUrl: string;
  intakeOrigins: string[];
}

/** scripts/deployment.js: the deployment values and the manifest built from them. */
export interface DeploymentHelpers {
  FIELDS: Record<keyof Deployment, { env: string; dev: string; production: string }>;
  DeploymentError: new (message: string) => Error;
  resolveDeployment(env: Record<string, string | undefined>, options: { production: boolean }): Deployment;
  buildManifest(xml: string, deployment: Deployment, options: { production: boolean }): string;
}

function isPage(value: unknown): value is Page {
  if (typeof value !== 'object' || value === null) return false;
  const page: Partial<Record<keyof Page, unknown>> = value;
  return (
    typeof page.name === 'string' &&
    typeof page.filename === 'string' &&
    typeof page.entry === 'string' &&
    typeof page.template === 'string' &&
    typeof page.officeJs === 'boolean'
  );
}

function isHelpers(value: unknown): value is WebpackConfigHelpers {
  if (typeof value !== 'function') return false;
  // The helpers are properties of the exported factory function.
  const m: Partial<Record<keyof WebpackConfigHelpers, unknown>> = Object.fromEntries(Object.entries(value));
  return (
    typeof m.DEV_URL === 'string' &&
    Array.isArray(m.PAGES) &&
    m.PAGES.every(isPage) &&
    typeof m.LEGACY_NOTICE === 'string' &&
    typeof m.contentSecurityPolicy === 'function'
  );
}

function isDeploymentHelpers(value: unknown): value is DeploymentHelpers {
  if (typeof value !== 'object' || value === null) return false;
  const m: Partial<Record<keyof DeploymentHelpers, unknown>> = value;
  return (
    typeof m.FIELDS === 'object' &&
    typeof m.DeploymentError === 'function' &&
    typeof m.resolveDeployment === 'function' &&
    typeof m.buildManifest === 'function'
  );
}

/** scripts/deployment.js's exports. */
export function deploymentHelpers(): DeploymentHelpers {
  const loaded: unknown = createRequire(__filename)(path.join(ROOT, 'scripts', 'deployment.js'));
  if (!isDeploymentHelpers(loaded)) throw new Error('scripts/deployment.js does not export the expected helpers');
  return loaded;
}

/** webpack.config.js's exports: the config factory, with the helpers attached to it. */
export function webpackConfig(): WebpackConfigHelpers {
  const loaded: unknown = createRequire(__filename)(path.join(ROOT, 'webpack.config.js'));
  if (!isHelpers(loaded)) throw new Error('webpack.config.js does not export the expected helpers');
  return loaded;
}

/** Runs scripts/validate-manifest.js, the same command as `npm run validate`. */
export function validateManifestFile(file: string, ...args: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [VALIDATOR, file, ...args], { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Width and height from a PNG's IHDR chunk; throws if the file is not a PNG. */
export function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b) || bytes.toString('ascii', 12, 16) !== 'IHDR') {
    throw new Error(`${file} is not a PNG`);
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
