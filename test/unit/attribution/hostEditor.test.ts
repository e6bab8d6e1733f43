import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectHostEditor } from '../../../src/core/attribution/hostEditor';
import { FORK_ACCEPTS, firstKnownCommand } from '../../../src/core/attribution/forkAccepts';
import { chooseInlineTool, TOOL_EVIDENCE } from '../../../src/core/attribution/inlineTool';

describe('host editor', () => {
  it('tells the editor from its link scheme, with the name it reports', () => {
    assert.deepEqual(detectHostEditor('Cursor', 'cursor'), { id: 'cursor', name: 'Cursor', builtInAi: 'Cursor Tab' });
    assert.deepEqual(detectHostEditor('Windsurf', 'windsurf'), {
      id: 'windsurf',
      name: 'Windsurf',
      builtInAi: 'Windsurf',
    });
    assert.deepEqual(detectHostEditor('Windsurf Next', 'windsurf-next').builtInAi, 'Windsurf');
    assert.deepEqual(detectHostEditor('VSCodium', 'vscodium'), { id: 'vscodium', name: 'VSCodium' });
    assert.deepEqual(detectHostEditor('Visual Studio Code', 'vscode'), { id: 'vscode', name: 'Visual Studio Code' });
    assert.equal(detectHostEditor('Visual Studio Code - Insiders', 'vscode-insiders').id, 'vscode');
    assert.equal(detectHostEditor('Antigravity', 'antigravity').builtInAi, 'Antigravity');
  });

  it('reads code-server by its name (it serves the vscode scheme) and falls back to the name for an unknown scheme', () => {
    assert.equal(detectHostEditor('code-server', 'vscode').id, 'code-server');
    assert.equal(detectHostEditor('Cursor Nightly', 'cursor-nightly').id, 'cursor');
    assert.deepEqual(detectHostEditor('Some Editor', 'some'), { id: 'other', name: 'Some Editor' });
  });

  it('keeps the reported name printable and bounded', () => {
    const host = detectHostEditor('Evil\u001b[31m\nName' + 'x'.repeat(200), 'nope');
    assert.equal(host.id, 'other');
    assert.ok(![...host.name].some((c) => c.charCodeAt(0) < 0x20), 'no control characters');
    assert.ok(host.name.length <= 60);
    assert.equal(detectHostEditor('', '').name, 'unknown editor');
  });
});

describe('inline tool with a host editor AI', () => {
  it("names the editor's built-in AI when no extension provides completions, with that evidence", () => {
    assert.deepEqual(chooseInlineTool([], '', 'Cursor Tab'), {
      tool: 'Cursor Tab',
      evidence: TOOL_EVIDENCE.hostBuiltIn,
    });
    // Windsurf's own extension is listed too: still one provider, the editor's.
    assert.deepEqual(chooseInlineTool(['Windsurf'], '', 'Windsurf'), {
      tool: 'Windsurf',
      evidence: TOOL_EVIDENCE.hostBuiltIn,
    });
  });

  it('leaves the tool unknown with every candidate when an extension provides completions as well', () => {
    assert.deepEqual(chooseInlineTool(['GitHub Copilot'], '', 'Cursor Tab'), {
      tool: 'unknown',
      candidates: ['Cursor Tab', 'GitHub Copilot'],
    });
    assert.deepEqual(chooseInlineTool(['GitHub Copilot'], 'GitHub Copilot', 'Cursor Tab'), {
      tool: 'GitHub Copilot',
      evidence: TOOL_EVIDENCE.userSetting,
    });
  });

  it('is unchanged in an editor without a built-in AI', () => {
    assert.deepEqual(chooseInlineTool(['GitHub Copilot'], ''), {
      tool: 'GitHub Copilot',
      evidence: TOOL_EVIDENCE.onlyProvider,
    });
    assert.deepEqual(chooseInlineTool([], ''), { tool: 'unknown' });
  });
});

describe('fork accept commands', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8'));
  const bindings: { key: string; command: string; when?: string }[] = manifest.contributes.keybindings;
  const palette: { command: string; when?: string }[] = manifest.contributes.menus.commandPalette;

  it('picks the first of the candidate ids the editor knows, or none', () => {
    const known = new Set(['codeium.supercompleteAccept', 'tab']);
    assert.equal(
      firstKnownCommand(['windsurf.prioritized.supercompleteAccept', 'codeium.supercompleteAccept'], known),
      'codeium.supercompleteAccept',
    );
    assert.equal(firstKnownCommand(['editor.action.acceptCursorTabSuggestion'], known), undefined);
  });

  it('binds Tab for each entry only under our capture switch and the fork context key, hidden from the palette', () => {
    for (const entry of FORK_ACCEPTS) {
      const binding = bindings.find((b) => b.command === entry.command);
      assert.ok(binding, `no key binding for ${entry.command}`);
      assert.equal(binding.key, 'tab');
      assert.match(binding.when ?? '', /^aiProvenance\.captureInline && /);
      // A binding that could fire in plain VS Code would steal Tab from indentation: each needs a fork-only key.
      assert.match(binding.when ?? '', /\b(cpp\.shouldAcceptTab|windsurf\.supercompleteShown)\b/);
      if (entry.availableKey) assert.ok(binding.when?.includes(entry.availableKey));
      assert.equal(palette.find((m) => m.command === entry.command)?.when, 'false');
    }
  });
});
