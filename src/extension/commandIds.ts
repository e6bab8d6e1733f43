/** Every command the extension contributes; package.json `contributes.commands` lists the same ids. */
export const enum CommandId {
  MarkSelection = 'aiProvenance.markSelection',
  ClearSelection = 'aiProvenance.clearSelection',
  ToggleAnnotations = 'aiProvenance.toggleAnnotations',
  ShowFileProvenance = 'aiProvenance.showFileProvenance',
}
