/**
 * The official Agent Trace JSON schema, read from the shared reference folder beside the repository
 * (`../shared/reference/agent-trace/trace-record.schema.json`; the repository does not ship it). Where it is missing
 * a test skips saying so, and under CI=true fails: CI must check records against the real schema.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type * as Mocha from 'mocha';
import { skipBecause } from '../skip';

export type Validate = ((data: unknown) => boolean) & { errors?: unknown };

function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = up;
  }
  return dir;
}

const SCHEMA_PATH = path.resolve(repoRoot(), '../shared/reference/agent-trace/trace-record.schema.json');

const MISSING = `the official Agent Trace schema is not at ${SCHEMA_PATH}`;
let compiled: Validate | undefined;

/** The validator, or undefined where the schema is missing (which throws under CI=true). */
export function loadOfficialValidator(): Validate | undefined {
  if (compiled) return compiled;
  if (!fs.existsSync(SCHEMA_PATH)) {
    if (process.env.CI === 'true') throw new Error(`${MISSING} (required under CI=true)`);
    return undefined;
  }
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  compiled = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA_PATH, 'utf8'))) as Validate;
  return compiled;
}

/** The validator; where the schema is missing the calling test skips saying so (and fails under CI=true). */
export function officialValidator(ctx: Mocha.Context): Validate {
  return loadOfficialValidator() ?? skipBecause(ctx, MISSING);
}
