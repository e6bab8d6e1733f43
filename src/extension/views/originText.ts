/** Human-readable text for origins, shared by hovers, the status bar and quick picks. Never trusted markdown. */
import type { Origin, OriginKind } from '../../core/attribution';

const KIND_LABEL: Record<OriginKind, string> = {
  inline: 'inline completion',
  'inline-partial': 'partially accepted completion',
  'next-edit': 'next edit suggestion',
  chat: 'chat edit',
  agent: 'agent edit',
  'paste-ai': 'paste marked as AI',
  manual: 'marked as AI by hand',
};

export function kindLabel(kind: OriginKind): string {
  return KIND_LABEL[kind];
}

/** Strips control characters and bounds the length: origins can come from hook payloads and other clones. */
export function clean(text: string, max = 120): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function toolLabel(origin: Origin): string {
  if (origin.tool !== 'unknown')
    return origin.evidence ? `${clean(origin.tool)} (${clean(origin.evidence, 40)})` : clean(origin.tool);
  if (origin.candidates?.length) return `unknown (installed: ${origin.candidates.map((c) => clean(c, 40)).join(', ')})`;
  return 'unknown';
}

export function originSummary(origin: Origin): string {
  const parts = [kindLabel(origin.kind), toolLabel(origin)];
  if (origin.model) parts.push(clean(origin.model));
  return parts.join(' · ');
}
