/** The extension activates in a git repository, contributes its commands and exposes its API. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { EXTENSION_ID, api } from '../helpers';

describe('activation', () => {
  it('activates in a git repository and registers its commands', async () => {
    const a = await api();
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
    assert.ok(a.activationMs >= 0);
    // `npm run bench` reads the activation time measured inside the real host.
    if (process.env.AIP_BENCH_OUT) fs.writeFileSync(process.env.AIP_BENCH_OUT, JSON.stringify({ activationMs: a.activationMs }));
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['aiProvenance.markSelection', 'aiProvenance.clearSelection', 'aiProvenance.toggleAnnotations']) {
      assert.ok(commands.includes(id), `${id} is registered`);
    }
  });
});
