/** Every command the extension contributes; package.json `contributes.commands` lists the same ids. */
export const enum CommandId {
  MarkSelection = 'aiProvenance.markSelection',
  ClearSelection = 'aiProvenance.clearSelection',
  ToggleAnnotations = 'aiProvenance.toggleAnnotations',
  ShowFileProvenance = 'aiProvenance.showFileProvenance',
  ToggleBlame = 'aiProvenance.toggleBlame',
  ReviewShow = 'aiProvenance.review.show',
  ReviewChooseTarget = 'aiProvenance.review.chooseTarget',
  ReviewRefresh = 'aiProvenance.review.refresh',
  ReviewMarkHunkReviewed = 'aiProvenance.review.markHunkReviewed',
  ReviewNextUnreviewedHunk = 'aiProvenance.review.nextUnreviewedHunk',
  ReviewOpenChecklist = 'aiProvenance.review.openChecklist',
  ReviewSignOff = 'aiProvenance.review.signOff',
  Doctor = 'aiProvenance.doctor',
}
