/**
 * Trailers written by the real hooks: every preset and where it is configured, and every message form git hands
 * prepare-commit-msg / commit-msg (-m, -F, templates, the editor, --amend, merge and squash messages, comment
 * characters, no final newline, no AI lines). Never a Signed-off-by.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WorkingStateStore } from '../../../src/git/stateStore';
import { makeTempDir } from '../helpers/tempRepo';
import { COPILOT, createHookedRepo, type HookRepo } from './helpers/hookRepo';

const CLAUDE_KERNEL = 'Assisted-by: Claude:claude-opus-4-5';
const SUMMARY_ALL = 'AI-Assisted: 100% of added lines (2/2; agent 2)';

/** An editor that writes `text` above whatever git put in the file. */
function prependingEditor(text: string): string {
  const file = path.join(makeTempDir('aiprov-editor-'), 'editor.sh');
  fs.writeFileSync(
    file,
    `#!/bin/sh\n{ printf '%s' '${text.replace(/'/g, `'\\''`)}'; cat "$1"; } > "$1.new" && mv "$1.new" "$1"\n`,
    { mode: 0o755 },
  );
  return file;
}

describe('commit: trailers through the real hooks', function () {
  this.timeout(60_000);
  let repo: HookRepo;
  let n = 0;
  /** A new file with two AI lines, staged. */
  const stageAi = (origin = undefined as typeof COPILOT | undefined) => {
    const file = `ai${++n}.js`;
    repo.writeAi(file, `ai_${n}_a();\nai_${n}_b();\n`, [1, 2], origin);
    repo.run(['add', file]);
    return file;
  };

  beforeEach(async () => {
    repo = await createHookedRepo();
  });
  afterEach(() => repo.cleanup());

  it('default preset (kernel + summary) with -m, and the note lists the lines', () => {
    const file = stageAi();
    repo.run(['commit', '-q', '-m', 'Add helpers']);
    assert.equal(repo.message(), `Add helpers\n\n${CLAUDE_KERNEL}\n${SUMMARY_ALL}`);
    assert.deepEqual([...repo.noteLines()], [[file, [1, 2]]]);
  });

  it('presets from git config: kernel, co-authored-by, summary, none', () => {
    const expected: Array<[string, string]> = [
      ['kernel', `k\n\n${CLAUDE_KERNEL}`],
      ['co-authored-by', 'c\n\nCo-authored-by: Claude Opus 4.5 <noreply@anthropic.com>'],
      ['summary', `s\n\n${SUMMARY_ALL}`],
      ['none', 'x'],
      ['co-authored-by,kernel', `ck\n\nCo-authored-by: Claude Opus 4.5 <noreply@anthropic.com>\n${CLAUDE_KERNEL}`],
    ];
    for (const [preset, message] of expected) {
      repo.run(['config', 'aiProvenance.trailers', preset]);
      stageAi();
      repo.run(['commit', '-q', '-m', message.split('\n')[0]]);
      assert.equal(repo.message(), message, preset);
      assert.equal(repo.records().length, 1, `${preset}: the note is written whatever the trailers`);
    }
  });

  it('a committed .ai-provenance.json chooses the presets; git config overrides it', () => {
    repo.write('.ai-provenance.json', '{ "trailers": ["co-authored-by"] }\n');
    repo.commitAll('config');
    stageAi(COPILOT);
    repo.run(['commit', '-q', '-m', 'from project']);
    assert.equal(
      repo.message(),
      'from project\n\nCo-authored-by: Copilot <223556219+Copilot@users.noreply.github.com>',
    );
    repo.run(['config', 'aiProvenance.trailers', 'summary']);
    stageAi(COPILOT);
    repo.run(['commit', '-q', '-m', 'from git config']);
    assert.equal(repo.message(), 'from git config\n\nAI-Assisted: 100% of added lines (2/2; inline 2)');
  });

  it('-F with a body and no final newline', () => {
    stageAi();
    const file = path.join(makeTempDir('aiprov-msg-'), 'msg');
    fs.writeFileSync(file, 'Subject\n\nBody line one.\nBody line two.');
    repo.run(['commit', '-q', '-F', file]);
    assert.equal(repo.message(), `Subject\n\nBody line one.\nBody line two.\n\n${CLAUDE_KERNEL}\n${SUMMARY_ALL}`);
  });

  it("an existing trailer block is extended, a person's own Assisted-by kept", () => {
    stageAi();
    repo.run(['commit', '-q', '-m', 'Subject\n\nAssisted-by: GPT-4\nReviewed-by: A Person <a@example.invalid>']);
    assert.equal(
      repo.message(),
      `Subject\n\nAssisted-by: GPT-4\nReviewed-by: A Person <a@example.invalid>\n${CLAUDE_KERNEL}\n${SUMMARY_ALL}`,
    );
  });

  it('the editor: trailers are added after the user wrote the message (commit-msg)', () => {
    stageAi();
    repo.run(['commit', '-q'], { GIT_EDITOR: prependingEditor('Written in the editor\n') });
    assert.equal(repo.message(), `Written in the editor\n\n${CLAUDE_KERNEL}\n${SUMMARY_ALL}`);
  });

  it('the editor left empty: git still aborts, nothing is committed', () => {
    stageAi();
    const head = repo.run(['rev-parse', 'HEAD']);
    const result = repo.tryRun(['commit', '-q'], { GIT_EDITOR: 'true' });
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /empty commit message/);
    assert.equal(repo.run(['rev-parse', 'HEAD']), head);
  });

  it('a template: untouched still aborts; edited gets trailers', () => {
    const template = path.join(makeTempDir('aiprov-tpl-'), 'template');
    fs.writeFileSync(template, 'Describe the change.\n\n# Lines starting with # are removed.\n');
    stageAi();
    const head = repo.run(['rev-parse', 'HEAD']);
    const untouched = repo.tryRun(['commit', '-q', '-t', template], { GIT_EDITOR: 'true' });
    assert.notEqual(untouched.status, 0);
    assert.match(untouched.stderr, /did not edit/);
    assert.equal(repo.run(['rev-parse', 'HEAD']), head);
    repo.run(['commit', '-q', '-t', template], { GIT_EDITOR: prependingEditor('Templated subject\n\n') });
    assert.equal(repo.message(), `Templated subject\n\nDescribe the change.\n\n${CLAUDE_KERNEL}\n${SUMMARY_ALL}`);
  });

  it('--amend --no-edit: no duplicate trailers, the summary follows the amended content', () => {
    const file = stageAi();
    repo.run(['commit', '-q', '-m', 'First']);
    repo.write('human.txt', 'by hand\nmore\n');
    repo.run(['add', 'human.txt']);
    repo.run(['commit', '-q', '--amend', '--no-edit']);
    assert.equal(repo.message(), `First\n\n${CLAUDE_KERNEL}\nAI-Assisted: 50% of added lines (2/4; agent 2)`);
    assert.deepEqual([...repo.noteLines()], [[file, [1, 2]]]);
  });

  it('core.commentChar (custom and auto) with the editor', () => {
    repo.run(['config', 'core.commentChar', ';']);
    stageAi();
    repo.run(['commit', '-q'], { GIT_EDITOR: prependingEditor('Semicolon comments\n') });
    assert.equal(repo.message(), `Semicolon comments\n\n${CLAUDE_KERNEL}\n${SUMMARY_ALL}`);
    repo.run(['config', 'core.commentChar', 'auto']);
    stageAi();
    const file = path.join(makeTempDir('aiprov-msg-'), 'msg');
    fs.writeFileSync(file, '#42 starts with a hash\n');
    repo.run(['commit', '-q', '-e', '-F', file], { GIT_EDITOR: 'true' });
    assert.equal(repo.message(), `#42 starts with a hash\n\n${CLAUDE_KERNEL}\n${SUMMARY_ALL}`);
  });

  it('merge message: only lines in neither parent count; a clean merge gets no trailer', () => {
    repo.write('m.js', 'base();\n');
    repo.commitAll('base m');
    repo.run(['checkout', '-q', '-b', 'side']);
    repo.write('m.js', 'side();\n');
    repo.commitAll('side');
    repo.run(['checkout', '-q', 'main']);
    repo.write('m.js', 'main();\n');
    repo.commitAll('main');
    assert.notEqual(repo.tryRun(['merge', '-q', 'side']).status, 0);
    repo.writeAi('m.js', 'main();\nside();\nresolved_by_ai();\n', [3]);
    repo.run(['add', 'm.js']);
    repo.run(['commit', '-q', '--no-edit']);
    assert.match(repo.message(), /^Merge branch 'side'/);
    // No editor ran, so git keeps the `# Conflicts:` lines as message text: the trailers go after them.
    assert.match(
      repo.message(),
      /\n# Conflicts:\n#\tm\.js\n\nAssisted-by: Claude:claude-opus-4-5\nAI-Assisted: 100% of added lines \(1\/1; agent 1\)$/,
    );
    repo.run(['checkout', '-q', '-b', 'other']);
    repo.write('o.txt', 'o\n');
    repo.commitAll('other');
    repo.run(['checkout', '-q', 'main']);
    repo.run(['merge', '-q', '--no-ff', '--no-edit', 'other']);
    assert.equal(repo.message(), "Merge branch 'other'");
  });

  it('squash message (merge --squash, editor keeps SQUASH_MSG)', () => {
    repo.run(['checkout', '-q', '-b', 'feature']);
    stageAi();
    repo.run(['commit', '-q', '-m', 'feature work']);
    repo.run(['checkout', '-q', 'main']);
    repo.run(['merge', '-q', '--squash', 'feature']);
    repo.run(['commit', '-q'], { GIT_EDITOR: 'true' });
    const message = repo.message();
    assert.match(message, /^Squashed commit of the following:/);
    assert.match(
      message,
      /\n\nAssisted-by: Claude:claude-opus-4-5\nAI-Assisted: 100% of added lines \(2\/2; agent 2\)$/,
    );
    assert.equal(
      message.match(/^AI-Assisted:/gm)?.length,
      1,
      "the squashed message's own trailers are indented, ours appear once",
    );
  });

  it('part of a file staged: the committed AI line leaves the record, the unstaged one stays, marked settled', async () => {
    repo.write('r.js', 'base();\n');
    repo.commitAll('tracked');
    repo.writeAi('r.js', 'base();\nr2();\nr3();\n', [2, 3]);
    const blob = repo.run(['hash-object', '-w', '--stdin'], undefined, 'base();\nr2();\n').trim();
    repo.run(['update-index', '--cacheinfo', `100644,${blob},r.js`]);
    repo.run(['commit', '-q', '-m', 'r2 only']);
    assert.deepEqual([...repo.noteLines()], [['r.js', [2]]]);
    const record = await WorkingStateStore.at(path.join(repo.root, '.git', 'ai-provenance')).read('r.js');
    assert.equal(record?.settled, true, 'an editor holding this text replaces its spans with these');
    const text = fs.readFileSync(path.join(repo.root, 'r.js'), 'utf8');
    assert.deepEqual(
      record?.spans.map(([s, e]) => text.slice(s, e)),
      ['r3();'],
    );
  });

  it('a partial commit (`git commit <path>`) and `commit -a` use the index git commits; unstaged AI stays in the working state', () => {
    repo.write('p.js', 'base();\n');
    repo.write('q.js', 'base();\n');
    repo.commitAll('tracked');
    repo.writeAi('p.js', 'base();\np();\n', [2]);
    repo.writeAi('q.js', 'base();\nq();\n', [2]);
    repo.run(['add', 'q.js']);
    repo.run(['commit', '-q', '-m', 'only p', 'p.js']);
    assert.deepEqual([...repo.noteLines()], [['p.js', [2]]]);
    assert.ok(
      fs.readdirSync(path.join(repo.root, '.git', 'ai-provenance', 'files')).length === 1,
      'q.js keeps its record',
    );
    repo.run(['commit', '-q', '-a', '-m', 'the rest']);
    assert.deepEqual([...repo.noteLines()], [['q.js', [2]]]);
    assert.match(repo.message(), /^AI-Assisted: 100% of added lines \(1\/1; agent 1\)$/m);
    assert.deepEqual(fs.readdirSync(path.join(repo.root, '.git', 'ai-provenance', 'files')), []);
  });

  it('no AI lines: no trailer and no note', () => {
    repo.write('plain.txt', 'human\n');
    repo.run(['add', 'plain.txt']);
    repo.run(['commit', '-q', '-m', 'Plain']);
    assert.equal(repo.message(), 'Plain');
    assert.deepEqual(repo.records(), []);
  });

  it('never Signed-off-by, even when trailer config would add one', () => {
    repo.run(['config', 'trailer.sign.key', 'Signed-off-by']);
    repo.run(['config', 'trailer.sign.command', 'echo "AI <ai@example.invalid>"']);
    stageAi();
    repo.run(['commit', '-q', '-m', 'Configured']);
    assert.doesNotMatch(repo.message(), /Signed-off-by/);
    assert.equal(repo.message(), 'Configured', 'the message is left exactly as written rather than gaining a sign-off');
    assert.equal(repo.records().length, 1);
  });
});
