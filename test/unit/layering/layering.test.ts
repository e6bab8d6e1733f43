/**
 * The layering is enforced by lint: these tests lint small snippets as if they lived in each layer, so loosening
 * eslint.config.mjs by accident fails the build.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

async function ruleIds(code: string, file: string): Promise<string[]> {
  const { ESLint } = (await import('eslint')) as typeof import('eslint');
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result.messages.map((m) => m.ruleId ?? 'fatal');
}

describe('layering lint rules', function () {
  this.timeout(60_000);

  const forbiddenInCore = [
    "import * as vscode from 'vscode';",
    "import * as fs from 'fs';",
    "import * as fs from 'node:fs';",
    "import { execFile } from 'child_process';",
    "import { execFile } from 'node:child_process';",
    "import * as path from 'node:path';",
    "import { runGit } from '../git/exec';",
    "import { activate } from '../extension/extension';",
  ];
  for (const code of forbiddenInCore) {
    it(`rejects in src/core: ${code}`, async () => {
      assert.ok(
        (await ruleIds(`${code}\nexport const x = 1;\n`, 'src/core/attribution/probe.ts')).includes(
          'no-restricted-imports',
        ),
      );
    });
  }

  it('rejects vscode in src/git and src/cli, and the CLI or adapters in src/git', async () => {
    assert.ok(
      (await ruleIds("import * as vscode from 'vscode';\nexport const x = vscode;\n", 'src/git/probe.ts')).includes(
        'no-restricted-imports',
      ),
    );
    assert.ok(
      (await ruleIds("import * as vscode from 'vscode';\nexport const x = vscode;\n", 'src/cli/probe.ts')).includes(
        'no-restricted-imports',
      ),
    );
    assert.ok(
      (await ruleIds("import { main } from '../cli/main';\nexport const x = main;\n", 'src/git/probe.ts')).includes(
        'no-restricted-imports',
      ),
    );
  });

  it('allows core imports in core and node + core in git', async () => {
    assert.deepEqual(
      await ruleIds(
        "import { contentHash } from '../hash';\nexport const x = contentHash('a');\n",
        'src/core/attribution/probe.ts',
      ),
      [],
    );
    assert.deepEqual(
      await ruleIds(
        "import * as fs from 'node:fs';\nimport { contentHash } from '../core/hash';\nexport const x = [fs, contentHash];\n",
        'src/git/probe.ts',
      ),
      [],
    );
  });

  it('allows vscode in src/extension', async () => {
    assert.deepEqual(
      await ruleIds("import * as vscode from 'vscode';\nexport const x = vscode;\n", 'src/extension/probe.ts'),
      [],
    );
  });
});
