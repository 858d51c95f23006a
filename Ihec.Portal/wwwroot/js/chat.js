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

  window.ihecChat = {
    // Keeps the newest message in view, unless the reader has scrolled up to read older ones.
    scrollToEnd: log => {
      if (!log) return;
      const nearEnd = log.scrollHeight - log.scrollTop - log.clientHeight < 200 || !log.dataset.scrolled;
      if (nearEnd) log.scrollTop = log.scrollHeight;
      log.dataset.scrolled = '1';
    },
  };
})();
