/**
 * Claude Code and Codex send the same snake_case tool-event shape (`session_id`, `hook_event_name`, `tool_name`,
 * `tool_input`, `tool_use_id`, `transcript_path`, `cwd`, and `model` where the agent provides it); only their event
 * names and tool names differ.
 */
import type { AgentId, HookPayload, HookPhase } from './types';
import { assemble, type ToolTable } from './assemble';
import {
  idField,
  own,
  pathField,
  resolvePhase,
  toolInputObject,
  type JsonObject,
  type PhaseEvents,
} from './payloadFields';

export function parseSnakeCaseToolEvent(
  agent: AgentId,
  obj: JsonObject,
  events: PhaseEvents,
  tools: ToolTable,
  phaseHint?: HookPhase,
): HookPayload {
  const event = idField(obj, 'hook_event_name');
  return assemble(
    {
      agent,
      phase: resolvePhase(agent, event, events, phaseHint),
      event,
      sessionId: idField(obj, 'session_id'),
      model: idField(obj, 'model'),
      cwd: pathField(obj, 'cwd'),
      toolName: idField(obj, 'tool_name'),
      toolUseId: idField(obj, 'tool_use_id'),
      transcriptPath: pathField(obj, 'transcript_path'),
      input: toolInputObject(own(obj, 'tool_input')),
    },
    tools,
  );
}
