// Autosave for report drafts, on top of the plain "Save draft" button: a few seconds after the writer stops typing, the
// draft form is posted (with its antiforgery token) to the address in its data-autosave attribute; the server answers
// with a localised message for the form's status line. A report not saved yet is created by its first autosave: the
// answer then gives the new draft's autosave and edit addresses, and the form (and the address bar) switch to them,
// so the Save button and later autosaves change that draft. Without script, the button does the same.
(() => {
  const wire = () => {
    for (const form of document.querySelectorAll("form[data-autosave]")) {
      if (form.dataset.autosaveWired) continue;
      form.dataset.autosaveWired = "1";
      const status = document.getElementById(form.dataset.autosaveStatus);
      let timer = null;
      let dirty = false;
      let busy = false;
      const save = async () => {
        if (!dirty || busy) return;
        busy = true;
        dirty = false;
        try {
          const response = await fetch(form.dataset.autosave, { method: "POST", body: new FormData(form), credentials: "same-origin" });
          const answer = await response.json().catch(() => null);
          if (!response.ok) dirty = true;
          // A saved draft answers { message }; a refusal is a problem (application/problem+json) whose detail is the message.
          const message = answer && (response.ok ? answer.message : answer.detail);
          if (status && typeof message === "string") status.textContent = message;
          if (response.ok && answer && typeof answer.autosave === "string" && typeof answer.edit === "string") {
            form.dataset.autosave = answer.autosave;
            form.setAttribute("action", answer.edit + location.search);
            history.replaceState(history.state, "", answer.edit + location.search);
          }
        } catch {
          dirty = true;
        } finally {
          busy = false;
        }
      };
      const changed = () => {
        dirty = true;
        clearTimeout(timer);
        timer = setTimeout(save, 3000);
      };
      form.addEventListener("input", changed);
      form.addEventListener("change", changed);
      form.addEventListener("submit", () => clearTimeout(timer));
    }
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wire);
  else wire();
  // Blazor's enhanced navigation replaces the page without loading scripts again.
  if (window.Blazor && window.Blazor.addEventListener) window.Blazor.addEventListener("enhancedload", wire);
})();
