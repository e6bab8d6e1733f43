/**
 * An LLM agent run outside GitHub Actions (a Cloud Run or Kubernetes job, a deploy spec) handed a credential that
 * can push to GitHub: what the agent reads decides what it pushes, and issue text is anyone's to write. Read from
 * the spec's added lines and, for the agent, from the same change (a model setting in the spec, an agent SDK in its
 * requirements).
 */
import type { Change, ChangeFile } from '../model/change';
import { FindingSink, RuleMeta } from './rule';

/** A secret-backed env entry (`valueFrom`/`secretKeyRef`, `secretRef`) named like a GitHub write credential. */
const SECRET_REF = /\b(?:secretKeyRef|secretRef|valueFrom|secret_env|secretEnv)\b/;
const GIT_CREDENTIAL = /['"]?\b((?:GIT|GITHUB|GH)_?\w*(?:TOKEN|KEY|PAT)|\w*PUSH_?(?:KEY|TOKEN)\w*)\b['"]?/;
/** A model setting naming an LLM. */
const MODEL =
  /\b(?:MODEL(?:_NAME|_ID)?|model)['"]?\s*:\s*['"]?(?:gemini|claude|gpt-|o\d\b|codex|llama|mistral|deepseek|qwen)/i;
/** Agent SDKs and CLIs in a requirements or package file of the change. */
const AGENT_SDK =
  /^\s*['"]?(?:google-antigravity|claude-agent-sdk|claude-code-sdk|@anthropic-ai\/claude-(?:agent|code)[\w-]*|openai-agents|@openai\/codex[\w-]*|@google\/gemini-cli[\w-]*|aider-chat|crewai|autogen[\w-]*)\b/i;
/** Issue or PR content feeding the job: what an outsider writes. */
const ISSUE_TEXT = /\bissue[_-]?(?:number|body|title|text)\b|\bgithub\.event\.issue\b|\/issues\/|\bissue_comment\b/i;

export function agentJobWithPushKey(sink: FindingSink, meta: RuleMeta, change: Change, file: ChangeFile): void {
  if (file.cls.ci || !/\.ya?ml$/i.test(file.path) || !file.added.some((l) => SECRET_REF.test(l.text))) return;
  const cred = file.added.find((l, i) => {
    if (!GIT_CREDENTIAL.test(l.text)) return false;
    // The credential's name beside a secret reference (the env name above it, or the secret's own name below).
    const near = file.added.slice(Math.max(0, i - 4), i + 5);
    return near.some((n) => SECRET_REF.test(n.text));
  });
  if (!cred) return;
  const model = file.added.find((l) => MODEL.test(l.text));
  const sdk = change.files
    .flatMap((f) => (f.cls.manifest || /requirements[^/]*\.txt$/i.test(f.path) ? f.added : []))
    .find((l) => AGENT_SDK.test(l.text));
  const agent = model ?? sdk;
  if (!agent) return;
  const issue = change.files.flatMap((f) => f.added).find((l) => ISSUE_TEXT.test(l.text));
  const name = GIT_CREDENTIAL.exec(cred.text)![1];
  sink.add(
    meta,
    file,
    { side: 'new', start: cred.line, end: cred.line },
    issue ? 'high' : 'medium',
    `an LLM agent job (${agent.text.trim().slice(0, 50)}) is handed a GitHub push credential (${name})${issue ? `, and issue content feeds it (${issue.text.trim().slice(0, 60)})` : ''}`,
  );
}
