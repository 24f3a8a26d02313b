// The add-in-only (XML) manifest, built from the unified manifest so that both describe one add-in: the same pane,
// the same commands in the same Outlook contexts and the same Entra resource for single sign-on. Outlook on Mac,
// iOS and Android and older Windows builds read only this format; the unified manifest names this manifest's <Id>
// in extensions[0].alternates[].hide.customOfficeAddin, so a client that reads both shows the add-in once.
import { JSDOM } from 'jsdom';
import { XmlBufferInputProvider, XmlDocument, XmlParseError, XmlValidateError, XsdValidator, xmlRegisterInputProvider } from 'libxml2-wasm';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { create } from 'xmlbuilder2';

const ns = {
  office: 'http://schemas.microsoft.com/office/appforoffice/1.1',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  bt: 'http://schemas.microsoft.com/office/officeappbasictypes/1.0',
  mail10: 'http://schemas.microsoft.com/office/mailappversionoverrides',
  mail11: 'http://schemas.microsoft.com/office/mailappversionoverrides/1.1',
};

/** The unified manifest's ribbon contexts and the XML extension points that show the same commands. */
export const extensionPointOfContext = /** @type {const} */ ({
  meetingDetailsOrganizer: 'AppointmentOrganizerCommandSurface',
  meetingDetailsAttendee: 'AppointmentAttendeeCommandSurface',
});

/** Unified Outlook permission names and their XML equivalents. */
const permissionOfUnified = /** @type {Record<string, string>} */ ({
  'MailboxItem.Restricted.User': 'Restricted',
  'MailboxItem.Read.User': 'ReadItem',
  'MailboxItem.ReadWrite.User': 'ReadWriteItem',
  'Mailbox.ReadWrite.User': 'ReadWriteMailbox',
});

/** The scopes the XML manifest declares for Office's single sign-on token (the pane asks for its API scope itself). */
const ssoScopes = ['openid', 'profile'];

/**
 * The id the XML manifest carries: the one the unified manifest hides, so that the two stay paired.
 * @param {any} unified
 */
export function xmlAddinId(unified) {
  /** @type {any[]} */
  const alternates = unified.extensions?.[0]?.alternates ?? [];
  const id = alternates.map((a) => a.hide?.customOfficeAddin?.officeAddinId).find((v) => typeof v === 'string');
  if (id === undefined) throw new Error('extensions[0].alternates has no hide.customOfficeAddin.officeAddinId to give the XML manifest');
  return id;
}

/**
 * Builds the XML manifest text from a (stamped) unified manifest.
 * @param {any} unified
 * @returns {string}
 */
