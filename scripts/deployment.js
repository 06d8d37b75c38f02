// The add-in's deployment values, in one place (issue 9, item 10; issue 16, item 4): the public
// base URL, the provider name and support URL shown by Office, and the intake origins the pane
// may upload to. manifest.xml holds the development values listed here; `npm run build` fills in
// the production values from the environment and refuses to write a production manifest that
// still holds a development value or a placeholder. See docs/addin.md ("Production build").
'use strict';

/**
 * One deployment value.
 * - env: the environment variable that sets it
 * - dev: the development value (in manifest.xml, or the pane's default in development)
 * - production: 'required' (the build fails without env), or the value used when env is unset
 * - hint: what to set, for the one-line error
 * The dev values are placeholders: a production build takes every required one from env, and
 * its manifest may not point at localhost.
 * @typedef {{ env: string, dev: string, production: 'required' | string, hint: string }} Field
 */

/** @type {Record<'publicUrl' | 'providerName' | 'supportUrl' | 'intakeOrigins', Field>} */
const FIELDS = {
  publicUrl: {
    env: 'ADDIN_PUBLIC_URL',
    dev: 'https://localhost:3000/',
    production: 'required',
    hint: 'the https base URL the add-in is deployed at, e.g. ADDIN_PUBLIC_URL=https://addins.example.com/msp-enroll/',
  },
  providerName: {
    env: 'ADDIN_PROVIDER_NAME',
    dev: 'Spot by NetApp',
    production: 'required',
    // The dev value is a placeholder for the lead to confirm: a production build names it explicitly.
    hint: 'the publisher Office shows, e.g. ADDIN_PROVIDER_NAME="Spot by NetApp"',
  },
  supportUrl: {
    env: 'ADDIN_SUPPORT_URL',
    dev: 'https://docs.spot.io/',
    production: 'required',
    hint: 'the https page users get help at, e.g. ADDIN_SUPPORT_URL=https://docs.spot.io/msp-enrollment',
  },
  intakeOrigins: {
    env: 'ADDIN_INTAKE_ORIGINS',
    // Local HTTPS intakes on any port (the E2E tests' intake, a developer's own).
    dev: 'https://localhost:* https://127.0.0.1:*',
    // No upload unless the deployment names its intake: connect-src 'self' only.
    production: '',
    hint: "the intake's https origins, space-separated, e.g. ADDIN_INTAKE_ORIGINS=https://intake.spot.io",
  },
};

/** A deployment value that cannot be used; its message is the one line the build prints. */
class DeploymentError extends Error {
  constructor(message) {
    super(message);
    this.name = 'DeploymentError';
  }
}

/**
 * An https URL without credentials, query or fragment.
 * @param {string} name the variable, for the message
 * @param {string} value
 */
function httpsUrl(name, value) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new DeploymentError(`${name} is not a URL: ${value}`);
  }
  if (url.protocol !== 'https:') throw new DeploymentError(`${name} must be https: ${value}`);
  if (url.username || url.password) throw new DeploymentError(`${name} must not hold a user name or password`);
  if (url.search || url.hash) throw new DeploymentError(`${name} must not have a query or fragment: ${value}`);
  return url;
}

/**
 * Intake origins as CSP sources and as the pane checks them: `https://host`, `https://host:port`
 * or `https://host:*` (any port), nothing else (no paths, no wildcard hosts, no http).
 * @param {string} value space- or comma-separated
 * @returns {string[]}
 */
function parseIntakeOrigins(value) {
  const origins = value.split(/[\s,]+/).filter((s) => s !== '');
  for (const origin of origins) {
    if (!/^https:\/\/[a-z0-9.-]+(:(\d{1,5}|\*))?$/i.test(origin) || origin.includes('*.')) {
      throw new DeploymentError(
        `ADDIN_INTAKE_ORIGINS: "${origin}" is not an https origin (https://host, https://host:port or https://host:*)`,
      );
    }
  }
  return origins.map((o) => o.toLowerCase());
}

/**
 * The deployment values for a build.
 * @param {Record<string, string | undefined>} env process.env
 * @param {{ production: boolean }} options
 * @returns {{ publicUrl: string, providerName: string, supportUrl: string, intakeOrigins: string[] }}
 * @throws {DeploymentError} with one line naming what to set
 */
function resolveDeployment(env, { production }) {
  /** @param {Field} field */
  const value = (field) => {
    const given = env[field.env];
    if (given !== undefined && given.trim() !== '') {
      return given.trim();
    }
    if (!production) return field.dev;
    if (field.production === 'required') throw new DeploymentError(`${field.env} is not set: set it to ${field.hint}`);
    return field.production;
  };
  // In FIELDS' order, so the first missing variable is the one named.
  const publicUrl = httpsUrl(FIELDS.publicUrl.env, value(FIELDS.publicUrl)).href;
  const providerName = value(FIELDS.providerName);
  const supportUrl = httpsUrl(FIELDS.supportUrl.env, value(FIELDS.supportUrl)).href;
  if (providerName.length > 250) throw new DeploymentError('ADDIN_PROVIDER_NAME is longer than 250 characters');
  return {
    publicUrl: publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`,
    providerName,
    supportUrl,
    intakeOrigins: parseIntakeOrigins(value(FIELDS.intakeOrigins)),
  };
}

/** @param {string} text */
const xmlEscape = (text) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Replaces `from` by `to` in xml, and fails the build when `from` is not there exactly `count`
 * times: manifest.xml and this file must not drift apart.
 */
function replaceExactly(xml, from, to, count) {
  const parts = xml.split(from);
  if (parts.length - 1 !== count) {
    throw new DeploymentError(
      `manifest.xml holds ${JSON.stringify(from)} ${parts.length - 1} times, expected ${count}: update scripts/deployment.js with it`,
    );
  }
  return parts.join(to);
}

/**
 * The manifest for a deployment: manifest.xml with its development values replaced.
 * @param {string} xml manifest.xml's text
 * @param {{ publicUrl: string, providerName: string, supportUrl: string }} deployment
 * @param {{ production: boolean }} options in production, no development value may remain
 */
function buildManifest(xml, deployment, { production }) {
  const devBase = FIELDS.publicUrl.dev;
  const devOrigin = devBase.slice(0, -1);
  let out = replaceExactly(
    xml,
    `<ProviderName>${FIELDS.providerName.dev}</ProviderName>`,
    `<ProviderName>${xmlEscape(deployment.providerName)}</ProviderName>`,
    1,
  );
  // SupportUrl and the GetStarted callout's LearnMoreUrl.
  out = replaceExactly(
    out,
    `DefaultValue="${FIELDS.supportUrl.dev}"`,
    `DefaultValue="${xmlEscape(deployment.supportUrl)}"`,
    2,
  );
  out = out.split(devBase).join(xmlEscape(deployment.publicUrl));
  out = replaceExactly(
    out,
    `<AppDomain>${devOrigin}</AppDomain>`,
    `<AppDomain>${xmlEscape(new URL(deployment.publicUrl).origin)}</AppDomain>`,
    1,
  );
  if (production) {
    const left = [/localhost/i, /127\.0\.0\.1/].find((re) => re.test(out.replace(/<!--[\s\S]*?-->/g, '')));
    if (left) throw new DeploymentError(`the production manifest still points at ${left.source.replace(/\\/g, '')}`);
  }
  return out;
}

module.exports = { FIELDS, DeploymentError, resolveDeployment, parseIntakeOrigins, buildManifest };
