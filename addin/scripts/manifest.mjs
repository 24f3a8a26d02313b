// The add-in's unified manifest for Microsoft 365: checks beyond its JSON schema, stamping with the host that
// serves the pane, and packaging (manifest.json + icons in a zip, as Outlook and the admin center take it).
//
//   npm run manifest -- --from <parameters file written by provision> [--version 1.0.1] [--out dist/manifest]
//   npm run manifest -- --host https://pm.contoso.com [--client-id <Entra app id>] [--version 1.0.1] [--out dist/manifest]
//
// Beside the app package it writes the add-in-only (XML) manifest built from the same source (xmlManifest.mjs).
// The source manifest (manifest/manifest.json) points at the dev placeholder origin https://localhost:5080.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { buildXmlManifest, checkXmlManifest, xmlAddinId } from './xmlManifest.mjs';

export const addinRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const manifestDir = join(addinRoot, 'manifest');
/** The icons the pane serves under /api/pane/icons/ (ribbon buttons, and the XML manifest's add-in icons). */
export const paneIconsDir = join(addinRoot, 'public', 'icons');
/** The file names inside the output folder: the app package and the add-in-only manifest. */
export const packageFileName = 'PeerMentor365.zip';
export const xmlManifestFileName = 'PeerMentor365.xml';
const guidPattern = /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i;

/** The origin the source manifest uses; stamping replaces it. */
export const devOrigin = 'https://localhost:5080';
/** Stands for the Entra application (client) id until one is given. */
export const placeholderClientId = '00000000-0000-0000-0000-000000000000';

const mailContexts = new Set([
  'mailRead',
  'mailCompose',
  'meetingDetailsOrganizer',
  'meetingDetailsAttendee',
  'onlineMeetingDetailsOrganizer',
  'logEventMeetingDetailsAttendee',
  'spamReportingOverride',
]);

/** @param {string} path @returns {any} */
export function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/**
 * Width and height of a PNG, read from its IHDR chunk; null when the bytes are not a PNG.
 * @param {Uint8Array} bytes
 */
export function pngSize(bytes) {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/**
 * What keeps a PNG from being an outline icon: white on a transparent background and nothing else.
 * @param {Uint8Array} bytes
 * @returns {string[]}
 */
export function outlineProblems(bytes) {
  const png = PNG.sync.read(Buffer.from(bytes));
  let transparent = 0;
  let coloured = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (png.data[i + 3] === 0) transparent++;
    else if (png.data[i] !== 255 || png.data[i + 1] !== 255 || png.data[i + 2] !== 255) coloured++;
  }
  const problems = [];
  if (transparent === 0) problems.push('has no transparent background');
  if (coloured > 0) problems.push(`has ${coloured} pixels that are neither white nor transparent`);
  return problems;
}

/**
 * The file in public/icons behind an icon URL the pane serves (…/api/pane/icons/NAME), on any origin; null otherwise.
 * @param {string} url
 */
export function servedIconFile(url) {
  const match = /^https:\/\/[^/]+\/api\/pane\/icons\/([A-Za-z0-9._-]+)$/.exec(url);
  return match?.[1] ? join(paneIconsDir, match[1]) : null;
}

/** Every string value in a JSON tree, with its path. @param {any} node @param {string} path @returns {[string, string][]} */
function strings(node, path = '') {
  if (typeof node === 'string') return [[path, node]];
  if (Array.isArray(node)) return node.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (node && typeof node === 'object') return Object.entries(node).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  return [];
}

/**
 * The manifest checks its JSON schema cannot express (Office's own validation rules and this project's).
 * @param {any} manifest
 * @param {{ dir?: string, production?: boolean }} [options] dir holds the icons; production demands real https hosts
 * @returns {string[]} problems, empty when the manifest is fine
 */
