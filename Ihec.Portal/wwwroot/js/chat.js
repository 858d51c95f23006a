// The chat composer: Enter sends (the form's submit), Shift+Enter starts a new line; nothing happens while an input
// method is composing (Arabic and Kurdish keyboards on phones). Delegated from the document, so it works on pages
// swapped in by enhanced navigation.
(() => {
  document.addEventListener('keydown', e => {
    const box = e.target;
    if (!(box instanceof HTMLTextAreaElement) || !box.hasAttribute('data-chat-composer')) return;
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    if (!box.readOnly && box.form) box.form.requestSubmit();
  });

  // What is typed in a composer is copied to this tab's sessionStorage (as the violation form's draft is, see
  // violation-draft.js), under the composer's data-chat-draft key (per user, conversation and box), so it survives a
  // lost circuit or a restarted portal: the page reloads and the composer puts it back. The composer removes the copy
  // once the message is stored; sessionStorage ends with the tab. Beside the text (key + ':id'), the client id of the
  // message's first send attempt, so that sending a restored message that was stored after all does not store it twice.
  const storeDraft = (key, value) => {
    try {
      if (value) sessionStorage.setItem(key, value);
      else sessionStorage.removeItem(key);
    } catch { /* storage full or off: the box still works */ }
  };
  document.addEventListener('input', e => {
    const box = e.target;
    if (box instanceof HTMLTextAreaElement && box.dataset.chatDraft) storeDraft(box.dataset.chatDraft, box.value);
  });

  // Keyboard focus in a live region of the page (data-keep-focus, the queue's table): remembered by id, so a refresh
  // that replaced or moved the focused element can put it back (restoreFocus). A pointer press elsewhere forgets it.
  let kept = null;
  document.addEventListener('focusin', e => {
    const container = e.target instanceof Element && e.target.closest('[data-keep-focus]');
    kept = container && e.target.id ? { container: container.id, id: e.target.id } : null;
  });
  document.addEventListener('pointerdown', e => {
    if (!(e.target instanceof Element && e.target.closest('[data-keep-focus]'))) kept = null;
  });

  window.ihecChat = {
    draft: key => {
      try { return { text: sessionStorage.getItem(key) || '', id: sessionStorage.getItem(key + ':id') || '' }; } catch { return null; }
    },
    saveDraft: storeDraft,
    saveDraftId: (key, id) => storeDraft(key + ':id', id),
    clearDraft: key => {
      storeDraft(key, '');
      storeDraft(key + ':id', '');
    },
    restoreFocus: containerId => {
      if (!kept || kept.container !== containerId) return;
      const active = document.activeElement;
      if (active && active !== document.body && active.isConnected) return;
      const element = document.getElementById(kept.id);
      if (element && element.closest('#' + CSS.escape(containerId))) element.focus({ preventScroll: true });
    },
    // Keeps the newest message in view, unless the reader has scrolled up to read older ones.
    scrollToEnd: log => {
      if (!log) return;
      const nearEnd = log.scrollHeight - log.scrollTop - log.clientHeight < 200 || !log.dataset.scrolled;
      if (nearEnd) log.scrollTop = log.scrollHeight;
      log.dataset.scrolled = '1';
    },
  };
})();
