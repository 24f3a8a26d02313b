// @vitest-environment node
import { AppManifestUtils } from '@microsoft/app-manifest';
import { JSDOM } from 'jsdom';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  buildPackage,
  checkManifest,
  crc32,
  devOrigin,
  manifestDir,
  outlineProblems,
  packageFileName,
  placeholderClientId,
  pngSize,
  readDeploymentParameters,
  readJson,
  servedIconFile,
  stampManifest,
  xmlManifestFileName,
} from '../scripts/manifest.mjs';
import { buildXmlManifest, checkXmlManifest, xmlAddinId, xmlSchemaDir, xmlSchemaEntry, xmlSchemaProblems } from '../scripts/xmlManifest.mjs';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const require = createRequire(import.meta.url);
const schemasRoot = join(dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams');
const publicIcons = join(manifestDir, '..', 'public', 'icons');

const source = (): Json => readJson(join(manifestDir, 'manifest.json'));

/** The schema the manifest names, read from the files @microsoft/app-manifest bundles (never downloaded). */
function bundledSchema(manifest: Json) {
  const match = /^https:\/\/developer\.microsoft\.com\/json-schemas\/teams\/(v[\d.]+)\/MicrosoftTeams\.schema\.json$/.exec(String(manifest.$schema));
  expect(match, `$schema ${manifest.$schema} is not a Teams/Microsoft 365 app manifest schema URL`).not.toBeNull();
  const version = match?.[1] ?? '';
  expect(manifest.manifestVersion).toBe(version.slice(1));
  return readJson(join(schemasRoot, version, 'MicrosoftTeams.schema.json'));
}

async function schemaErrors(manifest: Json): Promise<string[]> {
  return AppManifestUtils.validateAgainstSchema(manifest as never, bundledSchema(manifest) as never);
}

/** Entries of a zip archive (deflate or stored), read back independently of the writer's bookkeeping. */
function unzip(bytes: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let offset = 0;
  while (bytes.readUInt32LE(offset) === 0x04034b50) {
    const method = bytes.readUInt16LE(offset + 8);
    const crc = bytes.readUInt32LE(offset + 14);
    const size = bytes.readUInt32LE(offset + 18);
    const nameLength = bytes.readUInt16LE(offset + 26);
    const extraLength = bytes.readUInt16LE(offset + 28);
    const name = bytes.subarray(offset + 30, offset + 30 + nameLength).toString('utf8');
    const start = offset + 30 + nameLength + extraLength;
    const raw = bytes.subarray(start, start + size);
    const data = method === 8 ? inflateRawSync(raw) : Buffer.from(raw);
    expect(crc32(data), `crc of ${name}`).toBe(crc);
    files.set(name, data);
    offset = start + size;
  }
  expect(bytes.readUInt32LE(bytes.length - 22), 'end of central directory').toBe(0x06054b50);
  expect(bytes.readUInt16LE(bytes.length - 12)).toBe(files.size);
  return files;
}

let offline: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  // Validation must never reach for the network (no CDN or schema host is reachable here, nor in CI).
  offline = vi.spyOn(globalThis, 'fetch').mockImplementation(() => Promise.reject(new Error('network access during manifest validation')));
});
afterEach(() => {
  expect(offline).not.toHaveBeenCalled();
});

