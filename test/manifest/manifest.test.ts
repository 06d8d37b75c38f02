/**
 * @jest-environment jsdom
 */
// The add-in-only XML manifest: valid against Microsoft's XSDs (offline, scripts/validate-manifest.js),
// icons that exist at the sizes Office asks for, and page URLs that match webpack's output.
// jsdom only for DOMParser, to read the manifest with its namespaces.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { MANIFEST, ROOT, pngSize, validateManifestFile, webpackConfig } from './addin-files';

const NS = {
  app: 'http://schemas.microsoft.com/office/appforoffice/1.1',
  bt: 'http://schemas.microsoft.com/office/officeappbasictypes/1.0',
  ov: 'http://schemas.microsoft.com/office/taskpaneappversionoverrides',
};

const xml = readFileSync(MANIFEST, 'utf8');
const { DEV_URL, PAGES } = webpackConfig();
let scratch = '';

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'manifest-test-'));
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** Writes a changed copy of the manifest, checking that the change happened. */
function brokenCopy(name: string, change: (text: string) => string): string {
  const changed = change(xml);
  expect(changed).not.toBe(xml);
  const file = path.join(scratch, name);
  writeFileSync(file, changed);
  return file;
}

function parse(text: string): Document {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
  return doc;
}

function only(doc: Document | Element, ns: string, localName: string): Element {
  const found = doc.getElementsByTagNameNS(ns, localName);
  expect(found).toHaveLength(1);
  const element = found.item(0);
  if (!element) throw new Error(`no ${localName}`);
  return element;
}

function attr(element: Element, name: string): string {
  const value = element.getAttribute(name);
  if (value === null) throw new Error(`<${element.localName}> has no ${name}`);
  return value;
}

describe('schema validation (offline, Microsoft XSDs)', () => {
  it('accepts manifest.xml', () => {
    const { status, output } = validateManifestFile(MANIFEST);
    expect(output).toContain('valid');
    expect(status).toBe(0);
  });

  it('rejects a manifest without its Id', () => {
    const file = brokenCopy('no-id.xml', (text) => text.replace(/<Id>[^<]*<\/Id>/, ''));
    const { status, output } = validateManifestFile(file);
    expect(status).toBe(1);
    expect(output).toMatch(/Expected is \( \{[^}]+\}Id \)/);
  });

  it('rejects Requirements placed after DefaultSettings', () => {
    const file = brokenCopy('misplaced-requirements.xml', (text) => {
      const requirements = /\s*<Requirements>[\s\S]*?<\/Requirements>/.exec(text)?.[0] ?? '';
      return text.replace(requirements, '').replace('</DefaultSettings>', `</DefaultSettings>${requirements}`);
    });
    const { status, output } = validateManifestFile(file);
    expect(status).toBe(1);
    expect(output).toMatch(/Requirements': This element is not expected/);
  });

  it('rejects XML that is not well formed', () => {
    const file = brokenCopy('truncated.xml', (text) => text.slice(0, text.length / 2));
    expect(validateManifestFile(file).status).toBe(1);
  });

  it('exits 2, naming the folder, when the schemas are missing', () => {
    const copy = path.join(scratch, 'manifest.xml');
    copyFileSync(MANIFEST, copy);
    const { status, output } = validateManifestFile(copy, '--schemas', scratch);
    expect(status).toBe(2);
    expect(output).toContain('OfficeAppManifestV1_1.xsd');
  });
});

describe('icons', () => {
  const doc = parse(xml);
  const images = new Map(
    Array.from(doc.getElementsByTagNameNS(NS.bt, 'Image'))
      .filter((image) => image.hasAttribute('id'))
      .map((image) => [attr(image, 'id'), attr(image, 'DefaultValue')]),
  );

  /** The file in assets/ that a manifest icon URL serves. */
  function assetFile(url: string): string {
    expect(url.startsWith(`${DEV_URL}assets/`)).toBe(true);
    const file = path.join(ROOT, 'assets', url.slice(`${DEV_URL}assets/`.length));
    expect(existsSync(file)).toBe(true);
    return file;
  }

  it('IconUrl is 32x32 and HighResolutionIconUrl 64x64', () => {
    expect(pngSize(assetFile(attr(only(doc, NS.app, 'IconUrl'), 'DefaultValue')))).toEqual({ width: 32, height: 32 });
    expect(pngSize(assetFile(attr(only(doc, NS.app, 'HighResolutionIconUrl'), 'DefaultValue')))).toEqual({
      width: 64,
      height: 64,
    });
  });

  it('every ribbon icon resource exists and has the size that refers to it', () => {
    const uses = Array.from(doc.getElementsByTagNameNS(NS.bt, 'Image')).filter((image) => image.hasAttribute('resid'));
    expect(uses.length).toBeGreaterThanOrEqual(6); // group and button, 16/32/80 each
    expect(new Set(uses.map((use) => attr(use, 'size')))).toEqual(new Set(['16', '32', '80']));
    for (const use of uses) {
      const url = images.get(attr(use, 'resid'));
      if (url === undefined) throw new Error(`no bt:Image resource ${attr(use, 'resid')}`);
      const size = Number(attr(use, 'size'));
      expect({ url, ...pngSize(assetFile(url)) }).toEqual({ url, width: size, height: size });
    }
  });

  it('every icon resource is used, and is a PNG in assets/', () => {
    const used = new Set(
      Array.from(doc.getElementsByTagNameNS(NS.bt, 'Image'))
        .filter((image) => image.hasAttribute('resid'))
        .map((image) => attr(image, 'resid')),
    );
    for (const [id, url] of images) {
      expect({ id, used: used.has(id) }).toEqual({ id, used: true });
      expect(pngSize(assetFile(url)).width).toBeGreaterThan(0);
    }
  });
});

describe('page URLs match the webpack build', () => {
  const doc = parse(xml);
  const urls = new Map(
    Array.from(doc.getElementsByTagNameNS(NS.bt, 'Url')).map((url) => [attr(url, 'id'), attr(url, 'DefaultValue')]),
  );
  const pageUrl = (name: string): string => {
    const page = PAGES.find((p) => p.name === name);
    if (!page) throw new Error(`webpack.config.js has no ${name} page`);
    return `${DEV_URL}${page.filename}`;
  };
  const resource = (element: Element): string => {
    const url = urls.get(attr(element, 'resid'));
    if (url === undefined) throw new Error(`no bt:Url resource ${attr(element, 'resid')}`);
    return url;
  };

  it('DefaultSettings SourceLocation is the task pane page', () => {
    const defaults = only(doc, NS.app, 'DefaultSettings');
    expect(attr(only(defaults, NS.app, 'SourceLocation'), 'DefaultValue')).toBe(pageUrl('taskpane'));
  });

  it('the Home tab button shows the task pane page', () => {
    const action = only(doc, NS.ov, 'Action');
    expect(action.getAttributeNS('http://www.w3.org/2001/XMLSchema-instance', 'type')).toBe('ShowTaskpane');
    expect(attr(only(doc, NS.ov, 'OfficeTab'), 'id')).toBe('TabHome');
    expect(resource(only(action, NS.ov, 'SourceLocation'))).toBe(pageUrl('taskpane'));
  });

  it('FunctionFile is the commands page', () => {
    expect(resource(only(doc, NS.ov, 'FunctionFile'))).toBe(pageUrl('commands'));
  });

  it("every page's entry and template exist", () => {
    for (const page of PAGES) {
      expect(existsSync(path.join(ROOT, page.entry))).toBe(true);
      expect(existsSync(path.join(ROOT, page.template))).toBe(true);
    }
  });
});