export function buildXmlManifest(unified) {
  const extension = unified.extensions?.[0];
  const runtime = extension?.runtimes?.[0];
  const page = runtime?.code?.page;
  if (typeof page !== 'string') throw new Error('extensions[0].runtimes[0].code.page is missing');
  const alternateIcons = (extension.alternates ?? []).map((/** @type {any} */ a) => a.alternateIcons).find(Boolean);
  if (!alternateIcons) throw new Error('extensions[0].alternates has no alternateIcons for the XML manifest');
  const mailbox = (extension.requirements?.capabilities ?? []).find((/** @type {any} */ c) => c.name === 'Mailbox');
  const permission = (unified.authorization?.permissions?.resourceSpecific ?? [])
    .map((/** @type {any} */ p) => permissionOfUnified[p.name])
    .find(Boolean);
  if (!permission) throw new Error('authorization.permissions.resourceSpecific names no Outlook permission the XML manifest knows');

  /** @type {Map<string, { kind: 'image' | 'url' | 'short' | 'long', value: string }>} */
  const resources = new Map();
  const resource = (/** @type {'image' | 'url' | 'short' | 'long'} */ kind, /** @type {string} */ id, /** @type {string} */ value) => {
    const existing = resources.get(id);
    if (existing && (existing.kind !== kind || existing.value !== value)) throw new Error(`resource id ${id} is used for two values`);
    resources.set(id, { kind, value });
    return id;
  };
  // Resource ids are at most 32 characters; longer ones (unified ids reach 64) get a short numbered name, the same
  // one in both VersionOverrides.
  /** @type {Map<string, string>} */
  const shortened = new Map();
  const resid = (/** @type {string} */ id) => {
    if (id.length <= 32) return id;
    if (!shortened.has(id)) shortened.set(id, `${id.slice(0, 28)}.${shortened.size.toString().padStart(3, '0')}`);
    return /** @type {string} */ (shortened.get(id));
  };

  const pageId = resource('url', 'Taskpane.Url', page);
  /** @type {{ point: string, groups: any[] }[]} */
  const points = [];
  for (const ribbon of extension.ribbons ?? []) {
    for (const context of ribbon.contexts ?? []) {
      const point = extensionPointOfContext[/** @type {keyof typeof extensionPointOfContext} */ (context)];
      if (point === undefined) throw new Error(`the XML manifest has no extension point for the ribbon context ${context}`);
      points.push({ point, groups: (ribbon.tabs ?? []).flatMap((/** @type {any} */ t) => t.groups ?? []) });
    }
  }

  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const app = doc.ele(ns.office, 'OfficeApp', { 'xmlns:xsi': ns.xsi, 'xmlns:bt': ns.bt, 'xsi:type': 'MailApp' });
  app.ele(ns.office, 'Id').txt(xmlAddinId(unified));
  app.ele(ns.office, 'Version').txt(`${unified.version}.0`);
  app.ele(ns.office, 'ProviderName').txt(unified.developer.name);
  app.ele(ns.office, 'DefaultLocale').txt('en-US');
  app.ele(ns.office, 'DisplayName', { DefaultValue: unified.name.short });
  app.ele(ns.office, 'Description', { DefaultValue: unified.description.short });
  app.ele(ns.office, 'IconUrl', { DefaultValue: alternateIcons.icon.url });
  app.ele(ns.office, 'HighResolutionIconUrl', { DefaultValue: alternateIcons.highResolutionIcon.url });
  app.ele(ns.office, 'SupportUrl', { DefaultValue: unified.developer.websiteUrl });
  app.ele(ns.office, 'Hosts').ele(ns.office, 'Host', { Name: 'Mailbox' });
  app
    .ele(ns.office, 'Requirements')
    .ele(ns.office, 'Sets')
    .ele(ns.office, 'Set', { Name: 'Mailbox', MinVersion: mailbox?.minVersion ?? '1.1' });
  // Clients that do not read VersionOverrides open the same pane on an appointment, read or being edited.
  const forms = app.ele(ns.office, 'FormSettings');
  for (const form of ['ItemRead', 'ItemEdit']) {
    const settings = forms.ele(ns.office, 'Form', { 'xsi:type': form }).ele(ns.office, 'DesktopSettings');
    settings.ele(ns.office, 'SourceLocation', { DefaultValue: page });
    if (form === 'ItemRead') settings.ele(ns.office, 'RequestedHeight').txt('250');
  }
  app.ele(ns.office, 'Permissions').txt(permission);
  const rule = app.ele(ns.office, 'Rule', { 'xsi:type': 'RuleCollection', Mode: 'Or' });
  rule.ele(ns.office, 'Rule', { 'xsi:type': 'ItemIs', ItemType: 'Appointment', FormType: 'Read' });
  rule.ele(ns.office, 'Rule', { 'xsi:type': 'ItemIs', ItemType: 'Appointment', FormType: 'Edit' });
  app.ele(ns.office, 'DisableEntityHighlighting').txt('false');

  /**
   * One VersionOverrides element: requirements, the commands per extension point, the resources they name and
   * (from 1.1 on) the single sign-on resource.
   * @param {import('xmlbuilder2/lib/interfaces').XMLBuilder} parent
   * @param {string} namespace
   * @param {string} type
   * @param {string} minVersion
   */
  const overrides = (parent, namespace, type, minVersion) => {
    const vo = parent.ele(namespace, 'VersionOverrides', { 'xsi:type': type });
    vo.ele(namespace, 'Requirements')
      .ele(ns.bt, 'bt:Sets', { DefaultMinVersion: minVersion })
      .ele(ns.bt, 'bt:Set', { Name: 'Mailbox' });
    const host = vo.ele(namespace, 'Hosts').ele(namespace, 'Host', { 'xsi:type': 'MailHost' });
    const desktop = host.ele(namespace, 'DesktopFormFactor');
    for (const { point, groups } of points) {
      const tab = desktop.ele(namespace, 'ExtensionPoint', { 'xsi:type': point }).ele(namespace, 'OfficeTab', { id: 'TabDefault' });
      for (const group of groups) {
        const g = tab.ele(namespace, 'Group', { id: group.id });
        g.ele(namespace, 'Label', { resid: resource('short', resid(`${group.id}.Label`), group.label) });
        for (const control of group.controls ?? []) {
          const c = g.ele(namespace, 'Control', { 'xsi:type': 'Button', id: control.id });
          c.ele(namespace, 'Label', { resid: resource('short', resid(`${control.id}.Label`), control.label) });
          const tip = c.ele(namespace, 'Supertip');
          tip.ele(namespace, 'Title', { resid: resource('short', resid(`${control.id}.Title`), control.supertip.title) });
          tip.ele(namespace, 'Description', { resid: resource('long', resid(`${control.id}.Tip`), control.supertip.description) });
          const icon = c.ele(namespace, 'Icon');
          for (const image of control.icons ?? []) {
            icon.ele(ns.bt, 'bt:Image', { size: String(image.size), resid: resource('image', `Icon.${image.size}`, image.url) });
          }
          c.ele(namespace, 'Action', { 'xsi:type': 'ShowTaskpane' }).ele(namespace, 'SourceLocation', { resid: pageId });
        }
      }
    }
    const res = vo.ele(namespace, 'Resources');
    const lists = { image: res.ele(ns.bt, 'bt:Images'), url: res.ele(ns.bt, 'bt:Urls'), short: res.ele(ns.bt, 'bt:ShortStrings'), long: res.ele(ns.bt, 'bt:LongStrings') };
    for (const [id, { kind, value }] of resources) {
      const name = { image: 'bt:Image', url: 'bt:Url', short: 'bt:String', long: 'bt:String' }[kind];
      lists[kind].ele(ns.bt, name, { id, DefaultValue: value });
    }
    return vo;
  };

  // VersionOverrides 1.0 for clients that stop there (Mailbox 1.3); the nested 1.1 adds single sign-on's resource.
  const v10 = overrides(app, ns.mail10, 'VersionOverridesV1_0', '1.3');
  const v11 = overrides(v10, ns.mail11, 'VersionOverridesV1_1', '1.5');
  const sso = unified.webApplicationInfo;
  if (sso) {
    const info = v11.ele(ns.mail11, 'WebApplicationInfo');
    info.ele(ns.mail11, 'Id').txt(sso.id);
    info.ele(ns.mail11, 'Resource').txt(sso.resource);
    const scopes = info.ele(ns.mail11, 'Scopes');
    for (const scope of ssoScopes) scopes.ele(ns.mail11, 'Scope').txt(scope);
  }
  return doc.end({ prettyPrint: true });
}

