// @vitest-environment node
// The pane's API types come from addin/openapi.json (npm run api-types). This proves the promise that makes them worth
// it: when an answer's shape changes in the document, the pane's type check fails where the pane relies on the old
// shape, instead of a person meeting `undefined` on screen. Each case generates the types from a changed copy of
// the document, exactly as the build does, and type-checks the pane's sources against them in a scratch folder.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';

const pane = resolve(__dirname, '..');
const run = promisify(execFile);

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
}
interface Document {
  components: { schemas: Record<string, JsonSchema> };
}

const contract = (): Document => JSON.parse(readFileSync(join(pane, 'openapi.json'), 'utf8')) as Document;

function property(document: Document, schema: string, name: string): JsonSchema {
  const found = document.components.schemas[schema]?.properties?.[name];
  if (found === undefined) throw new Error(`openapi.json has no ${schema}.${name}: choose a field the contract has`);
  return found;
}

function rename(document: Document, schema: string, from: string, to: string): void {
  const target = document.components.schemas[schema]!;
  target.properties![to] = property(document, schema, from);
  delete target.properties![from];
  target.required = target.required?.map((r) => (r === from ? to : r));
}

/** Type-checks the pane's sources (src/) against the types generated from `document`; answers tsc's exit code and output. */
async function typecheckAgainst(document: Document): Promise<{ failed: boolean; output: string }> {
  const scratch = mkdtempSync(join(tmpdir(), 'pm365-contract-'));
  try {
    cpSync(join(pane, 'src'), join(scratch, 'src'), { recursive: true });
    symlinkSync(join(pane, 'node_modules'), join(scratch, 'node_modules'), 'dir');
    const ast = await openapiTS(JSON.parse(JSON.stringify(document)) as Parameters<typeof openapiTS>[0]);
    writeFileSync(join(scratch, 'src', 'api', 'schema.d.ts'), astToString(ast));
    writeFileSync(join(scratch, 'tsconfig.json'), JSON.stringify({ extends: join(pane, 'tsconfig.json'), include: ['src'] }));
    try {
      await run(process.execPath, [join(pane, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(scratch, 'tsconfig.json')], { cwd: scratch });
      return { failed: false, output: '' };
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      return { failed: true, output: `${stdout}${stderr}` };
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

describe('a changed answer shape in openapi.json', () => {
  // Two to four type checks of the whole pane on a shared 2-core machine.
  const minutes = 4 * 60_000;

  it(
    'passes the type check unchanged (so the failures below are the changes, not the scratch folder)',
    async () => {
      const result = await typecheckAgainst(contract());
      expect(result.output).toBe('');
      expect(result.failed).toBe(false);
    },
    minutes,
  );

  it(
    'fails the type check where the pane reads a renamed, a retyped or a dropped field',
    async () => {
      const document = contract();
      // A pair's members renamed, a series' first start sent as a number, a session's agenda page dropped.
      rename(document, 'PairResponse', 'members', 'people');
      property(document, 'SeriesResponse', 'firstStart').type = 'integer';
      const session = document.components.schemas.AgendaSessionResponse!;
      delete session.properties!.agendaPage;
      session.required = session.required?.filter((r) => r !== 'agendaPage');

      const result = await typecheckAgainst(document);

      expect(result.failed).toBe(true);
      const at = (folder: string) => `src/${folder}/[\\w/.]+\\(\\d+,\\d+\\): error TS\\d+: `;
      expect(result.output).toMatch(new RegExp(`${at('peers')}Property 'members' does not exist on type 'Pair'`));
      expect(result.output).toMatch(new RegExp(`${at('series')}Property '\\w+' does not exist on type 'number'`));
      expect(result.output).toMatch(new RegExp(`${at('api')}Property 'agendaPage' does not exist`));
    },
    minutes,
  );
});
