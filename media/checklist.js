// The AI Review checklist page. Receives the whole state from the host (src/extension/review/checklistView.ts) and
// renders it with DOM calls and textContent only: every string is data, never markup. Speaks first with `ready`.
// @ts-check
(function () {
  'use strict';
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const root = /** @type {HTMLElement} */ (document.getElementById('root'));
  const NOTE_DELAY_MS = 400;
  /** @type {Map<string, ReturnType<typeof setTimeout>>} */
  const noteTimers = new Map();
  /** Notes as typed on this page: a state message arriving mid-typing must not put back an older text. */
  /** @type {Map<string, string>} */
  const typedNotes = new Map();
  const saved = vscode.getState() || {};
  let foldedOpen = Boolean(saved.foldedOpen);
  let reasonsOpen = saved.reasonsOpen !== false;
  /** Findings whose "show all" list is open, kept across re-renders. */
  /** @type {Set<number>} */
  const openPlaces = new Set();

  /**
   * @param {string} tag
   * @param {string} [className]
   * @param {string} [text]
   */
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function remember() {
    vscode.setState({ foldedOpen, reasonsOpen });
  }

  /** The focused control's key and caret, so a re-render does not steal the keyboard. */
  function focusKey() {
    const active = /** @type {HTMLElement | null} */ (document.activeElement);
    if (!active || !active.dataset || !active.dataset.focusKey) return undefined;
    const input = /** @type {HTMLTextAreaElement} */ (active);
    return { key: active.dataset.focusKey, start: input.selectionStart, end: input.selectionEnd };
  }

  function restoreFocus(focus) {
    if (!focus) return;
    const node = /** @type {HTMLTextAreaElement | null} */ (
      root.querySelector(`[data-focus-key="${CSS.escape(focus.key)}"]`)
    );
    if (!node) return;
    node.focus();
    if (typeof focus.start === 'number' && typeof node.setSelectionRange === 'function' && node.tagName === 'TEXTAREA')
      node.setSelectionRange(focus.start, focus.end);
  }

  function severityBadge(severity) {
    if (!severity) return undefined;
    return el('span', `badge severity severity-${severity}`, severity);
  }

  function renderFinding(finding) {
    const li = el('li', finding.inAi ? 'finding in-ai' : 'finding');
    li.dataset.findingId = String(finding.id);
    const head = el('div', 'finding-head');
    head.append(el('span', 'finding-title', finding.title));
    if (finding.inAi) head.append(el('span', 'badge ai', 'AI lines'));
    const sev = severityBadge(finding.severity);
    if (sev) head.append(sev);
    li.append(head);
    li.append(el('p', 'finding-why', finding.why));
    if (finding.revealable) {
      const where = el('button', 'finding-where link', finding.where);
      where.setAttribute('type', 'button');
      where.setAttribute('title', 'Show these lines in the diff');
      where.dataset.focusKey = `where:${finding.id}`;
      where.addEventListener('click', () => vscode.postMessage({ type: 'reveal', findingId: finding.id }));
      li.append(where);
    } else {
      li.append(el('span', 'finding-where', finding.where));
    }
    if (finding.count > 1) {
      // One rule in one file is one finding: its count, the first place above, every place on demand.
      head.append(el('span', 'badge finding-count', `${finding.count} places`));
      const all = /** @type {HTMLDetailsElement} */ (el('details', 'finding-places'));
      all.open = openPlaces.has(finding.id);
      all.append(el('summary', undefined, `Show all ${finding.count} places`));
      const list = el('ol', 'place-list');
      finding.places.forEach((/** @type {string} */ place, /** @type {number} */ i) => {
        const item = el('li', 'place');
        const go = el('button', 'place-where link', place);
        go.setAttribute('type', 'button');
        go.dataset.focusKey = `place:${finding.id}:${i}`;
        go.dataset.place = String(i);
        go.addEventListener('click', () => vscode.postMessage({ type: 'reveal', findingId: finding.id, place: i }));
        item.append(go);
        list.append(item);
      });
      if (finding.places.length < finding.count)
        list.append(el('li', 'place more', `and ${finding.count - finding.places.length} more`));
      all.append(list);
      all.addEventListener('toggle', () => {
        if (all.open) openPlaces.add(finding.id);
        else openPlaces.delete(finding.id);
      });
      li.append(all);
    }
    return li;
  }

  function renderItem(item, noteMax, folded) {
    const li = el('li', `item${item.inAi ? ' in-ai' : ''}${item.checked ? ' checked' : ''}`);
    li.dataset.itemId = item.id;
    const head = el('div', 'item-head');
    const box = /** @type {HTMLInputElement} */ (el('input', 'item-check'));
    box.type = 'checkbox';
    box.checked = item.checked;
    box.id = `check-${item.id}`;
    box.dataset.focusKey = `check:${item.id}`;
    box.addEventListener('change', () => vscode.postMessage({ type: 'toggle', itemId: item.id, checked: box.checked }));
    const label = /** @type {HTMLLabelElement} */ (el('label', 'item-title', item.title));
    label.htmlFor = box.id;
    const title = el('span', 'item-title-row');
    title.append(label);
    if (item.inAi) title.append(el('span', 'badge ai', 'AI'));
    const sev = severityBadge(item.severity);
    if (sev) title.append(sev);
    head.append(box, title);
    li.append(head);
    if (item.findings.length > 0) {
      const list = el('ul', 'findings');
      for (const finding of item.findings) list.append(renderFinding(finding));
      li.append(list);
    }
    const todo = el('p', 'item-todo');
    todo.append(el('span', 'todo-label', 'What to do: '), document.createTextNode(item.whatToDo));
    li.append(todo);
    if (!folded) {
      const note = /** @type {HTMLTextAreaElement} */ (el('textarea', 'item-note'));
      note.value = typedNotes.has(item.id) ? /** @type {string} */ (typedNotes.get(item.id)) : item.note;
      note.maxLength = noteMax;
      note.rows = 2;
      note.placeholder = 'Note (only you see it)';
      note.setAttribute('aria-label', `Note for: ${item.title}`);
      note.dataset.focusKey = `note:${item.id}`;
      note.addEventListener('input', () => {
        typedNotes.set(item.id, note.value);
        const pending = noteTimers.get(item.id);
        if (pending) clearTimeout(pending);
        noteTimers.set(
          item.id,
          setTimeout(() => vscode.postMessage({ type: 'note', itemId: item.id, text: note.value }), NOTE_DELAY_MS),
        );
      });
      li.append(note);
    }
    return li;
  }

  function renderState(state) {
    const focus = focusKey();
    const frag = document.createDocumentFragment();
    const header = el('header', 'summary');
    const tier = el('div', `tier tier-${state.tier}`);
    tier.append(el('span', 'tier-name', `Tier ${state.tier}`), el('span', 'tier-need', state.signOff));
    header.append(el('p', 'label', state.label), tier);
    if (state.header) {
      // Size and AI share head the checklist: they describe the change, they are not findings.
      const size = el('p', 'change-size', state.header.size);
      size.title = state.header.analysis;
      header.append(size);
    }
    const reasons = /** @type {HTMLDetailsElement} */ (el('details', 'reasons'));
    reasons.open = reasonsOpen;
    reasons.append(el('summary', undefined, `Why ${state.tier} (${state.reasons.length})`));
    const reasonList = el('ul', 'reason-list');
    for (const reason of state.reasons) reasonList.append(el('li', 'reason', reason));
    reasons.append(reasonList);
    reasons.addEventListener('toggle', () => {
      reasonsOpen = reasons.open;
      remember();
    });
    header.append(reasons);
    const { reviewed, total } = state.progress;
    header.append(
      el('p', 'progress', total === 0 ? 'No AI hunks in this change' : `${reviewed} of ${total} AI hunks reviewed`),
    );
    frag.append(header);

    const checked = state.triggered.filter((i) => i.checked).length;
    frag.append(el('h2', 'section-title', `Checklist: ${checked} of ${state.triggered.length} checked`));
    const items = el('ol', 'items');
    for (const item of state.triggered) items.append(renderItem(item, state.noteMax, false));
    if (state.triggered.length === 0) frag.append(el('p', 'empty', 'No signal triggered an item for this change.'));
    else frag.append(items);

    if (state.folded.length > 0) {
      const details = /** @type {HTMLDetailsElement} */ (el('details', 'folded'));
      details.open = foldedOpen;
      details.append(el('summary', undefined, `${state.folded.length} more checks nothing triggered`));
      const list = el('ol', 'items folded-items');
      for (const item of state.folded) list.append(renderItem(item, state.noteMax, true));
      details.append(list);
      details.addEventListener('toggle', () => {
        foldedOpen = details.open;
        remember();
      });
      frag.append(details);
    }

    const footer = el('footer', 'actions');
    const next = el('button', 'next-hunk secondary', 'Next unreviewed AI hunk');
    next.setAttribute('type', 'button');
    next.dataset.focusKey = 'next';
    next.addEventListener('click', () => vscode.postMessage({ type: 'nextHunk' }));
    const sign = /** @type {HTMLButtonElement} */ (el('button', 'sign-off', 'Sign off…'));
    sign.setAttribute('type', 'button');
    sign.dataset.focusKey = 'sign';
    if (state.signOffBlocked) {
      sign.disabled = true;
      sign.title = state.signOffBlocked;
    }
    sign.addEventListener('click', () => vscode.postMessage({ type: 'signOff' }));
    footer.append(next, sign);
    if (state.reviewer) footer.append(el('p', 'reviewer', `Reviewing as ${state.reviewer}`));
    else footer.append(el('p', 'reviewer warning', 'Set git user.name and user.email to record your review.'));
    frag.append(footer);

    root.replaceChildren(frag);
    restoreFocus(focus);
  }

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || typeof message !== 'object') return;
    if (message.type === 'state' && message.state) renderState(message.state);
    else if (message.type === 'status' && typeof message.text === 'string')
      root.replaceChildren(el('p', 'status', message.text));
  });

  vscode.postMessage({ type: 'ready' });
})();