/** The schema the add-in-only manifest is validated against, offline: our own XSD files (manifest/schema/README.md). */
export const xmlSchemaDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'manifest', 'schema');
export const xmlSchemaEntry = 'OfficeAppManifestV1_1.xsd';
/** The virtual folder the schema files are served from to libxml2: it reads nothing else, from disk or network. */
const schemaBase = 'peermentor365-manifest-schema/';

/** @type {XsdValidator | undefined} */
let validator;
function schemaValidator() {
  if (validator) return validator;
  /** @type {Record<string, Uint8Array>} */
  const files = {};
  for (const name of readdirSync(xmlSchemaDir).filter((f) => f.endsWith('.xsd'))) files[schemaBase + name] = readFileSync(join(xmlSchemaDir, name));
  xmlRegisterInputProvider(new XmlBufferInputProvider(files));
  const entry = files[schemaBase + xmlSchemaEntry];
  if (!entry) throw new Error(`${xmlSchemaEntry} is missing from ${xmlSchemaDir}`);
  const schema = XmlDocument.fromBuffer(entry, { url: schemaBase + xmlSchemaEntry });
  try {
    validator = XsdValidator.fromDoc(schema);
  } finally {
    schema.dispose();
  }
  return validator;
}

/** Namespaces in messages as the manifest writes them: default ones bare (the line number tells where), others prefixed. */
const namespacePrefixes = [
  [ns.office, ''],
  [ns.mail10, ''],
  [ns.mail11, ''],
  [ns.bt, 'bt:'],
  [ns.xsi, 'xsi:'],
];
/** @param {string} message */
function readable(message) {
  let text = message.trim();
  for (const [uri, prefix] of namespacePrefixes) text = text.split(`{${uri}}`).join(prefix);
  // Over-long values are quoted whole by libxml2; their start is enough to find them.
  return text.replace(/'([^']{60})[^']{20,}'/g, "'$1…'");
}

