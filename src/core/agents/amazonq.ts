/**
 * Amazon Q Developer CLI (`q chat`; aws/amazon-q-developer-cli docs/hooks.md, docs/agent-format.md, and
 * crates/chat-cli/src/cli/chat/cli/hooks.rs): hooks live in an agent configuration file
 * (`.amazonq/cli-agents/<name>.json`, `~/.aws/amazonq/cli-agents/<name>.json`) as `hooks.preToolUse|postToolUse:
 * [{command, matcher?, timeout_ms?}]` (the matcher is a glob on the tool name). Commands run through `bash -c` (cmd
 * /C on Windows) with `{hook_event_name, cwd, tool_name, tool_input, tool_response?}` on stdin — the format Kiro CLI,
 * its successor, kept. Tools: `fs_write {command, path, file_text, old_str, new_str}`, `execute_bash {command}`.
 * Exit 0 lets the tool run; only exit 2 blocks. No session, tool use id or model.
 */
import type { HookPayload, HookPhase } from './types';
import { KIRO_EVENTS, KIRO_TOOLS } from './kiro';
import type { JsonObject } from './payloadFields';
import { parseSnakeCaseToolEvent } from './snakeCasePayload';

export function parseAmazonQPayload(obj: JsonObject, phaseHint?: HookPhase): HookPayload {
  return parseSnakeCaseToolEvent('amazonq', obj, KIRO_EVENTS, KIRO_TOOLS, phaseHint);
}
