// @vitest-environment node
import { AppManifestUtils } from '@microsoft/app-manifest';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  placeholderClientId,
  pngSize,
  readJson,
  stampManifest,
} from '../scripts/manifest.mjs';

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
      expect(JSON.parse(files.get('manifest.json')?.toString('utf8') ?? '')).toEqual(result.manifest);
      expect(files.get('color.png')?.equals(readFileSync(join(manifestDir, 'color.png')))).toBe(true);
      expect(pngSize(files.get('outline.png') ?? new Uint8Array())).toEqual({ width: 32, height: 32 });
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