/**
 * Validates an add-in-only manifest against the XML manifest schema (manifest/schema, XSD 1.0) with libxml2, offline.
 * @param {string} xml
 * @returns {string[]} one readable line per problem ("line N: …"), empty when the manifest is valid
 */
export function xmlSchemaProblems(xml) {
  const schema = schemaValidator();
  let doc;
  try {
    doc = XmlDocument.fromString(xml);
  } catch (error) {
    if (error instanceof XmlParseError) return error.details.map((d) => `not well-formed XML, line ${d.line}: ${readable(d.message)}`);
    throw error;
  }
  try {
    schema.validate(doc);
    return [];
  } catch (error) {
    // Warnings (level 1) only restate an error already reported for the same value.
    if (error instanceof XmlValidateError) return error.details.filter((d) => d.level > 1).map((d) => `line ${d.line}: ${readable(d.message)}`);
    throw error;
  } finally {
    doc.dispose();
  }
}

/** @param {Element} node */
const elements = (node) => /** @type {Element[]} */ (Array.from(node.children));
/** @param {Element} node @param {string} name */
const child = (node, name) => elements(node).find((e) => e.localName === name);
/** @param {Element} node */
const xsiType = (node) => node.getAttributeNS(ns.xsi, 'type') ?? '';

/**
 * Checks an add-in-only manifest: first against the XML manifest schema (xmlSchemaProblems: element order, required
 * elements, string lengths, ids, resource references), then what a schema cannot say: that it describes the same
 * add-in as the unified manifest (the hidden id, icons, permission, the pane, the commands and their labels per
 * context, the single sign-on resource) and that every button has the three required icon sizes.
 * @param {string} xml
 * @param {any} unified the unified manifest it was built from
 * @returns {string[]} problems, empty when the XML manifest is fine
 */