export function checkManifest(manifest, options = {}) {
  const dir = options.dir ?? manifestDir;
  const problems = [];

  const expectedIcons = { color: 192, outline: 32 };
  for (const [kind, size] of Object.entries(expectedIcons)) {
    const file = manifest.icons?.[kind];
    if (typeof file !== 'string') {
      problems.push(`icons.${kind} is missing`);
      continue;
    }
    const path = join(dir, file);
    if (!existsSync(path)) {
      problems.push(`icons.${kind}: ${file} does not exist next to the manifest`);
      continue;
    }
    const actual = pngSize(readFileSync(path));
    if (actual === null) problems.push(`icons.${kind}: ${file} is not a PNG`);
    else if (actual.width !== size || actual.height !== size) {
      problems.push(`icons.${kind}: ${file} is ${actual.width}x${actual.height}, must be ${size}x${size}`);
    }
  }

  const outlinePath = typeof manifest.icons?.outline === 'string' ? join(dir, manifest.icons.outline) : '';
  if (outlinePath && existsSync(outlinePath) && pngSize(readFileSync(outlinePath)) !== null) {
    problems.push(...outlineProblems(readFileSync(outlinePath)).map((p) => `icons.outline: ${manifest.icons.outline} ${p}`));
  }

  if (!/^\d{1,5}\.\d{1,5}\.\d{1,5}$/.test(String(manifest.version))) {
    problems.push(`version "${manifest.version}" must be n.n.n with at most 5 digits per part (bump it on every change)`);
  }

  /** @type {any[]} */
  const extensions = Array.isArray(manifest.extensions) ? manifest.extensions : [];
  if (extensions.length !== 1) problems.push('there must be exactly one entry in extensions');
  for (const [e, extension] of extensions.entries()) {
    const where = `extensions[${e}]`;
    /** @type {string[]} */
    const scopes = extension.requirements?.scopes ?? [];
    /** @type {any[]} */
    const ribbons = extension.ribbons ?? [];
    /** @type {string[]} */
    const contexts = ribbons.flatMap((r) => r.contexts ?? []);
    const usesMail = contexts.some((c) => mailContexts.has(c));
    if (usesMail && !scopes.includes('mail')) problems.push(`${where}: Outlook ribbon contexts need requirements.scopes to include "mail"`);
    if (scopes.includes('mail') && !usesMail && !(extension.autoRunEvents?.length > 0)) {
      problems.push(`${where}: scope "mail" but no Outlook ribbon context or event`);
    }
    /** @type {{ name: string, minVersion?: string }[]} */
    const capabilities = extension.requirements?.capabilities ?? [];
    const mailbox = capabilities.find((c) => c.name === 'Mailbox');
    if (scopes.includes('mail') && mailbox?.minVersion !== '1.8') {
      problems.push(`${where}: the Mailbox requirement set must be minVersion 1.8 (newer APIs are feature-detected)`);
    }
    if (extension.runtimes && extension.contentRuntimes) problems.push(`${where}: runtimes and contentRuntimes cannot both be present`);

    // The add-in-only manifest's pairing and icons: admin center and Outlook measure the alternate icons' files
    // (the sizes in the manifest are ignored): 64 and 128 px for mail add-ins.
    /** @type {any[]} */
    const alternates = extension.alternates ?? [];
    const hidden = alternates.map((a) => a.hide?.customOfficeAddin?.officeAddinId).filter((id) => id !== undefined);
    if (hidden.length !== 1) problems.push(`${where}: alternates must hide exactly one custom Office add-in (the XML manifest's Id)`);
    else if (!guidPattern.test(hidden[0])) problems.push(`${where}: the hidden add-in id "${hidden[0]}" is not a GUID`);
    else if (hidden[0].toLowerCase() === String(manifest.id).toLowerCase()) problems.push(`${where}: the XML manifest needs an Id of its own, not the app's id`);
    const alternateIcons = alternates.map((a) => a.alternateIcons).find(Boolean);
    if (!alternateIcons) problems.push(`${where}: alternates has no alternateIcons (the admin center needs them for clients that read only XML manifests)`);
    else {
      const mail = scopes.length === 0 || scopes.includes('mail');
      for (const [kind, size] of /** @type {const} */ ([['icon', mail ? 64 : 32], ['highResolutionIcon', mail ? 128 : 64]])) {
        const url = alternateIcons[kind]?.url;
        const file = typeof url === 'string' ? servedIconFile(url) : null;
        if (file === null) problems.push(`${where}: alternateIcons.${kind} must be an icon the pane serves under /api/pane/icons/`);
        else if (!existsSync(file)) problems.push(`${where}: alternateIcons.${kind}: ${url} is not in public/icons`);
        else {
          const actual = pngSize(readFileSync(file));
          if (actual?.width !== size || actual.height !== size) {
            problems.push(`${where}: alternateIcons.${kind}: ${url} is ${actual ? `${actual.width}x${actual.height}` : 'not a PNG'}, must be ${size}x${size}`);
          }
        }
      }
    }

    const ids = [];
    const actions = new Set();
    for (const runtime of extension.runtimes ?? []) {
      ids.push(['runtime', runtime.id]);
      for (const action of runtime.actions ?? []) {
        ids.push(['action', action.id]);
        actions.add(action.id);
      }
    }
    for (const ribbon of ribbons) {
      for (const tab of ribbon.tabs ?? []) {
        if (tab.id !== undefined) ids.push(['tab', tab.id]);
        for (const group of tab.groups ?? []) {
          ids.push(['group', group.id]);
          if (typeof group.label === 'string' && group.label.length > 16) problems.push(`${where}: group label "${group.label}" is over 16 characters`);
          for (const control of group.controls ?? []) {
            ids.push(['control', control.id]);
            if (typeof control.label === 'string' && control.label.length > 16) {
              problems.push(`${where}: control label "${control.label}" is over 16 characters`);
            }
            if (control.actionId !== undefined && !actions.has(control.actionId)) {
              problems.push(`${where}: control ${control.id} names action ${control.actionId}, which no runtime defines`);
            }
            /** @type {{ size: number }[]} */
            const icons = control.icons ?? [];
            const sizes = new Set(icons.map((i) => i.size));
            for (const required of [16, 32, 80]) {
              if (!sizes.has(required)) problems.push(`${where}: control ${control.id} has no ${required} px icon`);
            }
          }
        }
      }
    }
    const seen = new Set();
    for (const [kind, id] of ids) {
      if (typeof id !== 'string' || id === '') problems.push(`${where}: a ${kind} has no id`);
      else if (id.length > 64) problems.push(`${where}: ${kind} id "${id}" is over 64 characters`);
      else if (seen.has(id)) problems.push(`${where}: id "${id}" is used twice`);
      else seen.add(id);
    }
  }

  if (options.production) {
    const page = extensions[0]?.runtimes?.[0]?.code?.page;
    for (const [path, value] of strings(manifest)) {
      if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) continue;
      if (path === '$schema') continue;
      let url;
      try {
        url = new URL(value);
      } catch {
        problems.push(`${path}: "${value}" is not a URL`);
        continue;
      }
      if (url.protocol === 'api:') continue;
      if (url.protocol !== 'https:') problems.push(`${path}: ${value} must use https`);
      if (url.hostname === 'localhost' || url.hostname === '127.0.0.1') problems.push(`${path}: ${value} points at this machine`);
    }
    if (typeof page === 'string') {
      const host = new URL(page).host;
      if (!(manifest.validDomains ?? []).includes(host)) problems.push(`validDomains must list ${host}, the pane's host`);
    }
  }
  return problems;
}

