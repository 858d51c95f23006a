// Keeps what was typed in the violation form if the connection drops while it is sent. The form is a plain post: when
// the network fails, the browser shows its own error page and the post is lost. While the member types, the named fields
// (not the files, not the antiforgery token) are copied to this tab's sessionStorage; when the form is opened again
// empty in the same tab, they are put back, with the same submission key, so a post that did reach the server before the
// connection dropped is not filed twice. The copy is removed when the report is filed (the confirmation page carries
// data-draft-clear), and sessionStorage ends with the tab: nothing stays on a shared or seized phone after it is closed.
(() => {
  const skipped = new Set(["_handler", "__RequestVerificationToken"]);
  const read = (key) => {
    try { return JSON.parse(sessionStorage.getItem(key) || "null"); } catch { return null; }
  };
  const wire = () => {
    for (const marker of document.querySelectorAll("[data-draft-clear]")) {
      try { sessionStorage.removeItem(marker.dataset.draftClear); } catch { /* storage unavailable */ }
    }
    for (const form of document.querySelectorAll("form[data-draft]")) {
      if (form.dataset.draftWired) continue;
      form.dataset.draftWired = "1";
      const key = form.dataset.draft;
      // Files and their kept references are not copied: the member chooses them again, as the restored notice says.
      const fields = () => Array.from(form.elements).filter((e) => e.name && !skipped.has(e.name) && !e.name.endsWith(".KeptEvidence")
        && e.type !== "file" && e.type !== "submit" && e.type !== "button");
      const save = () => {
        const values = {};
        for (const e of fields()) values[e.name] = e.type === "checkbox" ? e.checked : e.value;
        try { sessionStorage.setItem(key, JSON.stringify(values)); } catch { /* storage full or off: the server-side form still works */ }
      };
      // Restored only into a form opened empty, never into one the server sent back (data-draft-returned): that one already
      // has what was typed, the connection did not drop, and its error summary says what happened.
      const draft = form.dataset.draftReturned ? null : read(key);
      // Selects are left out: they arrive with a choice made (the proposed election), which is not something typed.
      const typed = fields().some((e) => e.type !== "hidden" && e.type !== "checkbox" && e.tagName !== "SELECT" && e.value !== "")
        || form.querySelector("[name$='.KeptEvidence']");
      const worthRestoring = draft && Object.entries(draft).some(([name, value]) => !name.endsWith(".SubmissionKey") && value !== "" && value !== false);
      if (worthRestoring && !typed) {
        for (const e of fields()) {
          if (!(e.name in draft)) continue;
          if (e.type === "checkbox") e.checked = draft[e.name] === true;
          else e.value = draft[e.name];
        }
        const status = document.getElementById(form.dataset.draftStatus);
        if (status) {
          status.textContent = form.dataset.draftRestored || "";
          status.hidden = false;
        }
      }
      form.addEventListener("input", save);
      form.addEventListener("change", save);
      form.addEventListener("submit", save);
      save();
    }
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wire);
  else wire();
  if (window.Blazor && window.Blazor.addEventListener) window.Blazor.addEventListener("enhancedload", wire);
})();