export function checkXmlManifest(xml, unified) {
  const problems = xmlSchemaProblems(xml);
  const doc = new (new JSDOM('').window.DOMParser)().parseFromString(xml, 'application/xml');
  const root = doc.documentElement;
  if (root.localName === 'parsererror' || root.namespaceURI !== ns.office) return problems;
  const text = (/** @type {string} */ name) => child(root, name)?.textContent ?? '';
  const value = (/** @type {string} */ name) => child(root, name)?.getAttribute('DefaultValue') ?? '';

  if (text('Id') !== xmlAddinId(unified)) problems.push(`Id ${text('Id')} is not the id the unified manifest hides (${xmlAddinId(unified)})`);
  const icons = (unified.extensions?.[0]?.alternates ?? []).map((/** @type {any} */ a) => a.alternateIcons).find(Boolean);
  if (value('IconUrl') !== icons?.icon?.url) problems.push('IconUrl is not the unified manifest\'s alternateIcons.icon');
  if (value('HighResolutionIconUrl') !== icons?.highResolutionIcon?.url) problems.push('HighResolutionIconUrl is not alternateIcons.highResolutionIcon');
  const permissions = (unified.authorization?.permissions?.resourceSpecific ?? []).map((/** @type {any} */ p) => permissionOfUnified[p.name]);
  if (!permissions.includes(text('Permissions'))) problems.push(`Permissions "${text('Permissions')}" is not the unified manifest's ${permissions.join(', ')}`);
  const page = unified.extensions?.[0]?.runtimes?.[0]?.code?.page;
  for (const location of Array.from(child(root, 'FormSettings')?.getElementsByTagNameNS(ns.office, 'SourceLocation') ?? [])) {
    if (location.getAttribute('DefaultValue') !== page) problems.push(`a form opens ${location.getAttribute('DefaultValue')}, not the pane ${page}`);
  }

  /** The commands per context the unified manifest declares: extension point → controls. */
  const expected = new Map();
  for (const ribbon of unified.extensions?.[0]?.ribbons ?? []) {
    for (const context of ribbon.contexts ?? []) {
      const controls = (ribbon.tabs ?? []).flatMap((/** @type {any} */ t) => (t.groups ?? []).flatMap((/** @type {any} */ g) => g.controls ?? []));
      expected.set(extensionPointOfContext[/** @type {keyof typeof extensionPointOfContext} */ (context)], controls);
    }
  }

  const v10 = child(root, 'VersionOverrides');
  const v11 = v10 && child(v10, 'VersionOverrides');
  for (const [vo, namespace, type] of /** @type {const} */ ([[v10, ns.mail10, 'VersionOverridesV1_0'], [v11, ns.mail11, 'VersionOverridesV1_1']])) {
    // The schema lets both be absent; clients that read them need the commands in both.
    if (!vo || vo.namespaceURI !== namespace || xsiType(vo) !== type) {
      problems.push(`missing <VersionOverrides xsi:type="${type}"> in ${namespace}`);
      continue;
    }
    /** Resource values by id (the schema checks that each reference names a resource of the right list). */
    const resources = new Map(
      elements(child(vo, 'Resources') ?? vo)
        .flatMap((list) => elements(list))
        .map((item) => [item.getAttribute('id') ?? '', item.getAttribute('DefaultValue') ?? '']),
    );
    const resolve = (/** @type {Element | undefined} */ e) => resources.get(e?.getAttribute('resid') ?? '');

    const host = child(child(vo, 'Hosts') ?? vo, 'Host');
    const desktop = host && child(host, 'DesktopFormFactor');
    const points = desktop ? elements(desktop).filter((e) => e.localName === 'ExtensionPoint') : [];
    const pointTypes = points.map(xsiType);
    if (pointTypes.join() !== [...expected.keys()].join()) problems.push(`${type}: extension points ${pointTypes.join(', ')}; the unified manifest's contexts need ${[...expected.keys()].join(', ')}`);
    for (const point of points) {
      const controls = Array.from(point.getElementsByTagNameNS(namespace, 'Control'));
      const want = expected.get(xsiType(point)) ?? [];
      if (controls.map((c) => c.getAttribute('id')).join() !== want.map((/** @type {any} */ c) => c.id).join()) {
        problems.push(`${type}: ${xsiType(point)} has controls ${controls.map((c) => c.getAttribute('id')).join(', ')}, not the unified manifest's`);
      }
      for (const [i, control] of controls.entries()) {
        const label = resolve(child(control, 'Label'));
        if (label !== want[i]?.label) problems.push(`${type}: control ${control.getAttribute('id')} is labelled "${label}", not "${want[i]?.label}"`);
        const sizes = Array.from(child(control, 'Icon')?.children ?? []).map((image) => image.getAttribute('size'));
        for (const size of ['16', '32', '80']) if (!sizes.includes(size)) problems.push(`${type}: control ${control.getAttribute('id')} has no ${size} px icon`);
        const action = child(control, 'Action');
        if (resolve(action && child(action, 'SourceLocation')) !== page) problems.push(`${type}: control ${control.getAttribute('id')} opens another page than ${page}`);
      }
    }
    if (type === 'VersionOverridesV1_1') {
      const sso = child(vo, 'WebApplicationInfo');
      const want = unified.webApplicationInfo;
      if (!sso || child(sso, 'Id')?.textContent !== want?.id || child(sso, 'Resource')?.textContent !== want?.resource) {
        problems.push(`${type}: WebApplicationInfo must carry the unified manifest's Entra id ${want?.id} and resource ${want?.resource}`);
      }
    }
  }
  return problems;
}
