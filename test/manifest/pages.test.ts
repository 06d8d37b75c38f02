// The HTML pages and their Content-Security-Policy (webpack.config.js): no inline script, the policy
// first in <head>, office.js from Microsoft's CDN where (and only where) the page needs it.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'acorn';
import { ROOT, webpackConfig } from './addin-files';

const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const { PAGES, contentSecurityPolicy } = webpackConfig();

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((directive) => {
      const [name = '', ...sources] = directive.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe.each(PAGES)('$name page', (page) => {
  const html = readFileSync(path.join(ROOT, page.template), 'utf8');
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];

  it('has no inline script', () => {
    for (const tag of scripts) expect(tag).toMatch(/\ssrc="[^"]+"/);
    expect(html).not.toMatch(/\son[a-z]+=/i); // no inline event handlers
  });

  it('sets its Content-Security-Policy before any script', () => {
    const meta = html.indexOf(
      '<meta http-equiv="Content-Security-Policy" content="<%= htmlWebpackPlugin.options.csp %>"',
    );
    expect(meta).toBeGreaterThan(-1);
    const firstScript = html.indexOf('<script');
    if (firstScript >= 0) expect(meta).toBeLessThan(firstScript);
  });

  it(page.officeJs ? 'loads office.js from the CDN' : 'does not load office.js', () => {
    expect(scripts.some((tag) => tag.includes(`src="${OFFICE_JS}"`))).toBe(page.officeJs);
    expect(html.includes('office.js"')).toBe(page.officeJs);
  });

  it('has a policy that allows only this origin, and the CDN only where office.js loads', () => {
    for (const strictStyles of [false, true]) {
      const policy = directives(contentSecurityPolicy({ officeJs: page.officeJs, strictStyles }));
      expect(policy.get('default-src')).toEqual(["'self'"]);
      expect(policy.get('script-src')).toEqual(
        page.officeJs ? ["'self'", 'https://appsforoffice.microsoft.com'] : ["'self'"],
      );
      expect(policy.get('img-src')).toEqual(["'self'", 'data:']);
      // no https: wildcard: only the intake origins the build allows (test/manifest/deployment.test.ts)
      expect(policy.get('connect-src')).toEqual(["'self'"]);
      expect(policy.get('object-src')).toEqual(["'none'"]);
      expect(policy.get('base-uri')).toEqual(["'self'"]);
      expect(policy.get('form-action')).toEqual(["'none'"]);
      const styles = policy.get('style-src') ?? [];
      expect(styles[0]).toBe("'self'");
      expect(styles.includes("'unsafe-inline'")).toBe(!strictStyles);
      for (const sources of policy.values()) expect(sources).not.toContain("'unsafe-eval'");
    }
  });
});

describe('the notice for old Office web views (issue 9, item 8)', () => {
  const { LEGACY_NOTICE } = webpackConfig();
  const notice = readFileSync(path.join(ROOT, LEGACY_NOTICE), 'utf8');

  it('is ES5, so that Internet Explorer 11 parses it', () => {
    // acorn (webpack's parser) at ecmaVersion 5 refuses let/const, arrows, classes, templates.
    expect(() => parse(notice, { ecmaVersion: 5 })).not.toThrow();
    expect(() => parse('var f = () => 1;', { ecmaVersion: 5 })).toThrow();
  });

  it('is the first script of the task pane, before office.js, and not deferred', () => {
    const html = readFileSync(path.join(ROOT, 'src/taskpane/taskpane.html'), 'utf8');
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts[0]).toBe('<script src="legacy-notice.js">');
  });
});
