/**
 * @jest-environment jsdom
 */
// The production manifest (issue 9, item 10): every deployment value from one place
// (scripts/deployment.js), a production build that refuses to run without them (one line saying
// what to set), and a built manifest that is valid against Microsoft's XSDs and holds no
// development value. jsdom only for DOMParser.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { MANIFEST, ROOT, deploymentHelpers, validateManifestFile, webpackConfig } from './addin-files';

const xml = readFileSync(MANIFEST, 'utf8');
const { FIELDS, DeploymentError, resolveDeployment, buildManifest } = deploymentHelpers();
const { contentSecurityPolicy } = webpackConfig();

const PRODUCTION = {
  ADDIN_PUBLIC_URL: 'https://addins.example.com/msp-enroll',
  ADDIN_PROVIDER_NAME: 'Spot & Partners <EU>',
  ADDIN_SUPPORT_URL: 'https://help.example.com/msp',
};

let scratch = '';
beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'deployment-test-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The process environment without any deployment variable, plus `extra`. */
function envWith(extra: Record<string, string>): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const field of Object.values(FIELDS)) delete env[field.env];
  return { ...env, ...extra };
}

describe('deployment values (scripts/deployment.js)', () => {
  it('manifest.xml holds exactly the development values: building it for development changes nothing', () => {
    const dev = resolveDeployment(envWith({}), { production: false });
    expect(dev).toEqual({
      publicUrl: FIELDS.publicUrl.dev,
      providerName: FIELDS.providerName.dev,
      supportUrl: FIELDS.supportUrl.dev,
      intakeOrigins: ['https://localhost:*', 'https://127.0.0.1:*'],
    });
    expect(buildManifest(xml, dev, { production: false })).toBe(xml);
  });

  it.each([
    ['ADDIN_PUBLIC_URL', {}],
    ['ADDIN_PROVIDER_NAME', { ADDIN_PUBLIC_URL: PRODUCTION.ADDIN_PUBLIC_URL }],
    ['ADDIN_SUPPORT_URL', { ADDIN_PUBLIC_URL: PRODUCTION.ADDIN_PUBLIC_URL, ADDIN_PROVIDER_NAME: 'Spot' }],
  ])('production without %s: one line saying what to set', (name, given) => {
    let error: unknown;
    try {
      resolveDeployment(envWith(given), { production: true });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DeploymentError);
    const message = (error as Error).message;
    expect(message).toMatch(new RegExp(`^${name} is not set: set it to .+ e\\.g\\. ${name}=`));
    expect(message).not.toContain('\n');
  });

  it('refuses URLs that are not https, or carry credentials, a query or a fragment', () => {
    for (const bad of [
      'http://addins.example.com/',
      'not a url',
      'https://u:p@addins.example.com/',
      'https://a.example/?x=1',
    ]) {
      expect(() => resolveDeployment(envWith({ ...PRODUCTION, ADDIN_PUBLIC_URL: bad }), { production: true })).toThrow(
        DeploymentError,
      );
      expect(() => resolveDeployment(envWith({ ...PRODUCTION, ADDIN_SUPPORT_URL: bad }), { production: true })).toThrow(
        /ADDIN_SUPPORT_URL/,
      );
    }
  });

  it('intake origins: none by default in production; https origins only', () => {
    expect(resolveDeployment(envWith(PRODUCTION), { production: true }).intakeOrigins).toEqual([]);
    expect(
      resolveDeployment(
        envWith({ ...PRODUCTION, ADDIN_INTAKE_ORIGINS: 'https://intake.spot.io, https://Eu.Intake.example:8443' }),
        {
          production: true,
        },
      ).intakeOrigins,
    ).toEqual(['https://intake.spot.io', 'https://eu.intake.example:8443']);
    for (const bad of ['http://intake.spot.io', 'https://intake.spot.io/path', 'https://*.spot.io', 'https:', '*']) {
      expect(() =>
        resolveDeployment(envWith({ ...PRODUCTION, ADDIN_INTAKE_ORIGINS: bad }), { production: true }),
      ).toThrow(/ADDIN_INTAKE_ORIGINS/);
    }
  });

  it('the production manifest is valid against the XSDs and holds no development value', () => {
    const deployment = resolveDeployment(envWith(PRODUCTION), { production: true });
    const built = buildManifest(xml, deployment, { production: true });
    const withoutComments = built.replace(/<!--[\s\S]*?-->/g, '');
    expect(withoutComments).not.toMatch(/localhost|127\.0\.0\.1/);
    expect(withoutComments).not.toContain(FIELDS.providerName.dev);
    expect(withoutComments).not.toContain(FIELDS.supportUrl.dev);
    const doc = new DOMParser().parseFromString(built, 'application/xml');
    expect(doc.getElementsByTagName('ProviderName')[0]?.textContent).toBe('Spot & Partners <EU>');
    expect(doc.getElementsByTagName('SupportUrl')[0]?.getAttribute('DefaultValue')).toBe(
      'https://help.example.com/msp',
    );
    expect(doc.getElementsByTagName('AppDomain')[0]?.textContent).toBe('https://addins.example.com');
    expect(doc.getElementsByTagName('SourceLocation')[0]?.getAttribute('DefaultValue')).toBe(
      'https://addins.example.com/msp-enroll/taskpane.html',
    );
    const file = path.join(scratch, 'production.xml');
    writeFileSync(file, built);
    const { status, output } = validateManifestFile(file);
    expect(output).toContain('valid');
    expect(status).toBe(0);
  });

  it('refuses a manifest.xml that drifted from the development values', () => {
    const deployment = resolveDeployment(envWith(PRODUCTION), { production: true });
    const drifted = xml.replace('<ProviderName>Spot by NetApp</ProviderName>', '<ProviderName>Someone</ProviderName>');
    expect(() => buildManifest(drifted, deployment, { production: true })).toThrow(/update scripts\/deployment\.js/);
  });

  it('pins connect-src to the intake origins', () => {
    const connect = (origins?: string[]) =>
      contentSecurityPolicy({ officeJs: true, ...(origins ? { intakeOrigins: origins } : {}) })
        .split('; ')
        .find((d) => d.startsWith('connect-src'));
    expect(connect()).toBe("connect-src 'self'");
    expect(connect(['https://intake.spot.io'])).toBe("connect-src 'self' https://intake.spot.io");
  });
});

describe('npm run build (webpack --mode production)', () => {
  const build = (env: Record<string, string | undefined>) =>
    spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'node_modules', 'webpack-cli', 'bin', 'cli.js'),
        '--mode',
        'production',
        '--output-path',
        scratch,
      ],
      { cwd: ROOT, env, encoding: 'utf8' },
    );

  it('fails without ADDIN_PUBLIC_URL, with one line saying what to set, and writes nothing', () => {
    const result = build(envWith({}));
    expect(result.status).toBe(1);
    const lines = `${result.stdout}${result.stderr}`.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^msp-enroll build: ADDIN_PUBLIC_URL is not set: set it to the https/),
    ]);
    expect(() => readFileSync(path.join(scratch, 'manifest.xml'))).toThrow();
  });

  it('fails when the public URL is given but the placeholders are not', () => {
    const result = build(envWith({ ADDIN_PUBLIC_URL: PRODUCTION.ADDIN_PUBLIC_URL }));
    expect(result.status).toBe(1);
    expect(`${result.stdout}${result.stderr}`.trim()).toMatch(/^msp-enroll build: ADDIN_PROVIDER_NAME is not set/);
  });
});