describe('the unified manifest', () => {
  it('validates against its JSON schema, offline, with a schema version @microsoft/app-manifest bundles', async () => {
    expect(await schemaErrors(source())).toEqual([]);
  });

  it('passes the checks the schema cannot express', () => {
    expect(checkManifest(source())).toEqual([]);
  });

  it('targets Outlook meetings (organizer and attendee) with Mailbox 1.8 and the mail scope', () => {
    const extension = source().extensions[0];
    expect(extension.requirements).toMatchObject({ scopes: ['mail'], capabilities: [{ name: 'Mailbox', minVersion: '1.8' }] });
    expect(extension.ribbons.flatMap((r: Json) => r.contexts)).toEqual(['meetingDetailsOrganizer', 'meetingDetailsAttendee']);
    expect(extension.runtimes[0].code.page).toBe(`${devOrigin}/api/pane/taskpane.html`);
  });

  it('refers only to ribbon icons the pane build serves, in the sizes they claim', () => {
    const urls = source().extensions[0].ribbons.flatMap((r: Json) =>
      r.tabs.flatMap((t: Json) => t.groups.flatMap((g: Json) => g.controls.flatMap((c: Json) => c.icons))),
    ) as { size: number; url: string }[];
    expect(urls.length).toBeGreaterThan(0);
    for (const icon of urls) {
      expect(icon.url.startsWith(`${devOrigin}/api/pane/icons/`)).toBe(true);
      const file = join(publicIcons, icon.url.slice(`${devOrigin}/api/pane/icons/`.length));
      expect(pngSize(readFileSync(file)), icon.url).toEqual({ width: icon.size, height: icon.size });
    }
  });

  it('has an outline icon that is white on transparent', () => {
    const png = PNG.sync.read(readFileSync(join(manifestDir, 'outline.png')));
    const pixels = Array.from({ length: png.width * png.height }, (_, i) => png.data.subarray(i * 4, i * 4 + 4));
    expect(pixels.some((p) => p[3] === 0)).toBe(true);
    for (const p of pixels.filter((q) => (q[3] ?? 0) > 0)) expect([p[0], p[1], p[2]]).toEqual([255, 255, 255]);
    expect(outlineProblems(readFileSync(join(manifestDir, 'outline.png')))).toEqual([]);
  });

  it('has alternateIcons of 64 and 128 px (mail scope), served by the pane, and hides an XML add-in with an id of its own', () => {
    const [alternate, ...others] = source().extensions[0].alternates;
    expect(others).toEqual([]);
    expect(pngSize(readFileSync(servedIconFile(alternate.alternateIcons.icon.url) ?? ''))).toEqual({ width: 64, height: 64 });
    expect(pngSize(readFileSync(servedIconFile(alternate.alternateIcons.highResolutionIcon.url) ?? ''))).toEqual({ width: 128, height: 128 });
    expect(alternate.hide.customOfficeAddin.officeAddinId).toMatch(/^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/);
    expect(alternate.hide.customOfficeAddin.officeAddinId).not.toBe(source().id);
  });
});

describe('the schema check itself', () => {
  it('rejects what the schema forbids', async () => {
    const broken = source();
    broken.extensions[0].ribbons[0].contexts = ['calendarOrganizer'];
    delete broken.developer.privacyUrl;
    broken.extensions[0].runtimes[0].code.page = 'http://localhost:5080/api/pane/taskpane.html';
    const errors = await schemaErrors(broken);
    expect(errors.some((e) => e.includes('/extensions/0/ribbons/0/contexts/0'))).toBe(true);
    expect(errors.some((e) => e.includes('privacyUrl'))).toBe(true);
    expect(errors.some((e) => e.includes('/extensions/0/runtimes/0/code/page'))).toBe(true);
  });
});