/**
 * A copy of the manifest for the host that serves the pane: every dev-origin URL rewritten, validDomains and the
 * Entra resource set for that host, and the Entra client id when given.
 * @param {any} manifest
 * @param {{ host: string, clientId?: string, audience?: string, version?: string }} options audience: the API's
 *   application id URI (apiAudience of the deployment); by default api://<host>/<client id>
 */
export function stampManifest(manifest, options) {
  let origin;
  try {
    origin = new URL(options.host).origin;
  } catch {
    throw new Error(`--host must be an absolute URL such as https://pm.contoso.com, not "${options.host}"`);
  }
  if (!origin.startsWith('https://')) throw new Error(`--host must use https (Outlook loads add-ins only over https), not ${origin}`);
  const host = new URL(origin).host;
  const clientId = options.clientId ?? manifest.webApplicationInfo?.id ?? placeholderClientId;
  if (!guidPattern.test(clientId)) throw new Error(`--client-id must be a GUID, not "${clientId}"`);
  const resource = options.audience ?? `api://${host}/${clientId}`;
  // Office's single sign-on takes a token only for a resource on the pane's own domain.
  if (!resource.startsWith(`api://${host}/`)) throw new Error(`the API's audience ${resource} must be api://${host}/…, on the pane's host`);

  const replaced = JSON.parse(JSON.stringify(manifest).split(devOrigin).join(origin));
  replaced.validDomains = [host];
  if (replaced.webApplicationInfo) {
    replaced.webApplicationInfo = { ...replaced.webApplicationInfo, id: clientId, resource };
  }
  if (options.version !== undefined) replaced.version = options.version;
  return replaced;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** @param {Uint8Array} bytes */
export function crc32(bytes) {
  let crc = 0xffffffff;
  for (const b of bytes) crc = (crcTable[(crc ^ b) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * A zip archive (deflate) of the given files, all at the root, as the app package format wants.
 * @param {{ name: string, data: Uint8Array }[]} files
 */
export function zip(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  // 1 Jan 2026 00:00 in MS-DOS format; a fixed stamp keeps the package reproducible.
  const dosTime = 0;
  const dosDate = ((2026 - 1980) << 9) | (1 << 5) | 1;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const compressed = deflateRawSync(file.data);
    const crc = crc32(file.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(file.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, compressed);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(dosTime, 12);
    central.writeUInt16LE(dosDate, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(file.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

/**
 * The pane's origin, the API's client id and audience from the parameters file `provision` writes for
 * infra/main.bicep: ARM deployment parameters (JSON, `parameters.NAME.value`) or a .bicepparam file
 * (`param NAME = 'value'`). Without paneOrigin the host is the one main.bicep defaults to: https://<name>.azurewebsites.net.
 * @param {string} path
 * @returns {{ host: string, clientId: string, audience?: string }}
 */
export function readDeploymentParameters(path) {
  if (!existsSync(path)) throw new Error(`--from: no parameters file at ${path}`);
  const text = readFileSync(path, 'utf8');
  /** @type {Record<string, unknown>} */
  const values = {};
  if (path.endsWith('.bicepparam')) {
    // Only plain string literals, which is all provision writes; anything else is refused rather than guessed.
    for (const line of text.split(/\r?\n/)) {
      const match = /^\s*param\s+([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
      if (!match?.[1]) continue;
      const literal = /^'((?:[^'\\]|\\.)*)'$/.exec(match[2] ?? '');
      if (!literal) throw new Error(`--from: ${path}: param ${match[1]} is not a plain string ('…')`);
      values[match[1]] = (literal[1] ?? '').replace(/\\(.)/g, '$1');
    }
  } else {
    let json;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new Error(`--from: ${path} is neither JSON deployment parameters nor a .bicepparam file (${error instanceof Error ? error.message : error})`);
    }
    for (const [name, entry] of Object.entries(json?.parameters ?? {})) values[name] = /** @type {any} */ (entry)?.value;
  }
  const stringParam = (/** @type {string} */ name) => (typeof values[name] === 'string' && values[name] !== '' ? /** @type {string} */ (values[name]) : undefined);
  const clientId = stringParam('apiClientId');
  if (clientId === undefined) throw new Error(`--from: ${path} has no apiClientId (run provision first; it writes it)`);
  const host = stringParam('paneOrigin') ?? `https://${stringParam('name') ?? 'peermentor365'}.azurewebsites.net`;
  const audience = stringParam('apiAudience');
  return audience === undefined ? { host, clientId } : { host, clientId, audience };
}

/**
 * Stamps, checks and packages the manifest into `out`: manifest.json, the two icons and PeerMentor365.zip (the app
 * package for Integrated apps), and PeerMentor365.xml, the add-in-only manifest for clients that read only that.
 * @param {{ host: string, clientId?: string, audience?: string, version?: string, out?: string }} options
 */
export function buildPackage(options) {
  const source = readJson(join(manifestDir, 'manifest.json'));
  const stamped = stampManifest(source, options);
  const problems = checkManifest(stamped, { dir: manifestDir, production: true });
  if (problems.length > 0) throw new Error(`The stamped manifest has problems:\n- ${problems.join('\n- ')}`);
  const out = resolve(options.out ?? join(addinRoot, 'dist', 'manifest'));
  mkdirSync(out, { recursive: true });
  const json = Buffer.from(`${JSON.stringify(stamped, null, 2)}\n`, 'utf8');
  const files = [
    { name: 'manifest.json', data: json },
    { name: stamped.icons.color, data: readFileSync(join(manifestDir, source.icons.color)) },
    { name: stamped.icons.outline, data: readFileSync(join(manifestDir, source.icons.outline)) },
  ];
  for (const file of files) writeFileSync(join(out, file.name), file.data);
  const zipPath = join(out, packageFileName);
  writeFileSync(zipPath, zip(files));
  const xmlPath = join(out, xmlManifestFileName);
  const xml = buildXmlManifest(stamped);
  const xmlProblems = checkXmlManifest(xml, stamped);
  if (xmlProblems.length > 0) throw new Error(`The add-in-only manifest has problems:\n- ${xmlProblems.join('\n- ')}`);
  writeFileSync(xmlPath, xml);
  return {
    out,
    zipPath,
    xmlPath,
    xml,
    xmlId: xmlAddinId(stamped),
    manifest: stamped,
    usesPlaceholderClientId: stamped.webApplicationInfo?.id === placeholderClientId,
  };
}

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {Record<string, string>} */
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`Unexpected argument "${arg}"`);
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw new Error(`--${match[1]} needs a value`);
    args[match[1] ?? ''] = value;
  }
  return args;
}

const usage = 'Usage: npm run manifest -- (--from <parameters file> | --host https://your-host [--client-id <Entra app id>]) [--version n.n.n] [--out dir]';
/** The options `npm run manifest --` takes; docs/deploy.md's commands are checked against them. */
export const cliOptions = ['from', 'host', 'client-id', 'version', 'out'];

function main() {
  const args = parseArgs(process.argv.slice(2));
  const unknown = Object.keys(args).filter((name) => !cliOptions.includes(name));
  if (unknown.length > 0 || (!args.from && !args.host) || (args.from && (args.host || args['client-id']))) {
    console.error(unknown.length > 0 ? `Unknown option --${unknown[0]}\n${usage}` : usage);
    process.exit(2);
  }
  // npm runs the script in addin/; paths are the caller's, relative to where npm was started (INIT_CWD).
  const callerPath = (/** @type {string} */ path) => resolve(process.env.INIT_CWD ?? process.cwd(), path);
  const target = args.from ? readDeploymentParameters(callerPath(args.from)) : { host: args.host ?? '', clientId: args['client-id'] };
  const result = buildPackage({ ...target, version: args.version, out: args.out === undefined ? undefined : callerPath(args.out) });
  console.log(`Manifest for ${new URL(target.host).origin}: ${result.out}`);
  console.log(`App package (Microsoft 365 admin center, Integrated apps): ${result.zipPath}`);
  console.log(`Add-in-only manifest (Outlook on Mac, iOS, Android, older Windows), Id ${result.xmlId}: ${result.xmlPath}`);
  console.log('  validated offline against the XML manifest schema in addin/manifest/schema and checked against manifest.json');
  if (result.usesPlaceholderClientId) {
    console.log('Note: webApplicationInfo still has the placeholder client id; pass --client-id <Entra app id> for a real tenant.');
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