describe('checkManifest', () => {
  it('requires the mail scope for Outlook contexts', () => {
    const m = source();
    m.extensions[0].requirements.scopes = ['document'];
    expect(checkManifest(m)).toContain('extensions[0]: Outlook ribbon contexts need requirements.scopes to include "mail"');
  });

  it('requires Mailbox 1.8 as the minimum', () => {
    const m = source();
    m.extensions[0].requirements.capabilities = [{ name: 'Mailbox', minVersion: '1.12' }];
    expect(checkManifest(m).join('\n')).toMatch(/minVersion 1\.8/);
  });

  it('finds duplicate and over-long ids, and controls whose action does not exist', () => {
    const m = source();
    const [organizer, attendee] = m.extensions[0].ribbons;
    attendee.tabs[0].groups[0].id = organizer.tabs[0].groups[0].id;
    organizer.tabs[0].groups[0].controls[0].id = 'x'.repeat(65);
    attendee.tabs[0].groups[0].controls[0].actionId = 'Nowhere';
    const problems = checkManifest(m);
    expect(problems).toContain('extensions[0]: id "PeerMentorOrganizerGroup" is used twice');
    expect(problems).toContain(`extensions[0]: control id "${'x'.repeat(65)}" is over 64 characters`);
    expect(problems).toContain('extensions[0]: control PeerMentorOpenButton names action Nowhere, which no runtime defines');
  });

  it('checks the icon files and their pixel sizes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pm365-icons-'));
    try {
      copyFileSync(join(publicIcons, 'icon-80.png'), join(dir, 'color.png'));
      writeFileSync(join(dir, 'outline.png'), 'not a png');
      expect(checkManifest(source(), { dir })).toEqual([
        'icons.color: color.png is 80x80, must be 192x192',
        'icons.outline: outline.png is not a PNG',
      ]);
      rmSync(join(dir, 'outline.png'));
      expect(checkManifest(source(), { dir })).toContain('icons.outline: outline.png does not exist next to the manifest');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('measures the alternate icons and requires the XML add-in to be hidden under an id of its own', () => {
    const m = source();
    const icons = m.extensions[0].alternates[0].alternateIcons;
    [icons.icon.url, icons.highResolutionIcon.url] = [icons.highResolutionIcon.url, icons.icon.url];
    m.extensions[0].alternates[0].hide.customOfficeAddin.officeAddinId = m.id;
    expect(checkManifest(m)).toEqual([
      `extensions[0]: the XML manifest needs an Id of its own, not the app's id`,
      `extensions[0]: alternateIcons.icon: ${devOrigin}/api/pane/icons/icon-128.png is 128x128, must be 64x64`,
      `extensions[0]: alternateIcons.highResolutionIcon: ${devOrigin}/api/pane/icons/icon-64.png is 64x64, must be 128x128`,
    ]);
    delete m.extensions[0].alternates;
    expect(checkManifest(m)).toContain('extensions[0]: alternates must hide exactly one custom Office add-in (the XML manifest\'s Id)');
  });

  it('refuses an outline icon with colour or without transparency', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pm365-outline-'));
    try {
      copyFileSync(join(manifestDir, 'color.png'), join(dir, 'color.png'));
      const png = new PNG({ width: 32, height: 32 });
      png.data.fill(255);
      png.data[0] = 15; // one blue-ish, opaque pixel among opaque white ones
      writeFileSync(join(dir, 'outline.png'), PNG.sync.write(png));
      expect(checkManifest(source(), { dir })).toEqual([
        'icons.outline: outline.png has no transparent background',
        'icons.outline: outline.png has 1 pixels that are neither white nor transparent',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses the dev manifest as a production one (localhost)', () => {
    const problems = checkManifest(source(), { production: true });
    expect(problems).toContain(`extensions[0].runtimes[0].code.page: ${devOrigin}/api/pane/taskpane.html points at this machine`);
  });
});

describe('stamping for a real host', () => {
  const clientId = '8f2d4a61-7c3b-4e59-a1d0-5b6c7e8f9a01';

  it('rewrites every URL, the valid domain and the Entra resource, and still validates', async () => {
    const stamped = stampManifest(source(), { host: 'https://pm.contoso.com/anything', clientId, version: '1.0.1' });
    expect(JSON.stringify(stamped)).not.toContain('localhost');
    expect(stamped.extensions[0].runtimes[0].code.page).toBe('https://pm.contoso.com/api/pane/taskpane.html');
    expect(stamped.validDomains).toEqual(['pm.contoso.com']);
    expect(stamped.webApplicationInfo).toEqual({ id: clientId, resource: `api://pm.contoso.com/${clientId}` });
    expect(stamped.version).toBe('1.0.1');
    expect(await schemaErrors(stamped)).toEqual([]);
    expect(checkManifest(stamped, { production: true })).toEqual([]);
  });

  it('refuses plain http and malformed client ids', () => {
    expect(() => stampManifest(source(), { host: 'http://pm.contoso.com' })).toThrow(/must use https/);
    expect(() => stampManifest(source(), { host: 'pm.contoso.com' })).toThrow(/absolute URL/);
    expect(() => stampManifest(source(), { host: 'https://pm.contoso.com', clientId: 'my-app' })).toThrow(/GUID/);
  });

  it('packages manifest.json and both icons at the root of a zip', () => {
    const out = mkdtempSync(join(tmpdir(), 'pm365-package-'));
    try {
      const result = buildPackage({ host: 'https://pm.contoso.com', out });
      expect(result.usesPlaceholderClientId).toBe(true);
      expect(result.manifest.webApplicationInfo.id).toBe(placeholderClientId);
      const files = unzip(readFileSync(result.zipPath));
      expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
      expect([...files.keys()]).toEqual(expect.arrayContaining([result.manifest.icons.color, result.manifest.icons.outline]));
      expect(result.zipPath).toBe(join(out, packageFileName));
      expect(readFileSync(join(out, xmlManifestFileName), 'utf8')).toBe(result.xml);
      expect(checkXmlManifest(result.xml, result.manifest)).toEqual([]);
      expect(JSON.parse(files.get('manifest.json')?.toString('utf8') ?? '')).toEqual(result.manifest);
      expect(files.get('color.png')?.equals(readFileSync(join(manifestDir, 'color.png')))).toBe(true);
      expect(pngSize(files.get('outline.png') ?? new Uint8Array())).toEqual({ width: 32, height: 32 });
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('stamping from the parameters file provision writes', () => {
  const clientId = '3c9a1f57-0d2e-4b8a-9f61-2e7d5c4b3a10';
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pm365-params-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const armParameters = (parameters: Record<string, string>) => {
    const path = join(dir, 'main.parameters.json');
    const body = {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
      contentVersion: '1.0.0.0',
      parameters: Object.fromEntries(Object.entries(parameters).map(([name, value]) => [name, { value }])),
    };
    writeFileSync(path, JSON.stringify(body));
    return path;
  };

  it('reads the pane origin, client id and audience of ARM deployment parameters', () => {
    const path = armParameters({
      name: 'pm-contoso',
      apiClientId: clientId,
      apiAudience: `api://mentoring.contoso.com/${clientId}`,
      paneOrigin: 'https://mentoring.contoso.com',
      allowedTenantIds: '',
    });
    expect(readDeploymentParameters(path)).toEqual({ host: 'https://mentoring.contoso.com', clientId, audience: `api://mentoring.contoso.com/${clientId}` });
  });

  it('takes the Function App host main.bicep derives from name when there is no paneOrigin', () => {
    const path = armParameters({ name: 'pm-fabrikam', apiClientId: clientId });
    expect(readDeploymentParameters(path)).toEqual({ host: 'https://pm-fabrikam.azurewebsites.net', clientId });
  });

  it('reads a .bicepparam file of string literals, and refuses anything it would have to guess', () => {
    const path = join(dir, 'main.bicepparam');
    // The shape provision writes: a marker comment, the template it is for, then one string literal per parameter.
    writeFileSync(
      path,
      [
        "// Written by PeerMentor365's provisioning command (provision); 'remove' deletes this file.",
        "using './main.bicep'",
        '',
        "param name = 'pm-contoso'",
        "param tenantId = '9f3c2a1e-4b5d-4c6e-8f70-1a2b3c4d5e6f'",
        `param apiClientId = '${clientId}'`,
        `param apiAudience = 'api://pm-contoso.azurewebsites.net/${clientId}'`,
        '',
      ].join('\n'),
    );
    expect(readDeploymentParameters(path)).toEqual({ host: 'https://pm-contoso.azurewebsites.net', clientId, audience: `api://pm-contoso.azurewebsites.net/${clientId}` });
    writeFileSync(path, `using './main.bicep'\nparam apiClientId = readEnvironmentVariable('CLIENT_ID')\n`);
    expect(() => readDeploymentParameters(path)).toThrow(/param apiClientId is not a plain string/);
  });

  it('says what is missing instead of packaging a placeholder', () => {
    expect(() => readDeploymentParameters(armParameters({ name: 'pm-contoso' }))).toThrow(/no apiClientId \(run provision first/);
    expect(() => readDeploymentParameters(join(dir, 'absent.json'))).toThrow(/no parameters file/);
    writeFileSync(join(dir, 'broken.json'), '{ "parameters": ');
    expect(() => readDeploymentParameters(join(dir, 'broken.json'))).toThrow(/neither JSON deployment parameters nor a .bicepparam/);
  });

  it("stamps both manifests with the deployment's host and ids and packages them", async () => {
    const audience = `api://pm-contoso.azurewebsites.net/${clientId}`;
    const path = armParameters({ name: 'pm-contoso', apiClientId: clientId, apiAudience: audience });
    const out = join(dir, 'out');
    const result = buildPackage({ ...readDeploymentParameters(path), version: '1.0.2', out });
    expect(result.usesPlaceholderClientId).toBe(false);
    expect(result.manifest.webApplicationInfo).toEqual({ id: clientId, resource: audience });
    expect(result.manifest.validDomains).toEqual(['pm-contoso.azurewebsites.net']);
    expect(await schemaErrors(result.manifest)).toEqual([]);
    const files = unzip(readFileSync(result.zipPath));
    expect(JSON.parse(files.get('manifest.json')?.toString('utf8') ?? '')).toEqual(result.manifest);
    expect(result.xml).toContain(`<Resource>${audience}</Resource>`);
    expect(result.xml).toContain('<Version>1.0.2.0</Version>');
    expect(result.xml).not.toContain('localhost');
  });

  it("refuses an audience on another host than the pane (Office SSO needs the pane's domain)", () => {
    expect(() => stampManifest(source(), { host: 'https://pm.contoso.com', clientId, audience: `api://elsewhere.contoso.com/${clientId}` })).toThrow(
      /must be api:\/\/pm\.contoso\.com\//,
    );
  });
});

describe('the add-in-only (XML) manifest', () => {
  const clientId = '8f2d4a61-7c3b-4e59-a1d0-5b6c7e8f9a01';
  const stamped = () => stampManifest(source(), { host: 'https://pm.contoso.com', clientId });
  const parse = (xml: string) => new new JSDOM('').window.DOMParser().parseFromString(xml, 'application/xml');
  const office = 'http://schemas.microsoft.com/office/appforoffice/1.1';
  const mail11 = 'http://schemas.microsoft.com/office/mailappversionoverrides/1.1';
  const xsi = 'http://www.w3.org/2001/XMLSchema-instance';
  /** The line of the nth occurrence (first by default) of `text` in `xml`, as the validator counts lines. */
  const lineOf = (xml: string, text: string, nth = 1) => {
    let at = -1;
    for (let i = 0; i < nth; i++) at = xml.indexOf(text, at + 1);
    expect(at, `"${text}" is in the manifest ${nth} times`).toBeGreaterThanOrEqual(0);
    return xml.slice(0, at).split('\n').length;
  };

  it('validates against the XML manifest schema, offline, stamped and as the dev source', () => {
    expect(readdirSync(xmlSchemaDir).filter((f) => f.endsWith('.xsd')).sort()).toEqual([
      'MailAppCommands.xsd',
      'MailAppVersionOverridesV1_0.xsd',
      'MailAppVersionOverridesV1_1.xsd',
      'OfficeAppBasicTypesV1_0.xsd',
      xmlSchemaEntry,
    ]);
    expect(xmlSchemaProblems(buildXmlManifest(stamped()))).toEqual([]);
    expect(xmlSchemaProblems(buildXmlManifest(source()))).toEqual([]);
  });

  it('passes the schema and describes the same add-in as the unified manifest', () => {
    const unified = stamped();
    expect(checkXmlManifest(buildXmlManifest(unified), unified)).toEqual([]);
  });

  // Each variant breaks one rule Office enforces for the parts this manifest emits; the schema must say which and where.
  const broken: { name: string; change: (xml: string) => string; at: string; nth?: number; message: RegExp }[] = [
    {
      name: 'an element out of order (ProviderName before Version)',
      change: (xml) => xml.replace(/(<Version>[^<]*<\/Version>)(\s*)(<ProviderName>[^<]*<\/ProviderName>)/, '$3$2$1'),
      at: '<ProviderName>',
      message: /Element 'ProviderName': This element is not expected\. Expected is \( Version \)/,
    },
    {
      name: 'no <Id>',
      change: (xml) => xml.replace(/<Id>[^<]*<\/Id>\s*/, ''),
      at: '<Version>',
      message: /Element 'Version': This element is not expected\. Expected is \( Id \)/,
    },
    {
      name: 'an <Id> that is not a GUID',
      change: (xml) => xml.replace(/<Id>[^<]*<\/Id>/, '<Id>peermentor365-outlook</Id>'),
      at: '<Id>',
      message: /Element 'Id': \[facet 'pattern'\] The value 'peermentor365-outlook' is not accepted/,
    },
    {
      name: 'a DisplayName of 126 characters',
      change: (xml) => xml.replace('<DisplayName DefaultValue="PeerMentor365"', `<DisplayName DefaultValue="${'P'.repeat(126)}"`),
      at: '<DisplayName',
      message: /Element 'DisplayName', attribute 'DefaultValue': \[facet 'maxLength'\] The value 'P{60}…' has a length of '126'; this exceeds the allowed maximum length of '125'/,
    },
    {
      name: 'a Description of 251 characters',
      change: (xml) => xml.replace(/<Description DefaultValue="[^"]*"/, `<Description DefaultValue="${'d'.repeat(251)}"`),
      at: '<Description DefaultValue',
      message: /Element 'Description', attribute 'DefaultValue': \[facet 'maxLength'\].* exceeds the allowed maximum length of '250'/,
    },
    {
      name: 'an unknown OfficeApp xsi:type',
      change: (xml) => xml.replace('xsi:type="MailApp"', 'xsi:type="MailAddin"'),
      at: '<OfficeApp',
      message: /Element 'OfficeApp', attribute 'xsi:type': The QName value 'MailAddin' of the xsi:type attribute does not resolve to a type definition/,
    },
    {
      name: 'an unknown ExtensionPoint xsi:type',
      change: (xml) => xml.replace('xsi:type="AppointmentAttendeeCommandSurface"', 'xsi:type="AppointmentReadCommandSurface"'),
      at: 'xsi:type="AppointmentReadCommandSurface"',
      message: /Element 'ExtensionPoint', attribute 'xsi:type': The QName value 'AppointmentReadCommandSurface' of the xsi:type attribute does not resolve/,
    },
    {
      name: 'a Permissions value Outlook does not know',
      change: (xml) => xml.replace('<Permissions>ReadWriteItem</Permissions>', '<Permissions>ReadWriteAppointment</Permissions>'),
      at: '<Permissions>',
      message: /Element 'Permissions': \[facet 'enumeration'\] The value 'ReadWriteAppointment' is not an element of the set/,
    },
    {
      name: 'a label that names a long string (the wrong resource list)',
      change: (xml) => xml.replace('<Label resid="PeerMentorScheduleButton.Label"/>', '<Label resid="PeerMentorScheduleButton.Tip"/>'),
      at: '<Label resid="PeerMentorScheduleButton.Tip"/>',
      message: /Element 'Label': No match found for key-sequence \['PeerMentorScheduleButton\.Tip'\] of keyref 'ShortStringReferences'/,
    },
    {
      name: 'a resource id over 32 characters',
      change: (xml) => xml.split('Taskpane.Url').join(`Taskpane.${'U'.repeat(24)}`),
      at: `<SourceLocation resid="Taskpane.${'U'.repeat(24)}"/>`,
      message: /Element 'SourceLocation', attribute 'resid': \[facet 'maxLength'\] The value 'Taskpane\.U+' has a length of '33'/,
    },
    {
      name: 'a plain http icon',
      change: (xml) => xml.replace('<IconUrl DefaultValue="https://', '<IconUrl DefaultValue="http://'),
      at: '<IconUrl',
      message: /Element 'IconUrl', attribute 'DefaultValue': \[facet 'pattern'\] The value 'http:\/\/pm\.contoso\.com\/api\/pane\/icons\/icon-64\.png' is not accepted by the pattern 'https:/,
    },
    {
      name: 'two controls with one id',
      change: (xml) => xml.replace('id="PeerMentorOpenButton"', 'id="PeerMentorScheduleButton"'),
      at: 'id="PeerMentorScheduleButton"',
      nth: 2,
      message: /Element 'Control': Duplicate key-sequence \['PeerMentorScheduleButton'\] in unique identity-constraint 'ControlIds'/,
    },
    {
      name: 'WebApplicationInfo before Resources in the nested VersionOverrides 1.1',
      change: (xml) => {
        const info = /\s*<WebApplicationInfo>[\s\S]*<\/WebApplicationInfo>/.exec(xml)?.[0] ?? '';
        const withoutInfo = xml.replace(info, '');
        const lastResources = withoutInfo.lastIndexOf('<Resources>');
        return `${withoutInfo.slice(0, lastResources)}${info.trim()}\n      ${withoutInfo.slice(lastResources)}`;
      },
      at: '<WebApplicationInfo>',
      message: /Element 'WebApplicationInfo': This element is not expected\. Expected is \( Resources \)/,
    },
  ];

  it.each(broken)('the schema rejects $name, saying where and why', ({ change, at, nth, message }) => {
    const xml = change(buildXmlManifest(stamped()));
    const [first, ...more] = xmlSchemaProblems(xml);
    expect(first).toMatch(message);
    expect(first).toMatch(new RegExp(`^line ${lineOf(xml, at, nth)}: `));
    // Anything after the first names the same fault again (in the nested VersionOverrides, or as its consequence).
    for (const problem of [first, ...more]) {
      expect(problem).toMatch(/^line \d+: Element '/);
      expect(problem).not.toContain('http://schemas.microsoft.com');
    }
  });

  it('reports XML that is not well-formed, with its line', () => {
    expect(xmlSchemaProblems('<OfficeApp>\n<Id>')[0]).toMatch(/^not well-formed XML, line \d+: /);
  });

  it('carries the id the unified manifest hides, its icons, the pane and the single sign-on resource', () => {
    const unified = stamped();
    const doc = parse(buildXmlManifest(unified));
    const root = doc.documentElement;
    const value = (name: string) => root.getElementsByTagNameNS(office, name)[0];
    expect(value('Id')?.textContent).toBe(unified.extensions[0].alternates[0].hide.customOfficeAddin.officeAddinId);
    expect(xmlAddinId(unified)).toBe(value('Id')?.textContent);
    expect(value('IconUrl')?.getAttribute('DefaultValue')).toBe('https://pm.contoso.com/api/pane/icons/icon-64.png');
    expect(value('HighResolutionIconUrl')?.getAttribute('DefaultValue')).toBe('https://pm.contoso.com/api/pane/icons/icon-128.png');
    expect(value('Permissions')?.textContent).toBe('ReadWriteItem');
    const points = [...doc.getElementsByTagNameNS(mail11, 'ExtensionPoint')];
    expect(points.map((p) => p.getAttributeNS(xsi, 'type'))).toEqual(['AppointmentOrganizerCommandSurface', 'AppointmentAttendeeCommandSurface']);
    const sso = doc.getElementsByTagNameNS(mail11, 'WebApplicationInfo')[0];
    expect(sso?.textContent).toContain(clientId);
    expect(sso?.textContent).toContain(`api://pm.contoso.com/${clientId}`);
  });

  it('shortens resource ids over 32 characters the same way in both VersionOverrides', () => {
    const unified = stamped();
    unified.extensions[0].ribbons[0].tabs[0].groups[0].controls[0].id = `PeerMentorSchedule${'X'.repeat(40)}`;
    const xml = buildXmlManifest(unified);
    expect(checkXmlManifest(xml, unified)).toEqual([]);
    const resids = [...xml.matchAll(/resid="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(Math.max(...resids.map((r) => r.length))).toBeLessThanOrEqual(32);
    expect(resids.filter((r) => r.endsWith('.000'))).toHaveLength(2);
  });

  it('the check finds what the schema forbids and what pairing with the unified manifest needs', () => {
    const unified = stamped();
    const xml = buildXmlManifest(unified);
    const tampered = xml
      .replace('AppointmentAttendeeCommandSurface', 'MessageReadCommandSurface')
      .replace('<Permissions>ReadWriteItem', '<Permissions>ReadWriteMailbox')
      .replace(/<bt:String id="PeerMentorScheduleButton.Label" DefaultValue="[^"]*"/, `<bt:String id="PeerMentorScheduleButton.Label" DefaultValue="${'x'.repeat(126)}"`)
      .replace(xmlAddinId(unified), '11111111-2222-4333-8444-555555555555')
      .replace('<bt:Image size="80" resid="Icon.80"/>', '<bt:Image size="64" resid="Icon.80"/>');
    expect(checkXmlManifest(tampered, unified)).toEqual([
      // The schema: a short string over 125 characters (valid values elsewhere are the pairing's business).
      expect.stringMatching(new RegExp(`^line ${lineOf(tampered, '<bt:String id="PeerMentorScheduleButton.Label"')}: Element 'bt:String', attribute 'DefaultValue': \\[facet 'maxLength'\\].*'125'`)),
      // The pairing with the unified manifest, and the icon sizes XSD 1.0 cannot require.
      'Id 11111111-2222-4333-8444-555555555555 is not the id the unified manifest hides (' + xmlAddinId(unified) + ')',
      'Permissions "ReadWriteMailbox" is not the unified manifest\'s ReadWriteItem',
      'VersionOverridesV1_0: extension points AppointmentOrganizerCommandSurface, MessageReadCommandSurface; the unified manifest\'s contexts need AppointmentOrganizerCommandSurface, AppointmentAttendeeCommandSurface',
      `VersionOverridesV1_0: control PeerMentorScheduleButton is labelled "${'x'.repeat(126)}", not "Schedule"`,
      'VersionOverridesV1_0: control PeerMentorScheduleButton has no 80 px icon',
      "VersionOverridesV1_0: MessageReadCommandSurface has controls PeerMentorOpenButton, not the unified manifest's",
      'VersionOverridesV1_0: control PeerMentorOpenButton is labelled "PeerMentor365", not "undefined"',
    ]);
    const noSso = { ...unified, webApplicationInfo: undefined };
    expect(checkXmlManifest(buildXmlManifest(noSso), unified)).toEqual([
      `VersionOverridesV1_1: WebApplicationInfo must carry the unified manifest's Entra id ${clientId} and resource api://pm.contoso.com/${clientId}`,
    ]);
  });
});
